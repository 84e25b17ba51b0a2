// Peer for the `ingest` benchmark: what one request costs on a bare Kestrel endpoint, on the same machine, with the same
// bodies the app's POST /IngestEvents gets. It reads the whole body into a pooled buffer and answers a small JSON in
// the custom handler's shape, with nothing else on the path (no middleware, no logging, Server GC as the app).
// Run: dotnet bench/peers/bare_kestrel/bin/.../BareKestrel.dll --urls http://127.0.0.1:<port>
using System.Buffers;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/api/health", () => Results.Ok());
app.MapPost("/IngestEvents", async (HttpRequest request, CancellationToken cancellationToken) =>
{
    var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
    try
    {
        var length = 0;
        int read;
        while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return Results.Text($$"""{"Outputs":{},"Logs":["bare ({{length}} bytes): 0 accepted"]}""", "application/json");
    }
    finally
    {
        ArrayPool<byte>.Shared.Return(buffer);
    }
});
await app.RunAsync();
