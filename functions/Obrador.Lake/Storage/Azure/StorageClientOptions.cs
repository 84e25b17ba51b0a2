using Azure.Core;

namespace Obrador.Lake.Storage.Azure;

/// <summary>Azure.Core client options for the storage adapters: retries and the per-try network timeout.</summary>
internal sealed class StorageClientOptions : ClientOptions
{
    /// <summary>Exponential retries from 0.2 s (capped at 4 s), <paramref name="maxRetries"/> times, each try limited to <paramref name="networkTimeout"/>.</summary>
    public StorageClientOptions(int maxRetries, TimeSpan networkTimeout)
    {
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = maxRetries;
        Retry.Delay = TimeSpan.FromMilliseconds(200);
        Retry.MaxDelay = TimeSpan.FromSeconds(4);
        Retry.NetworkTimeout = networkTimeout;
        Diagnostics.IsDistributedTracingEnabled = false;
        Diagnostics.ApplicationId = "obrador";
    }
}
