namespace Obrador.Functions.Api.Contracts;

/// <summary>Body of <c>PATCH /api/costs/anomalies/{id}</c>.</summary>
public sealed record AnomalyUpdate
{
    /// <summary><c>acknowledged</c> or <c>resolved</c>.</summary>
    public string? Status { get; init; }

    /// <summary>Optional note, at most 500 characters.</summary>
    public string? Note { get; init; }

    /// <summary>Month partition <c>yyyy-MM</c> (from the list answer); when absent the last months are searched.</summary>
    public string? Month { get; init; }
}
