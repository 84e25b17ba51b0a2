using System.Diagnostics;
using System.Text.Json;

namespace Obrador.Testing;

/// <summary>
/// Runs SQL in DuckDB through <c>tests/tools/duckdb.mjs</c> (node + @duckdb/node-api from the repository's
/// node_modules) for cross-implementation checks. Each call starts a fresh in-memory DuckDB.
/// </summary>
public static class DuckDb
{
    /// <summary>Runs <paramref name="sql"/> (one or more statements) and returns the last statement's result.</summary>
    /// <exception cref="InvalidOperationException">node is missing or DuckDB reported an error (message included).</exception>
    public static async Task<DuckDbResult> QueryAsync(string sql, CancellationToken cancellationToken = default)
    {
        var psi = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(RepoPaths.Root, "tests", "tools", "duckdb.mjs"));
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start node");
        await process.StandardInput.WriteAsync(sql.AsMemory(), cancellationToken);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"DuckDB failed ({process.ExitCode}): {await stderr}\nSQL: {sql}");
        }

        using var doc = JsonDocument.Parse(await stdout);
        var root = doc.RootElement;
        return new DuckDbResult(
            root.GetProperty("columns").EnumerateArray().Select(e => e.GetString()!).ToArray(),
            root.GetProperty("types").EnumerateArray().Select(e => e.GetString()!).ToArray(),
            root.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.Clone()).ToArray()).ToArray());
    }

    /// <summary>Quotes a path or text as a SQL string literal.</summary>
    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
