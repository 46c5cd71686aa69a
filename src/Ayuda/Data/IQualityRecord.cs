namespace Ayuda.Data;

/// <summary>
/// A record the quality-management system keeps for good (a complaint, its outcome): <see cref="AyudaDb"/> refuses
/// to delete one, whoever asks.
/// </summary>
public interface IQualityRecord
{
    string Number { get; }
}

/// <summary>Something tried to delete a quality record; that is a bug, never a user's choice.</summary>
public sealed class QualityRecordDeletionException(string type, string number)
    : InvalidOperationException($"{type} {number} is a quality record and is never deleted.");
