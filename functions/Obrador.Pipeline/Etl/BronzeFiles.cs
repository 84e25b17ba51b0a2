using Microsoft.Extensions.Logging;
using Obrador.Lake.Storage;
using Obrador.Pipeline.Orchestration;

namespace Obrador.Pipeline.Etl;

/// <summary>Reads bronze record files; a file that cannot be parsed is quarantined with its reason instead of failing the run.</summary>
internal static class BronzeFiles
{
    /// <summary>
    /// The file's records, or null when it is unreadable: then its bytes are copied to
    /// <c>quarantine/{source}/_unreadable/{path with / → ~}</c> beside a <c>.reason.json</c>, and a warning is added.
    /// </summary>
    public static async Task<IReadOnlyList<T>?> ReadOrQuarantineAsync<T>(StageContext ctx, string source, ObjectInfo file, List<string> warnings, CancellationToken ct)
    {
        var bytes = await LakeIo.ReadBytesAsync(ctx.Lake, file.Path, ct).ConfigureAwait(false);
        if (bytes is null)
        {
            return [];
        }

        try
        {
            return await Parquet.ParquetRecords.ReadAsync<T>(new MemoryStream(bytes, false), ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is Parquet.ParquetException or InvalidDataException or InvalidCastException or EndOfStreamException or FormatException)
        {
            var name = file.Path.Replace('/', '~');
            var target = $"quarantine/{source}/_unreadable/{name}";
            await ctx.Lake.PutAsync(target, new MemoryStream(bytes, false), default, ct).ConfigureAwait(false);
            var reason = System.Text.Encoding.UTF8.GetBytes($"{{\"source\":\"{file.Path}\",\"reason\":{System.Text.Json.JsonSerializer.Serialize("unreadable: " + ex.Message)},\"run\":\"{ctx.Run.RunId}\"}}");
            await ctx.Lake.PutAsync(target + ".reason.json", new MemoryStream(reason, false), default, ct).ConfigureAwait(false);
            warnings.Add($"{file.Path}: unreadable ({ex.Message}); quarantined to {target}");
            ctx.Logger.LogWarning("Bronze file {Path} is unreadable and was quarantined: {Reason}", file.Path, ex.Message);
            return null;
        }
    }
}
