using Obrador.Lake.Storage;
using Obrador.Lake.Storage.Azure;

namespace Obrador.Lake.Tests.Storage;

public sealed class AzureWireFormatTests
{
    [Theory]
    [InlineData("o'brien", "'o''brien'")]
    [InlineData("' or 1 eq 1", "''' or 1 eq 1'")]
    [InlineData("", "''")]
    public void Literal_String_DoublesSingleQuotes(string value, string expected) => Assert.Equal(expected, ODataFilter.Literal(value));

    [Fact]
    public void Literal_TypedValues_UseEdmLiteralForms()
    {
        Assert.Equal("42", ODataFilter.Literal(42));
        Assert.Equal("42L", ODataFilter.Literal(42L));
        Assert.Equal("3.0", ODataFilter.Literal(3.0));
        Assert.Equal("-0.25", ODataFilter.Literal(-0.25));
        Assert.Equal("1E+300", ODataFilter.Literal(1e300));
        Assert.Equal("true", ODataFilter.Literal(true));
        Assert.Equal("datetime'2026-11-21T08:00:00.1234567Z'", ODataFilter.Literal(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234567)));
        Assert.Equal("guid'0f8fad5b-d9cb-469f-a165-70867728950e'", ODataFilter.Literal(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e")));
        Assert.Equal("X'00ff10'", ODataFilter.Literal(new byte[] { 0, 255, 16 }));
    }

    [Fact]
    public void Build_ConditionsAreAndedAfterThePartition()
    {
        var filter = ODataFilter.Build("v1|s'1", [new TableCondition("RowKey", ComparisonOp.GreaterThanOrEqual, "a"), new TableCondition("P50", ComparisonOp.LessThan, 2.5)]);
        Assert.Equal("PartitionKey eq 'v1|s''1' and RowKey ge 'a' and P50 lt 2.5", filter);
    }

    [Fact]
    public void Literal_NonFiniteDouble_Throws() => Assert.Throws<ArgumentException>(() => ODataFilter.Literal(double.NaN));

    [Fact]
    public void EntityPath_EscapesQuotesAndReservedCharacters() =>
        Assert.Equal("/Runs(PartitionKey='o%27%27brien',RowKey='a%20b%7Cc')", AzureTableStore.EntityPath("Runs", "o'brien", "a b|c"));

    [Fact]
    public void FirstFailure_ReadsStatusCodeAndOperationIndex()
    {
        const string body = "--batchresponse_1\r\nContent-Type: multipart/mixed; boundary=changesetresponse_2\r\n\r\n" +
            "--changesetresponse_2\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
            "HTTP/1.1 404 Not Found\r\nX-Content-Type-Options: nosniff\r\nContent-Type: application/json;odata=minimalmetadata;streaming=true;charset=utf-8\r\n\r\n" +
            "{\"odata.error\":{\"code\":\"ResourceNotFound\",\"message\":{\"lang\":\"en-US\",\"value\":\"2:The specified resource does not exist.\\nRequestId:abc\\nTime:2026-11-21T00:00:00Z\"}}}\r\n" +
            "--changesetresponse_2--\r\n--batchresponse_1--\r\n";
        var failure = TableBatch.FirstFailure(body);
        Assert.NotNull(failure);
        Assert.Equal(404, failure.Value.Status);
        Assert.Equal("ResourceNotFound", failure.Value.Code);
        Assert.Equal(2, failure.Value.Index);
        Assert.StartsWith("The specified resource does not exist.", failure.Value.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void FirstFailure_AllSucceeded_ReturnsNull() =>
        Assert.Null(TableBatch.FirstFailure("--b\r\nHTTP/1.1 204 No Content\r\n\r\n--b\r\nHTTP/1.1 204 No Content\r\n\r\n--b--"));

    [Theory]
    [InlineData(403, "AuthorizationFailure", StorageErrorKind.Unauthorized)]
    [InlineData(401, null, StorageErrorKind.Unauthorized)]
    [InlineData(404, "BlobNotFound", StorageErrorKind.NotFound)]
    [InlineData(409, "EntityAlreadyExists", StorageErrorKind.PreconditionFailed)]
    [InlineData(412, "ConditionNotMet", StorageErrorKind.PreconditionFailed)]
    [InlineData(413, "RequestBodyTooLarge", StorageErrorKind.EntityTooLarge)]
    [InlineData(400, "EntityTooLarge", StorageErrorKind.EntityTooLarge)]
    [InlineData(400, "InvalidInput", StorageErrorKind.InvalidInput)]
    [InlineData(503, "ServerBusy", StorageErrorKind.Unavailable)]
    [InlineData(500, "InternalError", StorageErrorKind.Service)]
    public void Error_StatusAndCode_MapToKind(int status, string? code, StorageErrorKind kind)
    {
        using var http = StorageHttp.Create(new Uri("https://acct.blob.core.windows.net"), "acct", "a2V5", null, table: false, new StorageClientOptions(0, TimeSpan.FromSeconds(5)));
        var e = http.Error(status, code, "Something went wrong.\nRequestId:123\nTime:now", "bronze/x");
        Assert.Equal(kind, e.Kind);
        Assert.Equal(status, e.Status);
        Assert.Equal("bronze/x", e.Resource);
        Assert.DoesNotContain("RequestId", e.Message, StringComparison.Ordinal);
    }
}
