using Microsoft.AspNetCore.Http.HttpResults;
using Obrador.Functions.Api.Contracts;
using Obrador.Functions.Security;
using Obrador.Functions.Serving;
using Obrador.Lake.Serving;

namespace Obrador.Functions.Api;

/// <summary>Shop recommendation routes: personalized lists, similar items, trending.</summary>
public static class RecommendationsApi
{
    private const int MaxN = 100;
    private const int MaxBasket = 50;
    private const string FallbackWindow = "7d";
    private const string AllCategories = "_all";

    /// <summary>Maps <c>/api/recommendations/{userId}</c>, <c>/api/items/{itemId}/similar</c> and <c>/api/trending</c> (policy <c>read</c>).</summary>
    public static IEndpointRouteBuilder MapRecommendationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(ObradorPolicies.Read).WithTags("Recommendations").WithApiBodyLimit(app);
        api.MapGet("/recommendations/{userId}", GetRecommendations).WithName("GetRecommendations").WithSummary("Top-n items for a user, by context.");
        api.MapGet("/items/{itemId}/similar", GetSimilar).WithName("GetSimilarItems").WithSummary("Items similar to an item.");
        api.MapGet("/trending", GetTrending).WithName("GetTrending").WithSummary("Trending items by window and category.");
        return app;
    }

    internal static async Task<Results<ServedJson, ValidationProblem>> GetRecommendations(
        string userId, [AsParameters] RecommendationQuery query, ServingReader reader, CancellationToken cancellationToken)
    {
        var v = new RequestValidation();
        var user = v.Id("userId", userId);
        var n = v.Int("n", query.N, 10, 1, MaxN);
        var context = v.Choice("context", query.Context, "home", "home", "product", "cart");
        var itemId = v.Id("itemId", query.ItemId, required: context == "product");
        var basket = v.IdList("basket", query.Basket, MaxBasket);
        if (context == "cart" && basket.Count == 0 && !v.Errors.ContainsKey("basket"))
        {
            v.Add("basket", "'basket' is required when context is cart.");
        }

        if (v.HasErrors)
        {
            return TypedResults.ValidationProblem(v.Errors);
        }

        var request = new RecRequest(user!, n, context, itemId, basket);
        var key = string.Join('\u001f', "rec", request.UserId, n, context, itemId, string.Join(',', basket.Order(StringComparer.Ordinal)));
        return await reader.GetAsync(key, request, BuildRecommendationsAsync, cancellationToken);
    }

    internal static async Task<Results<ServedJson, ValidationProblem>> GetSimilar(string itemId, string? n, ServingReader reader, CancellationToken cancellationToken)
    {
        var v = new RequestValidation();
        var item = v.Id("itemId", itemId);
        var count = v.Int("n", n, 10, 1, MaxN);
        if (v.HasErrors)
        {
            return TypedResults.ValidationProblem(v.Errors);
        }

        var key = string.Join('\u001f', "sim", item, count);
        return await reader.GetAsync(key, (Item: item!, N: count), static async (r, p, s, ct) =>
        {
            if (p.Version is { } version && await r.GetItemListAsync(ServingTables.SimilarItems, ServingTables.VersionedKey(version, s.Item), "similar", ct) is { } similar)
            {
                return new SimilarItemsResponse(s.Item, similar.Source ?? "collaborative", p.Label, similar.GeneratedAt, Take(similar.Items, s.N, []));
            }

            var (source, list) = await TrendingFallbackAsync(r, p, ct);
            return new SimilarItemsResponse(s.Item, source, p.Label, list?.GeneratedAt, Take(list?.Items, s.N, [s.Item]));
        }, cancellationToken);
    }

    internal static async Task<Results<ServedJson, ValidationProblem>> GetTrending(string? category, string? window, string? n, ServingReader reader, CancellationToken cancellationToken)
    {
        var v = new RequestValidation();
        var cat = v.Id("category", category, required: false) ?? AllCategories;
        var win = v.Choice("window", window, FallbackWindow, "1d", "7d", "30d");
        var count = v.Int("n", n, 10, 1, MaxN);
        if (v.HasErrors)
        {
            return TypedResults.ValidationProblem(v.Errors);
        }

        var key = string.Join('\u001f', "trend", cat, win, count);
        return await reader.GetAsync(key, (Category: cat, Window: win, N: count), static async (r, p, s, ct) =>
        {
            if (p.Version is { } version)
            {
                var pk = ServingTables.VersionedKey(version, s.Window);
                if (await r.GetItemListAsync(ServingTables.Trending, pk, s.Category, ct) is { } exact)
                {
                    return new TrendingResponse(s.Window, s.Category, "trending", p.Label, exact.GeneratedAt, Take(exact.Items, s.N, []));
                }

                if (s.Category != AllCategories && await r.GetItemListAsync(ServingTables.Trending, pk, AllCategories, ct) is { } all)
                {
                    return new TrendingResponse(s.Window, AllCategories, "fallback", p.Label, all.GeneratedAt, Take(all.Items, s.N, []));
                }
            }

            return new TrendingResponse(s.Window, AllCategories, "fallback", p.Label, null, []);
        }, cancellationToken);
    }

    private static async Task<object> BuildRecommendationsAsync(ServingReader r, ServingPointer p, RecRequest s, CancellationToken ct)
    {
        if (p.Version is not { } version)
        {
            return new RecommendationsResponse(s.UserId, s.Context, "fallback", p.Label, null, []);
        }

        if (s.Context == "product" && s.ItemId is { } viewed
            && await r.GetItemListAsync(ServingTables.SimilarItems, ServingTables.VersionedKey(version, viewed), "similar", ct) is { Items.Count: > 0 } similar)
        {
            return new RecommendationsResponse(s.UserId, s.Context, similar.Source ?? "collaborative", p.Label, similar.GeneratedAt, Take(similar.Items, s.N, [viewed]));
        }

        if (s.Context == "cart")
        {
            var merged = await MergeBasketAsync(r, version, s.Basket, ct);
            if (merged.Items.Count > 0)
            {
                return new RecommendationsResponse(s.UserId, s.Context, "basket", p.Label, merged.GeneratedAt, Take(merged.Items, s.N, s.Basket));
            }
        }

        var exclude = s.Context == "cart" ? s.Basket : s.ItemId is { } i ? [i] : (IReadOnlyList<string>)[];
        if (await r.GetItemListAsync(ServingTables.Recommendations, ServingTables.VersionedKey(version, s.UserId), "top", ct) is { Items.Count: > 0 } personal)
        {
            return new RecommendationsResponse(s.UserId, s.Context, personal.Source ?? "personalized", p.Label, personal.GeneratedAt, Take(personal.Items, s.N, exclude));
        }

        var (source, list) = await TrendingFallbackAsync(r, p, ct);
        return new RecommendationsResponse(s.UserId, s.Context, source, p.Label, list?.GeneratedAt, Take(list?.Items, s.N, exclude));
    }

    /// <summary>Sums the similar-item scores of every basket item (one cached point read each), best first.</summary>
    private static async Task<ItemList> MergeBasketAsync(ServingReader r, string version, IReadOnlyList<string> basket, CancellationToken ct)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        DateTimeOffset? generatedAt = null;
        foreach (var item in basket)
        {
            if (await r.GetItemListAsync(ServingTables.SimilarItems, ServingTables.VersionedKey(version, item), "similar", ct) is not { } list)
            {
                continue;
            }

            generatedAt = generatedAt is null || list.GeneratedAt < generatedAt ? list.GeneratedAt : generatedAt;
            foreach (var s in list.Items)
            {
                scores[s.Id] = scores.GetValueOrDefault(s.Id) + s.Score;
            }
        }

        var merged = scores.Select(kv => new ItemScore(kv.Key, kv.Value))
            .OrderByDescending(i => i.Score).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
        return new ItemList(merged, "basket", generatedAt);
    }

    private static async Task<(string Source, ItemList? List)> TrendingFallbackAsync(ServingReader r, ServingPointer p, CancellationToken ct)
    {
        if (p.Version is { } version
            && await r.GetItemListAsync(ServingTables.Trending, ServingTables.VersionedKey(version, FallbackWindow), AllCategories, ct) is { Items.Count: > 0 } trending)
        {
            return ("trending", trending);
        }

        return ("fallback", null);
    }

    private static List<ItemScore> Take(IReadOnlyList<ItemScore>? items, int n, IReadOnlyList<string> exclude)
    {
        var result = new List<ItemScore>(Math.Min(n, items?.Count ?? 0));
        if (items is null)
        {
            return result;
        }

        foreach (var item in items)
        {
            if (result.Count == n)
            {
                break;
            }

            if (!exclude.Contains(item.Id, StringComparer.Ordinal))
            {
                result.Add(item);
            }
        }

        return result;
    }

    private sealed record RecRequest(string UserId, int N, string Context, string? ItemId, IReadOnlyList<string> Basket);
}
