namespace Ayuda.Tests.Support;

/// <summary>Waits for what background workers do (the mailbox poller, the outbox): asks again every 200 ms until it holds.</summary>
public static class Eventually
{
    /// <summary>The first value of <paramref name="probe"/> that satisfies <paramref name="done"/>; fails naming <paramref name="what"/> and the last value seen.</summary>
    public static async Task<T> Async<T>(Func<Task<T>> probe, Func<T, bool> done, string what, double seconds = 20, int everyMilliseconds = 200)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }
            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"After {seconds} s, still not {what}. Last seen: {Describe(value)}");
            }
            await Task.Delay(everyMilliseconds, TestContext.Current.CancellationToken);
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => s,
        System.Collections.IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Describe)) + "]",
        _ => value.ToString() ?? "",
    };
}
