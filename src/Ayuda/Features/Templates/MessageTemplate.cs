using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ayuda.Features.Templates;

/// <summary>A customer-facing text as SystemAdmin or the head edited it; without a row the built-in default applies.</summary>
public sealed class MessageTemplate
{
    public const int MaxSubjectLength = 500;
    public const int MaxBodyLength = 20_000;

    public long Id { get; private set; }
    public TemplateKind Kind { get; private set; }

    /// <summary>"es" or "en": the customer's language.</summary>
    public string Language { get; private set; } = "es";
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";
    public int Version { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedByName { get; private set; } = "";

    private MessageTemplate() { }

    public MessageTemplate(TemplateKind kind, string language)
    {
        Kind = kind;
        Language = language;
    }

    /// <summary>Saves a text that <see cref="TemplateEngine.Check(TemplateKind, TemplateText)"/> accepted.</summary>
    public void Change(TemplateText text, string by, DateTimeOffset now)
    {
        Subject = text.Subject;
        Body = text.Body;
        UpdatedByName = by;
        UpdatedAt = now;
        Version++;
    }
}

/// <summary>A template's two parts, as Liquid.</summary>
public sealed record TemplateText(string Subject, string Body);

internal sealed class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> builder)
    {
        builder.ToTable("MessageTemplates");
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.Language).HasMaxLength(8);
        builder.Property(t => t.Subject).HasMaxLength(MessageTemplate.MaxSubjectLength);
        builder.Property(t => t.Body).HasMaxLength(MessageTemplate.MaxBodyLength);
        builder.Property(t => t.UpdatedByName).HasMaxLength(200);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.HasIndex(t => new { t.Kind, t.Language }).IsUnique();
    }
}
