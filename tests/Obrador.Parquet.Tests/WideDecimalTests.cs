using Obrador.Parquet;

namespace Obrador.Parquet.Tests;

/// <summary>DECIMAL(38,28) holds values System.Decimal can only represent once trailing zeros are dropped.</summary>
public sealed class WideDecimalTests
{
    [Theory]
    [InlineData("22.7929")]
    [InlineData("-1234567.5")]
    [InlineData("1234567890.1234567890123456789")]
    [InlineData("7.9228162514264337593543950335")]
    [InlineData("0.0000000000000000000000000001")]
    public async Task Records_Decimal38_28_RoundTripExactly(string text)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        using var stream = new MemoryStream();
        await ParquetRecords.WriteAsync(stream, [new Row { Amount = value }]);
        stream.Position = 0;
        var rows = await ParquetRecords.ReadAsync<Row>(stream);
        Assert.Equal(value, Assert.Single(rows).Amount);
    }

    public sealed record Row
    {
        [ParquetDecimal(38, 28)]
        public decimal Amount { get; init; }
    }
}
