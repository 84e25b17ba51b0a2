using System.Text;
using Obrador.Ingestion.Events;
using Obrador.Ingestion.Tests.Support;

namespace Obrador.Ingestion.Tests.Events;

public sealed class EventParserTests
{
    private static readonly EventParser Parser = new(new EventValidationOptions(), new FixedTime(SampleEvents.Now));

    private static (Obrador.Ingestion.Bronze.BronzeEvent? Row, EventRejection? Rejection) Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    private static (Obrador.Ingestion.Bronze.BronzeEvent? Row, EventRejection? Rejection) Parse(byte[] json)
    {
        var row = Parser.Parse(new RawEvent(json, 7, SampleEvents.Now), 2, "0", SampleEvents.Now, out var rejection);
        return (row, rejection);
    }

    private const string Envelope = "\"event_id\":\"e1\",\"occurred_at\":\"2026-11-21T09:30:00+01:00\",\"source\":\"pos-12\",\"schema_version\":1";

    [Fact]
    public void Parse_PosSale_ProjectsEveryColumn()
    {
        var json = "{" + Envelope + ",\"event_type\":\"pos_sale\",\"data\":{\"store_id\":\"s12\",\"product_id\":\"baguette\",\"ticket_id\":\"t77\",\"quantity\":3,\"unit_price\":1.10,\"currency\":\"EUR\",\"extra\":{\"a\":[1,2]}}}";
        var (row, rejection) = Parse(json);
        Assert.Null(rejection);
        Assert.NotNull(row);
        Assert.Equal("e1", row.EventId);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 8, 30, 0, TimeSpan.Zero), row.OccurredAt);
        Assert.Equal(TimeSpan.Zero, row.OccurredAt.Offset);
        Assert.Equal("s12", row.StoreId);
        Assert.Equal("baguette", row.ProductId);
        Assert.Equal("t77", row.TicketId);
        Assert.Equal(3m, row.Quantity);
        Assert.Equal(1.10m, row.Price);
        Assert.Equal("EUR", row.Currency);
        Assert.Equal(json, Encoding.UTF8.GetString(row.Payload));
        Assert.Equal(7, row.SequenceNumber);
        Assert.Equal("0", row.PartitionId);
    }

    [Fact]
    public void Parse_PurchaseBasket_StoresCompactLines()
    {
        var json = "{" + Envelope + ",\"event_type\":\"purchase\",\"data\":{\"user_id\":\"u1\",\"currency\":\"EUR\",\"basket\":[ {\"item_id\":\"a\", \"quantity\":2, \"price\":1.5, \"note\":\"x\"}, {\"quantity\":1,\"item_id\":\"b\"} ]}}";
        var (row, rejection) = Parse(json);
        Assert.Null(rejection);
        Assert.Equal("[{\"item_id\":\"a\",\"quantity\":2,\"price\":1.5},{\"item_id\":\"b\",\"quantity\":1}]", row!.Basket);
    }

    [Theory]
    [InlineData("{", "malformed_json", "$")]
    [InlineData("[1,2]", "invalid_type", "$")]
    [InlineData("\"text\"", "invalid_type", "$")]
    [InlineData("{\"event_type\":\"view\"}", "missing_field", "event_id")]
    [InlineData("{ENV,\"event_type\":\"teleport\",\"data\":{}}", "unknown_event_type", "event_type")]
    [InlineData("{ENV,\"event_type\":\"view\",\"data\":{\"user_id\":\"u\"}}", "missing_field", "data.item_id")]
    [InlineData("{ENV,\"event_type\":\"view\",\"data\":[]}", "invalid_type", "data")]
    [InlineData("{ENV,\"event_type\":\"view\"}", "missing_field", "data")]
    [InlineData("{ENV,\"event_type\":\"add_to_cart\",\"data\":{\"user_id\":\"u\",\"item_id\":\"i\",\"quantity\":\"2\"}}", "invalid_type", "data.quantity")]
    [InlineData("{ENV,\"event_type\":\"add_to_cart\",\"data\":{\"user_id\":\"u\",\"item_id\":\"i\",\"quantity\":-1}}", "out_of_range", "data.quantity")]
    [InlineData("{ENV,\"event_type\":\"add_to_cart\",\"data\":{\"user_id\":\"u\",\"item_id\":\"i\",\"quantity\":1e9}}", "out_of_range", "data.quantity")]
    [InlineData("{ENV,\"event_type\":\"add_to_cart\",\"data\":{\"user_id\":\"u\",\"item_id\":\"i\",\"quantity\":1e400}}", "out_of_range", "data.quantity")]
    [InlineData("{ENV,\"event_type\":\"view\",\"data\":{\"user_id\":\"u/x\",\"item_id\":\"i\"}}", "invalid_id", "data.user_id")]
    [InlineData("{ENV,\"event_type\":\"view\",\"data\":{\"user_id\":\"\",\"item_id\":\"i\"}}", "invalid_id", "data.user_id")]
    [InlineData("{ENV,\"event_type\":\"view\",\"data\":{\"user_id\":7,\"item_id\":\"i\"}}", "invalid_type", "data.user_id")]
    [InlineData("{ENV,\"event_type\":\"pos_sale\",\"data\":{\"store_id\":\"s\",\"product_id\":\"p\",\"ticket_id\":\"t\",\"quantity\":1,\"unit_price\":1,\"currency\":\"eur\"}}", "invalid_currency", "data.currency")]
    [InlineData("{ENV,\"event_type\":\"purchase\",\"data\":{\"user_id\":\"u\",\"currency\":\"EUR\",\"basket\":[]}}", "out_of_range", "data.basket")]
    [InlineData("{ENV,\"event_type\":\"purchase\",\"data\":{\"user_id\":\"u\",\"currency\":\"EUR\",\"basket\":[{\"quantity\":1}]}}", "missing_field", "data.basket[0].item_id")]
    [InlineData("{ENV,\"event_type\":\"inventory_snapshot\",\"data\":{\"store_id\":\"s\",\"product_id\":\"p\"}}", "missing_field", "data.on_hand")]
    [InlineData("{ENV,\"event_type\":\"view\",\"event_type\":\"click\",\"data\":{\"user_id\":\"u\",\"item_id\":\"i\"}}", "duplicate_property", "$")]
    [InlineData("{ENV,\"event_type\":\"view\",\"data\":{\"user_id\":\"u\",\"item_id\":\"i\"}} {}", "malformed_json", "$")]
    public void Parse_BadEvent_RejectedWithCodeAndField(string template, string code, string field)
    {
        var (row, rejection) = Parse(template.Replace("ENV", Envelope, StringComparison.Ordinal));
        Assert.Null(row);
        Assert.NotNull(rejection);
        Assert.Equal((code, field), (rejection.Code, rejection.Field));
        Assert.Equal(2, rejection.Index);
        Assert.Contains(code, rejection.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-21T09:30:00", "invalid_timestamp")]
    [InlineData("2026-11-21 09:30Z", "invalid_timestamp")]
    [InlineData("21/11/2026 09:30:00", "invalid_timestamp")]
    [InlineData("2026-13-21T09:30:00Z", "invalid_timestamp")]
    [InlineData("1999-12-31T23:59:59Z", "out_of_range")]
    [InlineData("2026-11-22T12:00:01Z", "out_of_range")]
    public void Parse_BadTimestamp_Rejected(string occurredAt, string code)
    {
        var json = $"{{\"event_id\":\"e\",\"event_type\":\"view\",\"occurred_at\":\"{occurredAt}\",\"source\":\"web\",\"schema_version\":1,\"data\":{{\"user_id\":\"u\",\"item_id\":\"i\"}}}}";
        var (row, rejection) = Parse(json);
        Assert.Null(row);
        Assert.Equal((code, "occurred_at"), (rejection!.Code, rejection.Field));
    }

    [Theory]
    [InlineData("2026-11-22T12:00:00Z")]
    [InlineData("2000-01-01T00:00:00Z")]
    [InlineData("2026-11-21T09:30:00.123456789-05:00")]
    public void Parse_BoundaryTimestamp_Accepted(string occurredAt)
    {
        var json = $"{{\"event_id\":\"e\",\"event_type\":\"view\",\"occurred_at\":\"{occurredAt}\",\"source\":\"web\",\"schema_version\":1,\"data\":{{\"user_id\":\"u\",\"item_id\":\"i\"}}}}";
        var (row, rejection) = Parse(json);
        Assert.Null(rejection);
        Assert.NotNull(row);
    }

    [Fact]
    public void Parse_TenMegabyteString_RejectedAsTooLarge()
    {
        var json = "{" + Envelope + ",\"event_type\":\"view\",\"data\":{\"user_id\":\"" + new string('x', 10 * 1024 * 1024) + "\",\"item_id\":\"i\"}}";
        var (row, rejection) = Parse(json);
        Assert.Null(row);
        Assert.Equal("too_large", rejection!.Code);
    }

    [Fact]
    public void Parse_LongIdUnderSizeLimit_RejectedAsTooLong()
    {
        var json = "{" + Envelope + ",\"event_type\":\"view\",\"data\":{\"user_id\":\"" + new string('x', 65) + "\",\"item_id\":\"i\"}}";
        var (_, rejection) = Parse(json);
        Assert.Equal(("too_long", "data.user_id"), (rejection!.Code, rejection.Field));
    }

    [Fact]
    public void Parse_InvalidUtf8_Rejected()
    {
        var bytes = Encoding.UTF8.GetBytes("{" + Envelope + ",\"event_type\":\"view\",\"data\":{\"user_id\":\"u\",\"item_id\":\"iX\"}}");
        bytes[Array.LastIndexOf(bytes, (byte)'X')] = 0xC3;
        var (row, rejection) = Parse(bytes);
        Assert.Null(row);
        Assert.Equal("invalid_utf8", rejection!.Code);
    }

    [Fact]
    public void Parse_NewerSchemaVersion_Rejected()
    {
        var json = Envelope.Replace("\"schema_version\":1", "\"schema_version\":2", StringComparison.Ordinal);
        var (_, rejection) = Parse("{" + json + ",\"event_type\":\"view\",\"data\":{\"user_id\":\"u\",\"item_id\":\"i\"}}");
        Assert.Equal(("unsupported_version", "schema_version"), (rejection!.Code, rejection.Field));
    }

    [Fact]
    public void Options_InvalidLimit_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EventValidationOptions { MaxQuantity = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new EventValidationOptions { MaxIdLength = 0 }.Validate());
    }
}
