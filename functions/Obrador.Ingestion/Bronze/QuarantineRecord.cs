namespace Obrador.Ingestion.Bronze;

/// <summary>
/// One rejected input kept in <c>quarantine/</c> with why it was rejected and where it came from, so nothing that
/// reached Obrador is ever silently dropped.
/// </summary>
/// <remarks>
/// Schema version 1 of the quarantine table (snake_case names as in each summary). Every input record ends in exactly
/// one of bronze or quarantine; quarantine files use the same deterministic naming as their bronze counterparts
/// (<see cref="LakePaths.Quarantine"/>), so redelivery overwrites rather than duplicates.
/// </remarks>
public sealed record QuarantineRecord
{
    /// <summary><c>source</c>: <c>events</c>, <c>sales</c> or <c>billing</c>.</summary>
    public required string Source { get; init; }

    /// <summary><c>reason</c>: a stable machine code and a human message, <c>code: message</c>, naming the field.</summary>
    public required string Reason { get; init; }

    /// <summary><c>raw</c>: the rejected input as received: UTF-8 text, or <c>base64:</c> + Base64 when it was not valid UTF-8.</summary>
    public required string Raw { get; init; }

    /// <summary><c>location</c>: where the input came from, e.g. <c>partition=0;seq=1234;index=5</c>, <c>http;index=3</c>, <c>file.csv;row=17</c>.</summary>
    public required string Location { get; init; }

    /// <summary><c>index</c>: position of the record in its batch or file (0-based for events, 1-based data row for files).</summary>
    public required long Index { get; init; }

    /// <summary><c>at</c>: when it was quarantined, UTC.</summary>
    public required DateTimeOffset At { get; init; }
}
