namespace Obrador.Lake.Storage;

/// <summary>
/// The one exception type of the storage adapters: what went wrong (<see cref="Kind"/>), on which resource,
/// and the service's status code and error code when there was a response.
/// </summary>
public sealed class StorageException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">Category of the failure.</param>
    /// <param name="resource">The container/object path, or <c>table(pk,rk)</c>, the failure concerns.</param>
    /// <param name="message">Human-readable explanation (no secrets, no raw HTTP dump).</param>
    /// <param name="status">HTTP status, when a service answered.</param>
    /// <param name="errorCode">Service error code (e.g. <c>ConditionNotMet</c>), when known.</param>
    /// <param name="inner">Underlying exception.</param>
    public StorageException(StorageErrorKind kind, string resource, string message, int? status = null, string? errorCode = null, Exception? inner = null)
        : base($"{message} (resource '{resource}')", inner)
    {
        Kind = kind;
        Resource = resource;
        Status = status;
        ErrorCode = errorCode;
    }

    /// <summary>Category of the failure.</summary>
    public StorageErrorKind Kind { get; }

    /// <summary>The resource the failure concerns.</summary>
    public string Resource { get; }

    /// <summary>HTTP status, when a service answered.</summary>
    public int? Status { get; }

    /// <summary>Service error code, when known.</summary>
    public string? ErrorCode { get; }
}

/// <summary>Categories of storage failure.</summary>
public enum StorageErrorKind
{
    /// <summary>Connection string or endpoint missing or malformed.</summary>
    Configuration,

    /// <summary>The service could not be reached (network, DNS, timeout after retries).</summary>
    Unavailable,

    /// <summary>403/401: wrong key, missing role, expired token.</summary>
    Unauthorized,

    /// <summary>Container, table or entity missing where it must exist.</summary>
    NotFound,

    /// <summary>412/409: ETag mismatch or the object already exists.</summary>
    PreconditionFailed,

    /// <summary>Entity over 1 MiB, property over 64 KiB, too many properties.</summary>
    EntityTooLarge,

    /// <summary>Batch empty, over 100 operations, spanning partitions or repeating a row.</summary>
    InvalidBatch,

    /// <summary>A key, name or value the service rejects.</summary>
    InvalidInput,

    /// <summary>Any other service error.</summary>
    Service,
}
