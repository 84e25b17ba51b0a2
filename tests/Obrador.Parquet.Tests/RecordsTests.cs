using Obrador.Parquet;

namespace Obrador.Parquet.Tests;

public sealed class RecordsTests
{
    public sealed record Sale(
        long EventId,
        string StoreId,
        string? Note,
        int Quantity,
        int? Returned,
        double Amount,
        float? Weight,
        bool Promo,
        [property: ParquetDecimal(9, 2)] decimal Price,
        decimal? Discount,
        DateTime SoldAt,
        DateTimeOffset? SyncedAt,
        DateOnly Day,
        byte[]? Payload);

    public sealed class MutableRow
    {
        public string Name { get; set; } = "";

        public long? Count { get; set; }
    }

    [Fact]
    public void SchemaOf_Record_SnakeCaseNamesAndNullability()
    {
        var schema = ParquetRecords.SchemaOf<Sale>();
        Assert.Equal("event_id: Int64, store_id: String, note: String?, quantity: Int32, returned: Int32?, amount: Double, weight: Float?, promo: Boolean, price: Decimal, discount: Decimal?, sold_at: TimestampMicros, synced_at: TimestampMicros?, day: Date, payload: Binary?", schema.ToString());
        Assert.Equal((9, 2), (schema["price"].Precision, schema["price"].Scale));
        Assert.Equal((18, 4), (schema["discount"].Precision, schema["discount"].Scale));
    }

    [Fact]
    public async Task WriteRead_Records_RoundTrip()
    {
        var rows = Enumerable.Range(0, 70_000).Select(i => new Sale(
            i, $"store-{i % 40}", i % 3 == 0 ? null : $"note {i}", i % 17, i % 4 == 0 ? null : i % 5, i * 0.25, i % 6 == 0 ? null : i / 8f,
            i % 2 == 0, 12.34m + (i % 100), i % 9 == 0 ? null : 0.0125m, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(i),
            i % 10 == 0 ? null : new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i), new DateOnly(2024, 1, 1).AddDays(i % 366),
            i % 7 == 0 ? null : BitConverter.GetBytes(i))).ToList();
        using var ms = new MemoryStream();
        await ParquetRecords.WriteAsync(ms, rows);
        ms.Position = 0;
        var back = await ParquetRecords.ReadAsync<Sale>(ms);
        Assert.Equal(rows.Count, back.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var e = rows[i];
            var a = back[i];
            Assert.Equal(e with { Payload = null }, a with { Payload = null });
            Assert.Equal(e.Payload, a.Payload);
        }
    }

    [Fact]
    public async Task ReadAsync_MutableClassWithMissingNullableColumn_LeavesDefault()
    {
        using var ms = new MemoryStream();
        await ParquetRecords.WriteAsync(ms, new[] { new { Name = "a" }, new { Name = "b" } });
        ms.Position = 0;
        var back = await ParquetRecords.ReadAsync<MutableRow>(ms);
        Assert.Equal(["a", "b"], back.Select(r => r.Name));
        Assert.All(back, r => Assert.Null(r.Count));
    }

    [Fact]
    public async Task ReadAsync_NullsIntoNonNullableProperty_Throws()
    {
        using var ms = new MemoryStream();
        await ParquetRecords.WriteAsync(ms, new[] { new MutableRow { Name = "x", Count = null } });
        ms.Position = 0;
        var ex = await Assert.ThrowsAsync<ParquetException>(() => ParquetRecords.ReadAsync<NonNullCount>(ms));
        Assert.Equal("count", ex.Column);
    }

    public sealed record NonNullCount(string Name, long Count);

    public sealed record Utf8Row(long Id, [property: ParquetUtf8] byte[] Json, [property: ParquetUtf8] byte[]? Note);

    public sealed record TextRow(long Id, string Json, string? Note);

    /// <summary>UTF-8 texts of 0–300 characters from ASCII, Latin, CJK and astral planes (surrogate pairs in UTF-16).</summary>
    private static string Text(Random rng) =>
        string.Concat(Enumerable.Range(0, rng.Next(0, 300)).Select(_ => rng.Next(5) switch
        {
            0 => "é",
            1 => "水",
            2 => "😀",
            _ => ((char)rng.Next(0x20, 0x7F)).ToString(),
        }));

    [Fact]
    public async Task Utf8Property_WritesStringColumn_ReadsBackAsBytesAndAsText()
    {
        var rng = new Random(5);
        var texts = Enumerable.Range(0, 5_000).Select(_ => (Json: Text(rng), Note: rng.Next(4) == 0 ? null : Text(rng))).ToList();
        var rows = texts.Select((t, i) => new Utf8Row(i, System.Text.Encoding.UTF8.GetBytes(t.Json), t.Note is null ? null : System.Text.Encoding.UTF8.GetBytes(t.Note))).ToList();
        Assert.Equal("id: Int64, json: String, note: String?", ParquetRecords.SchemaOf<Utf8Row>().ToString());

        using var ms = new MemoryStream();
        await ParquetRecords.WriteAsync(ms, rows);
        ms.Position = 0;
        var asBytes = await ParquetRecords.ReadAsync<Utf8Row>(ms);
        ms.Position = 0;
        var asText = await ParquetRecords.ReadAsync<TextRow>(ms);

        Assert.Equal(rows.Select(r => r.Json), asBytes.Select(r => r.Json));
        Assert.Equal(rows.Select(r => r.Note), asBytes.Select(r => r.Note));
        Assert.Equal(texts.Select(t => t.Json), asText.Select(r => r.Json));
        Assert.Equal(texts.Select(t => t.Note), asText.Select(r => r.Note));

        // And the other way: a STRING column written from strings reads into the byte[] property as UTF-8.
        using var fromText = new MemoryStream();
        await ParquetRecords.WriteAsync(fromText, asText);
        fromText.Position = 0;
        Assert.Equal(rows.Select(r => r.Json), (await ParquetRecords.ReadAsync<Utf8Row>(fromText)).Select(r => r.Json));
    }

}
