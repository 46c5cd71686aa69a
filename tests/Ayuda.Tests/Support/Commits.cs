using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ayuda.Tests.Support;

/// <summary>
/// Counts the transactions EF commits on one host's database, from EF's own diagnostic events (what its
/// "Committed transaction" log line reports); other tests' databases in the same process are not counted.
/// </summary>
public sealed class Commits : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _dataSource;
    private readonly string _database;
    private readonly IDisposable _all;
    private readonly List<IDisposable> _listeners = [];
    private int _count;

    private Commits(string dataSource, string database)
    {
        _dataSource = dataSource;
        _database = database;
        _all = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public int Count => Volatile.Read(ref _count);

    public static async Task<Commits> OnAsync(AyudaApp app)
    {
        await using var db = await app.DbAsync();
        var connection = db.Database.GetDbConnection();
        return new Commits(connection.DataSource, connection.Database);
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (_listeners)
            {
                _listeners.Add(listener.Subscribe(this, name => name == RelationalEventId.TransactionCommitted.Name));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is TransactionEndEventData { Context: { } context }
            && context.Database.GetDbConnection() is var connection && connection.DataSource == _dataSource && connection.Database == _database)
        {
            Interlocked.Increment(ref _count);
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted() { }
    void IObserver<DiagnosticListener>.OnError(Exception error) { }
    void IObserver<KeyValuePair<string, object?>>.OnCompleted() { }
    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error) { }

    public void Dispose()
    {
        _all.Dispose();
        lock (_listeners)
        {
            _listeners.ForEach(l => l.Dispose());
        }
    }
}
