using System.Text;
using Obrador.Ingestion.Bronze;
using Obrador.Ingestion.Events;
using Obrador.Ingestion.Tests.Support;

namespace Obrador.Ingestion.Tests.Events;

/// <summary>Generated cases: seeded random mutations of valid events; every event must end in exactly one of bronze or quarantine.</summary>
public sealed class EventIngestionPropertyTests
{
    private static readonly string[] Mutations =
    [
        "none", "truncate", "flip", "insert", "drop_field", "retype", "huge", "negative", "future", "past", "bad_utf8",
        "unknown_type", "duplicate", "null_value", "nested_deep", "wrong_container", "bom", "exponent",
    ];

    private static byte[] Mutate(Random rng, string valid, string mutation, string? previous)
    {
        var bytes = Encoding.UTF8.GetBytes(valid);
        switch (mutation)
        {
            case "truncate":
                return bytes[..rng.Next(0, bytes.Length)];
            case "flip":
                var flipped = (byte[])bytes.Clone();
                flipped[rng.Next(flipped.Length)] ^= (byte)(1 << rng.Next(8));
                return flipped;
            case "insert":
                var at = rng.Next(bytes.Length);
                return [.. bytes[..at], (byte)"{}[],:\"\\0-e"[rng.Next(11)], .. bytes[at..]];
            case "drop_field":
                var field = new[] { "\"event_id\"", "\"occurred_at\"", "\"source\"", "\"schema_version\"", "\"data\"" }[rng.Next(5)];
                return Encoding.UTF8.GetBytes(valid.Replace(field, "\"x_" + field.Trim('"') + "\"", StringComparison.Ordinal));
            case "retype":
                return Encoding.UTF8.GetBytes(valid.Replace("\"schema_version\":1", "\"schema_version\":\"1\"", StringComparison.Ordinal));
            case "huge":
                return Encoding.UTF8.GetBytes(valid.Replace("\"source\":\"web\"", "\"source\":\"" + new string('w', rng.Next(65, 200_000)) + "\"", StringComparison.Ordinal));
            case "negative":
                return Encoding.UTF8.GetBytes(valid.Replace("\"quantity\":", "\"quantity\":-", StringComparison.Ordinal).Replace("\"on_hand\":", "\"on_hand\":-1", StringComparison.Ordinal));
            case "future":
                return Encoding.UTF8.GetBytes(ReplaceTime(valid, "2031-01-01T00:00:00Z"));
            case "past":
                return Encoding.UTF8.GetBytes(ReplaceTime(valid, "1970-01-01T00:00:00Z"));
            case "bad_utf8":
                var bad = (byte[])bytes.Clone();
                bad[rng.Next(1, bad.Length - 1)] = (byte)rng.Next(0x80, 0x100);
                return bad;
            case "unknown_type":
                return Encoding.UTF8.GetBytes(System.Text.RegularExpressions.Regex.Replace(valid, "\"event_type\":\"[a-z_]+\"", "\"event_type\":\"refund\""));
            case "duplicate":
                return Encoding.UTF8.GetBytes(previous ?? valid);
            case "null_value":
                return Encoding.UTF8.GetBytes(valid.Replace("\"source\":\"web\"", "\"source\":null", StringComparison.Ordinal));
            case "nested_deep":
                return Encoding.UTF8.GetBytes(valid.Replace("\"source\":\"web\"", "\"source\":\"web\",\"x\":" + new string('[', 50) + new string(']', 50), StringComparison.Ordinal));
            case "wrong_container":
                return Encoding.UTF8.GetBytes("[" + valid + "]");
            case "bom":
                return [0xEF, 0xBB, 0xBF, .. bytes];
            case "exponent":
                return Encoding.UTF8.GetBytes(valid.Replace("\"quantity\":", "\"quantity\":1e", StringComparison.Ordinal));
            default:
                return bytes;
        }
    }

    private static string ReplaceTime(string json, string time) =>
        System.Text.RegularExpressions.Regex.Replace(json, "\"occurred_at\":\"[^\"]+\"", "\"occurred_at\":\"" + time + "\"");

    [Theory]
    [InlineData(11)]
    [InlineData(23)]
    [InlineData(47)]
    public async Task IngestAsync_MutatedBatches_EveryEventInExactlyOneOfBronzeOrQuarantine(int seed)
    {
        var rng = new Random(seed);
        var (ingestor, _, writer, _) = EventIngestorTests.Create();
        var total = 0;
        var rejectedCodes = new HashSet<string>();
        for (var b = 0; b < 40; b++)
        {
            var events = new List<RawEvent>();
            string? previous = null;
            for (var i = 0; i < 50; i++)
            {
                var valid = SampleEvents.Valid(rng, b * 1000 + i);
                var mutation = rng.Next(3) == 0 ? "none" : Mutations[rng.Next(Mutations.Length)];
                events.Add(new RawEvent(Mutate(rng, valid, mutation, previous), 1000L * b + i, SampleEvents.Now));
                previous = valid;
            }

            var result = await ingestor.IngestAsync(new EventBatch("9", events, true));
            total += events.Count;

            var bronze = result.BronzePath is null ? [] : await writer.ReadAsync<BronzeEvent>(result.BronzePath);
            var quarantine = result.QuarantinePath is null ? [] : await writer.ReadAsync<QuarantineRecord>(result.QuarantinePath);
            var inBronze = bronze.Select(e => (int)(e.SequenceNumber - 1000L * b)).ToHashSet();
            var inQuarantine = quarantine.Select(q => (int)q.Index).ToHashSet();

            Assert.Equal(events.Count, result.Accepted + result.Rejected);
            Assert.Equal(bronze.Count, inBronze.Count);
            Assert.Equal(quarantine.Count, inQuarantine.Count);
            Assert.Empty(inBronze.Intersect(inQuarantine));
            Assert.Equal(Enumerable.Range(0, events.Count), inBronze.Union(inQuarantine).Order());
            Assert.Equal(bronze.Count, bronze.Select(e => e.EventId).Distinct().Count());
            foreach (var e in bronze)
            {
                Assert.Equal(events[(int)(e.SequenceNumber - 1000L * b)].Json.ToArray(), e.Payload);
                Assert.True(e.Quantity is null or >= 0 and <= 100_000);
                Assert.True(e.OccurredAt >= new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero) && e.OccurredAt <= SampleEvents.Now.AddDays(1));
            }

            foreach (var q in quarantine)
            {
                var raw = events[(int)q.Index].Json.ToArray();
                Assert.Equal(BronzeWriter.RawText(raw), q.Raw);
                Assert.Matches("^[a-z_0-9]+: .+", q.Reason);
                rejectedCodes.Add(q.Reason[..q.Reason.IndexOf(':', StringComparison.Ordinal)]);
            }
        }

        Assert.Equal(2000, total);
        Assert.Superset(new HashSet<string> { "malformed_json", "invalid_utf8", "out_of_range", "missing_field", "unknown_event_type", "duplicate_event_id", "invalid_type" }, rejectedCodes);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public async Task IngestAsync_ArrayWithMalformedElements_RejectsEachAtItsIndexAndAcceptsTheRest(int seed)
    {
        // Faults inside an element that leave the array's own structure intact: each must cost its element only.
        string[] faults = ["trailing_comma", "bad_literal", "missing_colon", "leading_zero", "control_char", "bad_utf8", "single_quotes"];
        var rng = new Random(seed);
        var (ingestor, _, writer, _) = EventIngestorTests.Create();
        var seen = new HashSet<string>();
        for (var b = 0; b < 60; b++)
        {
            var valid = Enumerable.Range(0, 30).Select(i => SampleEvents.Valid(rng, (b * 30) + i)).ToArray();
            var broken = new SortedDictionary<int, string>();
            for (var k = rng.Next(1, 6); k > 0; k--)
            {
                broken[rng.Next(valid.Length)] = faults[rng.Next(faults.Length)];
            }

            var elements = valid.Select((json, i) => broken.TryGetValue(i, out var fault) ? Break(json, fault) : Encoding.UTF8.GetBytes(json)).ToArray();
            var body = Encoding.UTF8.GetBytes("[\n").Concat(elements.SelectMany((e, i) => i == 0 ? e : [(byte)',', (byte)' ', .. e])).Concat("\n]"u8.ToArray()).ToArray();

            var split = EventBatchReader.SplitHttpBody(body, SampleEvents.Now);
            var result = await ingestor.IngestAsync(new EventBatch("http-" + LakePaths.Key(body), split, false));

            Assert.Equal(valid.Length, split.Count);
            Assert.Equal(broken.Keys, result.Rejections.Select(r => r.Index));
            Assert.All(result.Rejections, r => Assert.Contains(r.Code, new[] { "malformed_json", "invalid_utf8" }));
            Assert.Equal(valid.Length - broken.Count, result.Accepted);
            var bronze = await writer.ReadAsync<BronzeEvent>(result.BronzePath!);
            Assert.Equal(Enumerable.Range(0, valid.Length).Where(i => !broken.ContainsKey(i)).Select(i => (long)i), bronze.Select(e => e.SequenceNumber).Order());
            var quarantine = await writer.ReadAsync<QuarantineRecord>(result.QuarantinePath!);
            Assert.Equal(broken.Keys.Select(i => BronzeWriter.RawText(elements[i])), quarantine.OrderBy(q => q.Index).Select(q => q.Raw));
            seen.UnionWith(broken.Values);
        }

        Assert.Equal(faults.Length, seen.Count);

        static byte[] Break(string json, string fault) => fault switch
        {
            "trailing_comma" => Encoding.UTF8.GetBytes(json[..^1] + ",}"),
            "bad_literal" => Encoding.UTF8.GetBytes(json.Replace("\"schema_version\":1", "\"schema_version\":tru", StringComparison.Ordinal)),
            "missing_colon" => Encoding.UTF8.GetBytes(json.Replace("\"source\":", "\"source\" ", StringComparison.Ordinal)),
            "leading_zero" => Encoding.UTF8.GetBytes(json.Replace("\"schema_version\":1", "\"schema_version\":01", StringComparison.Ordinal)),
            "control_char" => Encoding.UTF8.GetBytes(json.Replace("\"source\":\"", "\"source\":\"\t", StringComparison.Ordinal)),
            "bad_utf8" => [.. Encoding.UTF8.GetBytes(json[..^1] + ",\"note\":\""), 0xC3, 0x28, .. "\"}"u8],
            _ => Encoding.UTF8.GetBytes(json.Replace("\"source\":\"web\"", "'source':'web'", StringComparison.Ordinal)),
        };
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public async Task IngestAsync_MutatedHttpBodies_NeverThrowAndAccountForEverySplit(int seed)
    {
        var rng = new Random(seed);
        var (ingestor, _, writer, _) = EventIngestorTests.Create();
        for (var b = 0; b < 120; b++)
        {
            var body = SampleEvents.Array(Enumerable.Range(0, 20).Select(i => SampleEvents.Valid(rng, i)));
            for (var k = rng.Next(1, 4); k > 0; k--)
            {
                body[rng.Next(body.Length)] = (byte)rng.Next(256);
            }

            var split = EventBatchReader.SplitHttpBody(body, SampleEvents.Now);
            var result = await ingestor.IngestAsync(new EventBatch("http-" + LakePaths.Key(body), split, false));

            Assert.Equal(split.Count, result.Accepted + result.Rejected);
            var stored = (result.BronzePath is null ? 0 : (await writer.ReadAsync<BronzeEvent>(result.BronzePath)).Count)
                + (result.QuarantinePath is null ? 0 : (await writer.ReadAsync<QuarantineRecord>(result.QuarantinePath)).Count);
            Assert.Equal(split.Count, stored);
        }
    }
}
