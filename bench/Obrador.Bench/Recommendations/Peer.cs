using System.Diagnostics;

namespace Obrador.Bench.Recommendations;

/// <summary>Runs a python peer script from <c>bench/peers</c> with <c>/usr/bin/python3</c>.</summary>
internal static class Peer
{
    /// <returns>The script's stdout, or null (with a message) when python or the script fails.</returns>
    public static string? Run(string script, string arguments)
    {
        var path = Path.Combine(SharedData.RepoRoot, "bench", "peers", script);
        var info = new ProcessStartInfo("/usr/bin/python3", $"{path} {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info);
        if (process is null)
        {
            Console.WriteLine("peer: could not start /usr/bin/python3");
            return null;
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Console.WriteLine($"peer {script} failed ({process.ExitCode}): {stderr.Trim()}");
            return null;
        }

        return stdout.Result;
    }
}
