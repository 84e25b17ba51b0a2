using Obrador.Pipeline.Etl;

namespace Obrador.Pipeline.Models;

/// <summary>Reads whole gold data products (every date partition) for training and scoring.</summary>
internal static class GoldData
{
    public static async Task<bool> ExistsAsync(Orchestration.StageContext ctx, string product, CancellationToken ct)
    {
        var page = await ctx.Lake.ListAsync($"gold/{product}/", null, 1, ct).ConfigureAwait(false);
        return page.Items.Count > 0;
    }

    public static async Task<List<T>> ReadAllAsync<T>(Orchestration.StageContext ctx, string product, CancellationToken ct)
    {
        var dates = await LakeIo.PartitionDatesAsync(ctx.Lake, "gold", product, ct).ConfigureAwait(false);
        return await LakeIo.ReadPartitionsAsync<T>(ctx.Lake, d => LakeIo.Gold(product, d), dates, ct).ConfigureAwait(false);
    }

    public static Task<IReadOnlyList<T>> ReadSingleAsync<T>(Orchestration.StageContext ctx, string product, CancellationToken ct) =>
        LakeIo.ReadAsync<T>(ctx.Lake, LakeIo.GoldSingle(product), ct);
}
