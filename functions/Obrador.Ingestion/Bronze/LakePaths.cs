using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Obrador.Ingestion.Bronze;

/// <summary>
/// The deterministic object names of the bronze and quarantine layers (Hive-style <c>date=YYYY-MM-DD</c> partitions).
/// </summary>
/// <remarks>
/// Names are pure functions of the input's identity (partition and sequence range, upload id and version, export scope
/// and period), never of the time of processing, so a redelivered input overwrites its own file instead of adding a
/// second copy. All names are valid <see cref="Lake.Storage.IObjectStore"/> paths (<c>container/name</c>).
/// </remarks>
public static class LakePaths
{
    /// <summary>Container of raw, append-only data.</summary>
    public const string BronzeContainer = "bronze";

    /// <summary>Container of rejected records.</summary>
    public const string QuarantineContainer = "quarantine";

    /// <summary>Container of uploaded originals, statuses and error reports.</summary>
    public const string UploadsContainer = "uploads";

    /// <summary>Container the Cost Management exports land in (blob trigger <c>billing-exports/{name}</c>).</summary>
    public const string BillingExportsContainer = "billing-exports";

    /// <summary>Prefix of all bronze event files: <c>bronze/events/</c>.</summary>
    public const string BronzeEventsPrefix = "bronze/events/";

    /// <summary>Prefix of all bronze sales files: <c>bronze/sales/</c>.</summary>
    public const string BronzeSalesPrefix = "bronze/sales/";

    /// <summary>Prefix of all bronze billing files: <c>bronze/billing/</c>.</summary>
    public const string BronzeBillingPrefix = "bronze/billing/";

    /// <summary>
    /// <c>bronze/events/date=YYYY-MM-DD/{partition}-{firstSeq}-{lastSeq}.parquet</c> for one delivered batch.
    /// </summary>
    /// <param name="date">Partition date: the enqueued day (UTC) of the batch's first event; for an HTTP body, the day it was
    /// first received (<see cref="EventReceipt"/>).</param>
    /// <param name="partition">Event Hub partition id, or <c>http-{digest}</c> for the HTTP collector; id characters only.</param>
    /// <param name="firstSequence">Sequence number of the first event of the batch.</param>
    /// <param name="lastSequence">Sequence number of the last event (≥ <paramref name="firstSequence"/>).</param>
    /// <exception cref="ArgumentException">An invalid partition or a reversed range.</exception>
    public static string BronzeEvents(DateOnly date, string partition, long firstSequence, long lastSequence) =>
        Batch(BronzeEventsPrefix, date, partition, firstSequence, lastSequence);

    /// <summary>
    /// <c>bronze/receipts/events/{partition}</c>: the first receipt of an HTTP body, holding the partition date
    /// (<c>YYYY-MM-DD</c>) its files were given. A body resent on a later day is then written to the same files: the
    /// HTTP collector's date is the day the body was first received, which the body alone cannot tell. Outside
    /// <see cref="BronzeEventsPrefix"/>, so listings of bronze events do not see it.
    /// </summary>
    /// <param name="partition">The batch's partition, <c>http-{digest of the body}</c>; id characters only.</param>
    /// <exception cref="ArgumentException">An invalid partition.</exception>
    public static string EventReceipt(string partition)
    {
        CheckSegment(partition, nameof(partition));
        return $"{BronzeContainer}/receipts/events/{partition}";
    }

    /// <summary>
    /// <c>quarantine/{source}/date=YYYY-MM-DD/{name}.parquet</c>: the rejected records of the input whose bronze
    /// file is <c>{name}.parquet</c> (same stem, so a redelivery overwrites both).
    /// </summary>
    /// <param name="source"><c>events</c>, <c>sales</c> or <c>billing</c>.</param>
    /// <param name="date">Partition date, the same as the bronze counterpart's.</param>
    /// <param name="name">File stem (id characters, <c>-</c>, <c>_</c>, <c>.</c>, <c>=</c>).</param>
    public static string Quarantine(string source, DateOnly date, string name)
    {
        CheckSegment(source, nameof(source));
        CheckSegment(name, nameof(name));
        return $"{QuarantineContainer}/{source}/date={Day(date)}/{name}.parquet";
    }

    /// <summary>
    /// The name prefixes, bronze and quarantine, of every batch file of <paramref name="partition"/> that starts at
    /// <paramref name="firstSequence"/> on <paramref name="date"/>: <c>…/date=YYYY-MM-DD/{partition}-{firstSeq}-</c>.
    /// A batch read again from the same checkpoint with other boundaries has a file under them with another last sequence.
    /// </summary>
    /// <exception cref="ArgumentException">An invalid partition or a negative sequence number.</exception>
    public static (string Bronze, string Quarantine) EventBatchStems(DateOnly date, string partition, long firstSequence) =>
        (Stem(BronzeEventsPrefix, date, partition, firstSequence), Stem(QuarantineContainer + "/events/", date, partition, firstSequence));

    /// <summary>Quarantine file for the rejected events of one batch (same stem as <see cref="BronzeEvents"/>).</summary>
    public static string QuarantineEvents(DateOnly date, string partition, long firstSequence, long lastSequence) =>
        Batch(QuarantineContainer + "/events/", date, partition, firstSequence, lastSequence);

    /// <summary>
    /// <c>bronze/sales/date=YYYY-MM-DD/upload-{uploadId}-v{version}.parquet</c>: one accepted historical upload.
    /// </summary>
    /// <param name="acceptedOn">The UTC day the upload was accepted.</param>
    /// <param name="uploadId">Upload id (hex).</param>
    /// <param name="version">Upload version (UTC ticks at acceptance), so files sort by version.</param>
    public static string BronzeSales(DateOnly acceptedOn, string uploadId, long version)
    {
        CheckSegment(uploadId, nameof(uploadId));
        return $"{BronzeSalesPrefix}date={Day(acceptedOn)}/upload-{uploadId}-v{version.ToString("D19", CultureInfo.InvariantCulture)}.parquet";
    }

    /// <summary><c>bronze/sales/_tombstones/{uploadId}.json</c>: marks a soft-deleted upload; silver skips its rows.</summary>
    public static string SalesTombstones(string uploadId)
    {
        CheckSegment(uploadId, nameof(uploadId));
        return $"{BronzeSalesPrefix}_tombstones/{uploadId}.json";
    }

    /// <summary>
    /// <c>bronze/billing/scope={scopeKey}/period={period}/{fileKey}-{etagKey}.parquet</c>: the rows of one version of
    /// one export file. The scope and period directory is the unit of replacement: a re-export of the same scope and
    /// period deletes the files of the earlier run once the new run has reconciled. The version key keeps a source blob
    /// rewritten in place from overwriting the earlier run's file before it is known to reconcile; the same version
    /// always gets the same name, so a retried ingestion overwrites itself.
    /// </summary>
    /// <param name="scope">Export scope (any text; hashed into a stable key).</param>
    /// <param name="period">Export period <c>yyyyMMdd-yyyyMMdd</c>.</param>
    /// <param name="file">Source blob path (any text; hashed into a stable key).</param>
    /// <param name="etag">The source blob's ETag (any text; hashed into a stable key).</param>
    /// <exception cref="ArgumentException"><paramref name="period"/> is not a path segment (1–128 of <c>[A-Za-z0-9._=-]</c>).</exception>
    public static string BronzeBilling(string scope, string period, string file, string etag) =>
        $"{BillingScopePeriodPrefix(scope, period)}{Key(file)}-{Key(etag)}.parquet";

    /// <summary>
    /// The source key of a bronze billing file (<see cref="BronzeBilling"/>): its <c>{fileKey}</c>, the same for every
    /// version of one source blob. Files written before versions were named (<c>{fileKey}.parquet</c>) give their whole name.
    /// </summary>
    public static string BillingSourceKey(string bronzePath)
    {
        ArgumentNullException.ThrowIfNull(bronzePath);
        var name = Path.GetFileNameWithoutExtension(bronzePath);
        return name.IndexOf('-', StringComparison.Ordinal) is var dash and >= 0 ? name[..dash] : name;
    }

    /// <summary>Folder of one export scope and period: <c>bronze/billing/scope={scopeKey}/period={period}/</c>.</summary>
    public static string BillingScopePeriodPrefix(string scope, string period)
    {
        CheckSegment(period, nameof(period));
        return $"{BronzeBillingPrefix}scope={Key(scope)}/period={period}/";
    }

    /// <summary><c>bronze/billing/_ledger/{fileKey}.json</c>: the ingestion record (ETag, reconciliation) of one export blob.</summary>
    public static string BillingLedger(string file) => $"{BronzeBillingPrefix}_ledger/{Key(file)}.json";

    /// <summary><c>bronze/billing/_runs/scope={scopeKey}/period={period}.json</c>: which export run currently owns a scope and period.</summary>
    public static string BillingRun(string scope, string period)
    {
        CheckSegment(period, nameof(period));
        return $"{BronzeBillingPrefix}_runs/scope={Key(scope)}/period={period}.json";
    }

    /// <summary>A stable 16-hex-digit key of arbitrary text (first 8 bytes of its SHA-256), safe as a path segment.</summary>
    public static string Key(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }

    /// <summary>A stable 16-hex-digit key of arbitrary bytes (first 8 bytes of their SHA-256).</summary>
    public static string Key(ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes, hash);
        return Convert.ToHexStringLower(hash[..8]);
    }

    /// <summary>The partition day of a UTC instant.</summary>
    public static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    private static string Batch(string prefix, DateOnly date, string partition, long first, long last)
    {
        if (last < first)
        {
            throw new ArgumentException($"Sequence range [{first}, {last}] is invalid: first must be non-negative and not after last.", nameof(first));
        }

        return string.Create(CultureInfo.InvariantCulture, $"{Stem(prefix, date, partition, first)}{last}.parquet");
    }

    // {prefix}date=YYYY-MM-DD/{partition}-{first}-: every batch file starting at first.
    private static string Stem(string prefix, DateOnly date, string partition, long first)
    {
        CheckSegment(partition, nameof(partition));
        if (first < 0)
        {
            throw new ArgumentException($"Sequence number {first} is invalid: the first sequence must be non-negative.", nameof(first));
        }

        return string.Create(CultureInfo.InvariantCulture, $"{prefix}date={Day(date)}/{partition}-{first}-");
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void CheckSegment(string value, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, name);
        if (value.Length > 128 || value is "." or ".." || value.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '=')))
        {
            throw new ArgumentException($"'{value}' is not a valid path segment (1-128 of [A-Za-z0-9._=-]).", name);
        }
    }
}
