using System.Globalization;
using System.Text.RegularExpressions;

namespace Obrador.Functions.Api;

/// <summary>
/// Collects validation errors of one request, keyed by parameter name, for an RFC 7807 <c>ValidationProblem</c>.
/// Parsing is strict and culture invariant; a failed parse records an error and returns the default.
/// </summary>
internal sealed partial class RequestValidation
{
    private Dictionary<string, string[]>? _errors;

    /// <summary>True when any parameter failed.</summary>
    public bool HasErrors => _errors is not null;

    /// <summary>Errors by parameter name.</summary>
    public IDictionary<string, string[]> Errors => _errors ??= new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="value"/> matches <c>^[A-Za-z0-9._:-]{1,64}\z</c> (no trailing newline).</summary>
    public static bool IsValidId(string? value) => value is not null && IdPattern().IsMatch(value);

    /// <summary>Records an error for <paramref name="parameter"/>.</summary>
    public void Add(string parameter, string message)
    {
        if (Errors.TryGetValue(parameter, out var existing))
        {
            Errors[parameter] = [.. existing, message];
        }
        else
        {
            Errors[parameter] = [message];
        }
    }

    /// <summary>Validates an id; returns it, or null when absent (error if required) or invalid.</summary>
    public string? Id(string parameter, string? value, bool required = true)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                Add(parameter, $"'{parameter}' is required.");
            }

            return null;
        }

        if (!IsValidId(value))
        {
            Add(parameter, $"'{parameter}' must match ^[A-Za-z0-9._:-]{{1,64}}$.");
            return null;
        }

        return value;
    }

    /// <summary>An integer in <c>[min, max]</c>, or <paramref name="fallback"/> when absent.</summary>
    public int Int(string parameter, string? value, int fallback, int min, int max)
    {
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
        {
            Add(parameter, $"'{parameter}' must be an integer from {min} to {max}.");
            return fallback;
        }

        return n;
    }

    /// <summary>A finite number in <c>[min, max]</c>, or <paramref name="fallback"/> when absent.</summary>
    public double Number(string parameter, string? value, double fallback, double min, double max)
    {
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }

        if (value.Length > 32 || !double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var x)
            || !double.IsFinite(x) || x < min || x > max)
        {
            Add(parameter, $"'{parameter}' must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.");
            return fallback;
        }

        return x;
    }

    /// <summary>One of <paramref name="allowed"/> (ordinal), or <paramref name="fallback"/> when absent.</summary>
    public string Choice(string parameter, string? value, string fallback, params string[] allowed)
    {
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }

        foreach (var a in allowed)
        {
            if (string.Equals(a, value, StringComparison.Ordinal))
            {
                return a;
            }
        }

        Add(parameter, $"'{parameter}' must be one of {string.Join(", ", allowed)}.");
        return fallback;
    }

    /// <summary>A calendar date <c>yyyy-MM-dd</c> between years 2000 and 2100, or null when absent.</summary>
    public DateOnly? Date(string parameter, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) || d.Year is < 2000 or > 2100)
        {
            Add(parameter, $"'{parameter}' must be a date yyyy-MM-dd between 2000 and 2100.");
            return null;
        }

        return d;
    }

    /// <summary>Checks <c>from ≤ to</c> and that the range spans at most <paramref name="maxDays"/> days; errors name <c>to</c>.</summary>
    public void Range(DateOnly? from, DateOnly? to, int maxDays, string toParameter = "to")
    {
        if (from is { } f && to is { } t)
        {
            if (t < f)
            {
                Add(toParameter, $"'{toParameter}' must not be before 'from'.");
            }
            else if (t.DayNumber - f.DayNumber > maxDays)
            {
                Add(toParameter, $"The range may span at most {maxDays} days.");
            }
        }
    }

    /// <summary>A comma-separated list of ids, at most <paramref name="max"/>, de-duplicated in order; empty when absent.</summary>
    public IReadOnlyList<string> IdList(string parameter, string? value, int max)
    {
        if (string.IsNullOrEmpty(value))
        {
            return [];
        }

        var parts = value.Split(',');
        if (parts.Length > max)
        {
            Add(parameter, $"'{parameter}' may hold at most {max} ids.");
            return [];
        }

        var ids = new List<string>(parts.Length);
        foreach (var p in parts)
        {
            if (!IsValidId(p))
            {
                Add(parameter, $"Every id in '{parameter}' must match ^[A-Za-z0-9._:-]{{1,64}}$.");
                return [];
            }

            if (!ids.Contains(p, StringComparer.Ordinal))
            {
                ids.Add(p);
            }
        }

        return ids;
    }

    [GeneratedRegex(@"^[A-Za-z0-9._:-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
