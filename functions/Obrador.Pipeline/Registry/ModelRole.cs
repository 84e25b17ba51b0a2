namespace Obrador.Pipeline.Registry;

/// <summary>Roles of a registered model version (the <c>Role</c> property of the <c>Models</c> table).</summary>
public static class ModelRole
{
    /// <summary>The version serving predictions.</summary>
    public const string Champion = "champion";

    /// <summary>A trained version waiting for the promotion rule.</summary>
    public const string Challenger = "challenger";

    /// <summary>A former champion or a rejected challenger.</summary>
    public const string Retired = "retired";
}
