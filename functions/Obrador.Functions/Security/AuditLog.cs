using Obrador.Lake.Serving;
using Obrador.Lake.Storage;

namespace Obrador.Functions.Security;

/// <summary>
/// Appends records to the <c>Audit</c> table: PK <c>{yyyy-MM-dd}</c>, RK <c>{inverted ticks:D19}|{uuid v7}</c>
/// (newest first within a day); <c>Actor</c>, <c>Action</c>, <c>Route</c>, <c>Status</c>, <c>Detail</c>. Thread safe.
/// </summary>
internal sealed class AuditLog
{
    private const int MaxField = 512;
    private readonly ITableStore _tables;
    private readonly TimeProvider _time;

    public AuditLog(ITableStore tables, TimeProvider time)
    {
        _tables = tables;
        _time = time;
    }

    /// <summary>Writes one record; fields are truncated to 512 characters.</summary>
    /// <exception cref="StorageException">The table could not be written.</exception>
    public async Task WriteAsync(string actor, string action, string route, int status, string detail, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var rowKey = (DateTimeOffset.MaxValue.UtcTicks - now.UtcTicks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture)
            + "|" + Guid.CreateVersion7(now).ToString("N");
        var entity = new TableEntity(now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), rowKey)
        {
            ["Actor"] = Clip(actor),
            ["Action"] = Clip(action),
            ["Route"] = Clip(route),
            ["Status"] = status,
            ["Detail"] = Clip(detail),
            ["At"] = now,
        };
        await _tables.UpsertAsync(ServingTables.Audit, entity, UpsertMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    private static string Clip(string value) => value.Length <= MaxField ? value : value[..MaxField];
}
