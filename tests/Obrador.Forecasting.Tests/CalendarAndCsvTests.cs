using Obrador.Forecasting.Cli;
using Obrador.Forecasting.Features;
using Obrador.Forecasting.Series;

namespace Obrador.Forecasting.Tests;

public class CalendarAndCsvTests
{
    [Theory]
    [InlineData("FR", "2022-07-14", true)]
    [InlineData("FR", "2022-04-18", true)] // Easter Monday
    [InlineData("FR", "2024-05-09", true)] // Ascension
    [InlineData("FR", "2022-07-15", false)]
    [InlineData("ES", "2022-10-12", true)]
    [InlineData("ES", "2022-04-15", true)] // Good Friday
    [InlineData("ES", "2022-07-14", false)]
    public void BuiltIn_KnownDates_HolidayFlag(string country, string date, bool expected)
    {
        Assert.Equal(expected, HolidayCalendar.BuiltIn(country).IsHoliday(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void BuiltIn_FranceSchoolZones_SpringBreak2022StaggeredByZone()
    {
        var april11 = new DateOnly(2022, 4, 11);
        Assert.Equal(1, HolidayCalendar.BuiltIn("FR", "B").SchoolHoliday(april11)); // zone B: 9–24 April
        Assert.Equal(0, HolidayCalendar.BuiltIn("FR", "C").SchoolHoliday(april11)); // zone C: from 23 April
        Assert.Equal(1.0 / 3, HolidayCalendar.BuiltIn("FR").SchoolHoliday(april11), 12);
        Assert.Equal(1, HolidayCalendar.BuiltIn("FR").SchoolHoliday(new DateOnly(2022, 8, 1)));
    }

    [Fact]
    public void BuiltIn_UnknownCountry_ThrowsForecastException()
    {
        Assert.Throws<ForecastException>(() => HolidayCalendar.BuiltIn("XX"));
    }

    [Fact]
    public void Read_LongCsvWithGapDuplicateAndTwoIdColumns_BuildsDailyPanel()
    {
        const string csv = "store,item,date,qty,price\n"
            + "1,a,2024-01-01,3,2\n1,a,2024-01-02,4,2\n1,a,2024-01-02,1,2\n1,a,2024-01-04,5,2\n"
            + "2,a,2024-01-02,NA,2\n2,a,2024-01-03,7,2\n";

        var panel = LongCsvReader.Read(new StringReader(csv), new LongCsvOptions
        {
            SeriesColumns = ["store", "item"],
            DateColumn = "date",
            ValueColumn = "qty",
            Covariates = ["price"],
        });

        Assert.Equal(Frequency.Daily, panel.Frequency);
        Assert.Equal(["1|a", "2|a"], panel.Series.Select(s => s.Id));
        Assert.Equal([3, 5, double.NaN, 5], panel.Series[0].Values); // duplicates summed, the gap is NaN
        Assert.Equal(new DateOnly(2024, 1, 2), panel.Series[1].Start);
        Assert.Equal(["price"], panel.CovariateNames);
    }

    [Fact]
    public void Read_BadNumber_ThrowsWithRowAndColumn()
    {
        const string csv = "id,date,v\nx,2024-01-01,1\nx,2024-01-02,abc\n";

        var ex = Assert.Throws<ForecastException>(() => LongCsvReader.Read(new StringReader(csv), new LongCsvOptions { SeriesColumns = ["id"], DateColumn = "date", ValueColumn = "v" }));

        Assert.Equal(2, ex.Row);
        Assert.Equal("v", ex.Column);
    }

    [Fact]
    public void Read_MissingColumn_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ForecastException>(() => LongCsvReader.Read(new StringReader("id,date,v\n"), new LongCsvOptions { SeriesColumns = ["id"], DateColumn = "day", ValueColumn = "v" }));

        Assert.Equal("day", ex.Column);
    }

    [Fact]
    public void Read_WeeklyDates_DetectsWeeklyFrequency()
    {
        const string csv = "id,date,v\nx,2024-01-05,1\nx,2024-01-12,2\nx,2024-01-26,4\n";

        var panel = LongCsvReader.Read(new StringReader(csv), new LongCsvOptions { SeriesColumns = ["id"], DateColumn = "date", ValueColumn = "v", MissingValue = 0 });

        Assert.Equal(Frequency.Weekly, panel.Frequency);
        Assert.Equal([1, 2, 0, 4], panel.Series[0].Values);
    }

    [Fact]
    public void Bakery_ClosedWhenAllZero_MarksShutDaysOnly()
    {
        var panel = TestSeries.Bakery;
        var closedDays = Enumerable.Range(0, panel.Length).Count(t => panel.Closed[0][t]);

        Assert.Equal(148, panel.Count);
        Assert.InRange(closedDays, 1, 60);
        Assert.Equal(new DateOnly(2022, 9, 30), panel.LastDate);
    }
}
