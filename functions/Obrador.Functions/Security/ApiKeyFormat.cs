using System.Buffers.Text;
using System.Security.Cryptography;

namespace Obrador.Functions.Security;

/// <summary>
/// The API key wire format <c>{keyId}.{secret}</c>: a 16-hex-digit id (the <c>ApiKeys</c> row key) and 32 random
/// bytes in base64url (43 characters).
/// </summary>
internal static class ApiKeyFormat
{
    /// <summary>Longest header value considered at all; anything longer is rejected before any work.</summary>
    public const int MaxLength = 128;

    /// <summary>Creates a new key from the cryptographic RNG (never a seeded one: keys must be unguessable).</summary>
    public static (string KeyId, string Secret) Generate()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (id, secret);
    }

    /// <summary>Splits a presented key; false when it is malformed (wrong length, characters or shape).</summary>
    public static bool TryParse(string? presented, out string keyId, out string secret)
    {
        keyId = secret = string.Empty;
        if (string.IsNullOrEmpty(presented) || presented.Length > MaxLength)
        {
            return false;
        }

        var dot = presented.IndexOf('.', StringComparison.Ordinal);
        if (dot is < 4 or > 32 || presented.Length - dot - 1 is < 16 or > 96)
        {
            return false;
        }

        var id = presented.AsSpan(0, dot);
        var sec = presented.AsSpan(dot + 1);
        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        foreach (var c in sec)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        keyId = id.ToString();
        secret = sec.ToString();
        return true;
    }
}
