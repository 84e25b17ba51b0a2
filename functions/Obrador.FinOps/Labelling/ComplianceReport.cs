namespace Obrador.FinOps.Labelling;

/// <summary>Label compliance: the share of cost on resources that carry every required tag.</summary>
public sealed record ComplianceReport
{
    /// <summary>Total cost of the inventory.</summary>
    public required decimal TotalCost { get; init; }

    /// <summary>Cost of resources carrying every required tag (real tags only).</summary>
    public required decimal CompliantCostBefore { get; init; }

    /// <summary>Cost of resources carrying every required tag once the accepted suggestions are applied.</summary>
    public required decimal CompliantCostAfter { get; init; }

    /// <summary>Before, as a share of total cost (0 when the total is 0).</summary>
    public double ShareBefore => TotalCost == 0 ? 0 : (double)(CompliantCostBefore / TotalCost);

    /// <summary>After, as a share of total cost.</summary>
    public double ShareAfter => TotalCost == 0 ? 0 : (double)(CompliantCostAfter / TotalCost);
}
