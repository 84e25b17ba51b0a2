using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Obrador.Functions.Extensions;

namespace Obrador.Functions.Tests.Hosting;

public sealed class HostingExtensionsTests
{
    [Theory]
    [InlineData(new string[0], "http://127.0.0.1:7071")]
    [InlineData(new[] { "--FUNCTIONS_CUSTOMHANDLER_PORT=5123" }, "http://127.0.0.1:5123")]
    [InlineData(new[] { "--urls=http://127.0.0.1:9000" }, "http://127.0.0.1:9000")]
    [InlineData(new[] { "--urls=http://127.0.0.1:9000", "--FUNCTIONS_CUSTOMHANDLER_PORT=5124" }, "http://127.0.0.1:5124")]
    public void AddObradorHosting_ChoosesTheListenAddress(string[] args, string expected)
    {
        var builder = WebApplication.CreateBuilder(args);

        builder.AddObradorHosting();

        Assert.Equal(expected, builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("70000")]
    [InlineData("80; rm -rf /")]
    public void AddObradorHosting_BadCustomHandlerPort_Throws(string port)
    {
        var builder = WebApplication.CreateBuilder(["--FUNCTIONS_CUSTOMHANDLER_PORT=" + port]);

        var ex = Assert.Throws<InvalidOperationException>(() => builder.AddObradorHosting());
        Assert.Contains("FUNCTIONS_CUSTOMHANDLER_PORT", ex.Message, StringComparison.Ordinal);
    }
}
