using Ayuda.Infrastructure;

namespace Ayuda.Features.Customers;

/// <summary>A person at a customer who calls, writes and receives notifications.</summary>
public sealed class Contact
{
    public int Id { get; private set; }
    public int CustomerId { get; private set; }
    public string Name { get; private set; } = "";
    public string SearchName { get; private set; } = "";
    public string Position { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public List<ContactEmail> Emails { get; private set; } = [];
    public List<ContactPhone> Phones { get; private set; } = [];

    private Contact() { }

    public Contact(string name) => Rename(name);

    public void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
        SearchName = SearchText.Fold(Name);
    }

    public void SetChannels(IEnumerable<string> emails, IEnumerable<ContactPhone> phones)
    {
        var emailList = emails.Select(e => e.Trim().ToLowerInvariant()).Distinct().Select(e => new ContactEmail(e)).ToList();
        var phoneList = phones.DistinctBy(p => p.Number).ToList();
        Emails.Clear();
        Emails.AddRange(emailList);
        Phones.Clear();
        Phones.AddRange(phoneList);
    }
}

public sealed class ContactEmail(string address)
{
    /// <summary>Lower case, so matching a sender is an exact, indexed comparison.</summary>
    public string Address { get; private set; } = address;
}

public sealed class ContactPhone
{
    /// <summary>E.164.</summary>
    public string Number { get; set; } = "";
    public bool WhatsApp { get; set; }
    public string Label { get; set; } = "";
}
