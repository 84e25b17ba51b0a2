using System.Security.Cryptography;
using System.Text;

namespace Obrador.Functions.Security;

/// <summary>
/// Salted PBKDF2-HMAC-SHA256 (RFC 8018 section 5.2) of key secrets, and their constant-time comparison.
/// </summary>
internal static class ApiKeyHasher
{
    /// <summary>Salt length in bytes.</summary>
    public const int SaltBytes = 16;

    /// <summary>Derived hash length in bytes.</summary>
    public const int HashBytes = 32;

    /// <summary>Derives the stored hash of <paramref name="secret"/>.</summary>
    public static byte[] Hash(string secret, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA256, HashBytes);

    /// <summary>
    /// True when <paramref name="secret"/> hashes to <paramref name="expected"/>; the comparison takes the same time
    /// wherever the first differing byte is (<see cref="CryptographicOperations.FixedTimeEquals"/>).
    /// </summary>
    public static bool Verify(string secret, byte[] salt, byte[] expected, int iterations) =>
        CryptographicOperations.FixedTimeEquals(Hash(secret, salt, iterations), expected);
}
