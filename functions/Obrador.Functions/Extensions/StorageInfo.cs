namespace Obrador.Functions.Extensions;

/// <summary>Which storage the app was wired to, for health reports.</summary>
/// <param name="Mode"><c>embedded</c> (SQLite + file system under <c>Storage:LocalRoot</c>) or <c>azure</c>.</param>
public sealed record StorageInfo(string Mode);
