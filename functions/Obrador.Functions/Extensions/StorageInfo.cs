namespace Obrador.Functions.Extensions;

/// <summary>Which storage the app was wired to, for health reports.</summary>
/// <param name="Mode"><c>embedded</c> (SQLite + file system under <c>Storage:LocalRoot</c>), <c>azure-shared-key</c> or <c>azure-token</c>.</param>
public sealed record StorageInfo(string Mode);
