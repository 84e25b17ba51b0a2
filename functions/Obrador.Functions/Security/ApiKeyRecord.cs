namespace Obrador.Functions.Security;

/// <summary>A verified API key: who it is and what it may do (never the secret or its hash).</summary>
/// <param name="KeyId">Row key in <c>ApiKeys</c>.</param>
/// <param name="Role">One of <see cref="ObradorRoles.All"/>.</param>
/// <param name="Stores">Stores a store manager may read; <c>*</c> means all.</param>
internal sealed record ApiKeyRecord(string KeyId, string Role, IReadOnlyList<string> Stores);
