using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Obrador.Ingestion.Events;

/// <summary>Typed field readers of <see cref="EventParser"/>: each reads one JSON value or throws <see cref="EventReadException"/> naming the field.</summary>
public sealed partial class EventParser
{
    private static void Require<T>(T? value, string field)
    {
        if (value is null)
        {
            throw new EventReadException("missing_field", field, $"{field} is required");
        }
    }

    private string Id(ref Utf8JsonReader reader, string field)
    {
        var s = String(ref reader, field, _options.MaxIdLength);
        if (!IsId(s))
        {
            throw new EventReadException("invalid_id", field, $"{field} must be 1-{_options.MaxIdLength} characters of [A-Za-z0-9._:-]");
        }

        return s;
    }

    /// <summary>True when <paramref name="s"/> is non-empty and made of <c>[A-Za-z0-9._:-]</c> only.</summary>
    internal static bool IsId(string s)
    {
        if (s.Length == 0)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static string String(ref Utf8JsonReader reader, string field, int maxLength)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new EventReadException("invalid_type", field, $"{field} must be a string, not {Describe(reader.TokenType)}");
        }

        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > maxLength * 6L)
        {
            throw new EventReadException("too_long", field, $"{field} is longer than {maxLength} characters");
        }

        var s = reader.GetString()!;
        if (s.Length > maxLength)
        {
            throw new EventReadException("too_long", field, $"{field} is longer than {maxLength} characters");
        }

        return s;
    }

    private static DateTimeOffset Timestamp(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new EventReadException("invalid_type", field, $"{field} must be an RFC 3339 string, not {Describe(reader.TokenType)}");
        }

        if (reader.ValueIsEscaped || reader.HasValueSequence || !Rfc3339.IsDateTime(reader.ValueSpan) || !reader.TryGetDateTimeOffset(out var value))
        {
            throw new EventReadException("invalid_timestamp", field, $"{field} must be an RFC 3339 date-time with seconds and an offset, e.g. 2026-11-21T09:30:00Z");
        }

        return value.ToUniversalTime();
    }

    private static int Version(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var v) || v < 1)
        {
            throw new EventReadException("invalid_type", "schema_version", "schema_version must be a positive integer");
        }

        return v;
    }

    private static decimal Amount(ref Utf8JsonReader reader, string field, decimal max)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new EventReadException("invalid_type", field, $"{field} must be a number, not {Describe(reader.TokenType)}");
        }

        if (!reader.TryGetDecimal(out var v))
        {
            throw new EventReadException("out_of_range", field, $"{field} is not a representable number");
        }

        if (v < 0)
        {
            throw new EventReadException("out_of_range", field, $"{field} must not be negative");
        }

        if (v > max)
        {
            throw new EventReadException("out_of_range", field, $"{field} {v} exceeds the limit {max}");
        }

        // Bronze stores DECIMAL(18,4); more digits would be silently rounded, so they are refused instead.
        if (decimal.Round(v, 4) != v)
        {
            throw new EventReadException("out_of_range", field, $"{field} has more than 4 decimal places");
        }

        return v;
    }

    private static string Currency(ref Utf8JsonReader reader)
    {
        var s = String(ref reader, "data.currency", 3);
        if (s.Length != 3 || !s.All(char.IsAsciiLetterUpper))
        {
            throw new EventReadException("invalid_currency", "data.currency", "data.currency must be an ISO 4217 code of three upper-case letters");
        }

        return s;
    }

    private string Basket(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new EventReadException("invalid_type", "data.basket", "data.basket must be an array of lines");
        }

        // Re-written compactly with only the contract's fields, so silver can parse it without the raw payload.
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            var lines = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var field = $"data.basket[{lines}]";
                if (++lines > _options.MaxBasketLines)
                {
                    throw new EventReadException("too_many_lines", "data.basket", $"data.basket has more than {_options.MaxBasketLines} lines");
                }

                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new EventReadException("invalid_type", field, $"{field} must be an object");
                }

                string? item = null;
                decimal? quantity = null, price = null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("item_id"u8)) { reader.Read(); item = Id(ref reader, field + ".item_id"); }
                    else if (reader.ValueTextEquals("quantity"u8)) { reader.Read(); quantity = Amount(ref reader, field + ".quantity", _options.MaxQuantity); }
                    else if (reader.ValueTextEquals("price"u8)) { reader.Read(); price = Amount(ref reader, field + ".price", _options.MaxPrice); }
                    else { reader.Read(); reader.Skip(); }
                }

                Require(item, field + ".item_id");
                Require(quantity, field + ".quantity");
                writer.WriteStartObject();
                writer.WriteString("item_id"u8, item);
                writer.WriteNumber("quantity"u8, quantity!.Value);
                if (price is { } p)
                {
                    writer.WriteNumber("price"u8, p);
                }

                writer.WriteEndObject();
            }

            if (lines == 0)
            {
                throw new EventReadException("out_of_range", "data.basket", "data.basket must have at least one line");
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Describe(JsonTokenType t) => t switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => t.ToString(),
    };

    private static string Truncate(string s) => s.Length <= 32 ? s : s[..32] + "…";

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }
}
