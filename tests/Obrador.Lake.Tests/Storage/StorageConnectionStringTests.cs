using Obrador.Lake.Storage;
using Obrador.Lake.Storage.Azure;

namespace Obrador.Lake.Tests.Storage;

public sealed class StorageConnectionStringTests
{
    private const string Key = "a2V5a2V5a2V5a2V5a2V5a2V5";

    [Fact]
    public void Parse_UseDevelopmentStorage_GivesAzuriteDefaults()
    {
        var cs = StorageConnectionString.Parse("UseDevelopmentStorage=true");
        Assert.Equal("devstoreaccount1", cs.AccountName);
        Assert.Equal(StorageConnectionString.DevelopmentKey, cs.AccountKey);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), cs.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), cs.TableEndpoint);
    }

    [Fact]
    public void Parse_AccountAndSuffix_BuildsServiceEndpoints()
    {
        var cs = StorageConnectionString.Parse($"DefaultEndpointsProtocol=https;AccountName=obradorlake;AccountKey={Key};EndpointSuffix=core.chinacloudapi.cn");
        Assert.Equal(new Uri("https://obradorlake.blob.core.chinacloudapi.cn"), cs.BlobEndpoint);
        Assert.Equal(new Uri("https://obradorlake.table.core.chinacloudapi.cn"), cs.TableEndpoint);
        Assert.Equal(Key, cs.AccountKey);
    }

    [Fact]
    public void Parse_ExplicitEndpoints_OverrideAccountDefaults()
    {
        var cs = StorageConnectionString.Parse($"AccountName=a1;AccountKey={Key};BlobEndpoint=http://10.0.0.5:10000/a1;TableEndpoint=http://10.0.0.5:10002/a1");
        Assert.Equal(new Uri("http://10.0.0.5:10000/a1"), cs.BlobEndpoint);
        Assert.Equal(new Uri("http://10.0.0.5:10002/a1"), cs.TableEndpoint);
    }

    [Fact]
    public void Parse_EndpointsWithoutKey_LeavesKeyNullForTokenAuth()
    {
        var cs = StorageConnectionString.Parse("BlobEndpoint=https://x.blob.core.windows.net;TableEndpoint=https://x.table.core.windows.net");
        Assert.Null(cs.AccountKey);
    }

    [Fact]
    public void ToString_NeverShowsTheKey()
    {
        var cs = StorageConnectionString.Parse($"AccountName=a1;AccountKey={Key}");
        Assert.DoesNotContain(Key, cs.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("AccountName", "not 'Key=Value'")]
    [InlineData("AccountName=a;AccountKey=not*base64!", "not valid base64")]
    [InlineData("AccountKey=a2V5", "without AccountName")]
    [InlineData("AccountName=a;AcountKey=a2V5", "Unknown connection string key 'AcountKey'")]
    [InlineData("AccountName=a;AccountName=b", "appears twice")]
    [InlineData("UseDevelopmentStorage=yes", "UseDevelopmentStorage")]
    [InlineData("AccountName=a;AccountKey=a2V5;DefaultEndpointsProtocol=ftp", "DefaultEndpointsProtocol")]
    [InlineData("AccountName=a;AccountKey=a2V5;BlobEndpoint=not a url", "BlobEndpoint")]
    [InlineData("BlobEndpoint=https://x.blob.core.windows.net", "TableEndpoint")]
    [InlineData("AccountName=a;SharedAccessSignature=sv=2020", "SAS")]
    public void Parse_Malformed_ThrowsConfigurationNamingTheProblem(string connectionString, string expected)
    {
        var e = Assert.Throws<StorageException>(() => StorageConnectionString.Parse(connectionString));
        Assert.Equal(StorageErrorKind.Configuration, e.Kind);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("a2V5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Factory_MalformedConnectionString_ThrowsConfiguration()
    {
        var e = Assert.Throws<StorageException>(() => StorageFactory.Create(new StorageOptions { ConnectionString = "AccountName=x;AccountKey=%%%" }));
        Assert.Equal(StorageErrorKind.Configuration, e.Kind);
    }
}
