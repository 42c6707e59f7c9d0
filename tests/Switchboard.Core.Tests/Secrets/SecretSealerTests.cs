using System.Security.Cryptography;
using System.Text;
using Switchboard.Core.Secrets;

namespace Switchboard.Core.Tests.Secrets;

public sealed class SecretSealerTests
{
    private const string MasterKey = "test-master-key-0123456789abcdef";
    private const string Secret = "sk-live-4f9a8b7c6d5e4f3a2b1c";
    private static readonly string Context = SecretContexts.PlatformKey("-1", "qwen");

    [Fact]
    public void Seal_ThenUnseal_ReturnsPlaintext()
    {
        var sealer = new SecretSealer(MasterKey);

        var sealedValue = sealer.Seal(Secret, Context);

        Assert.StartsWith("ENC:v1:", sealedValue, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, sealedValue, StringComparison.Ordinal);
        Assert.Equal(Secret, sealer.Unseal(sealedValue, Context));
        Assert.True(sealer.TryUnseal(sealedValue, Context, out var opened));
        Assert.Equal(Secret, opened);
    }

    [Theory]
    [InlineData("")]
    [InlineData("通义千问的密钥🔑")]
    public void Seal_EmptyOrUnicodePlaintext_RoundTrips(string plaintext)
    {
        var sealer = new SecretSealer(MasterKey);

        Assert.Equal(plaintext, sealer.Unseal(sealer.Seal(plaintext, Context), Context));
    }

    [Fact]
    public void Seal_Output_IsNonceCiphertextAndTag()
    {
        var sealedValue = new SecretSealer(MasterKey).Seal(Secret, Context);

        var payload = Convert.FromBase64String(sealedValue["ENC:v1:".Length..]);

        Assert.Equal(12 + Encoding.UTF8.GetByteCount(Secret) + 16, payload.Length);
    }

    [Fact]
    public void Seal_SamePlaintextTwice_UsesFreshNonces()
    {
        var sealer = new SecretSealer(MasterKey);

        Assert.NotEqual(sealer.Seal(Secret, Context), sealer.Seal(Secret, Context));
    }

    [Fact]
    public void Unseal_WrongMasterKey_ThrowsKeyMismatch()
    {
        var sealedValue = new SecretSealer(MasterKey).Seal(Secret, Context);
        var other = new SecretSealer("a-different-master-key");

        var error = Assert.Throws<SecretUnsealException>(() => other.Unseal(sealedValue, Context));

        Assert.Equal(SecretUnsealFailure.KeyMismatch, error.Failure);
        Assert.Contains("master key does not match", error.Message, StringComparison.Ordinal);
        Assert.False(other.TryUnseal(sealedValue, Context, out var opened));
        Assert.Equal(string.Empty, opened);
    }

    [Fact]
    public void TryUnseal_TamperedAnywhere_Fails()
    {
        var sealer = new SecretSealer(MasterKey);
        var payload = Convert.FromBase64String(sealer.Seal(Secret, Context)["ENC:v1:".Length..]);

        // Flip one bit in the nonce, in the ciphertext and in the tag in turn.
        foreach (var index in new[] { 0, 11, 12, payload.Length - 17, payload.Length - 16, payload.Length - 1 })
        {
            var tampered = (byte[])payload.Clone();
            tampered[index] ^= 0x01;

            var ok = sealer.TryUnseal("ENC:v1:" + Convert.ToBase64String(tampered), Context, out _, out var failure);

            Assert.False(ok, $"a flipped bit at byte {index} was not detected");
            Assert.Equal(SecretUnsealFailure.KeyMismatch, failure);
        }
    }

    [Fact]
    public void TryUnseal_ValueMovedToAnotherRow_Fails()
    {
        var sealer = new SecretSealer(MasterKey);
        var systemKey = sealer.Seal(Secret, SecretContexts.PlatformKey("-1", "qwen"));

        Assert.False(sealer.TryUnseal(systemKey, SecretContexts.PlatformKey("user_123", "qwen"), out _));
        Assert.False(sealer.TryUnseal(systemKey, SecretContexts.PlatformKey("-1", "deepseek"), out _));
        Assert.False(sealer.TryUnseal(systemKey, SecretContexts.File, out _));
    }

    [Theory]
    [InlineData("ENC:v9:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("ENC:v2:AAAA")]
    [InlineData("ENC:gAAAAABpyMWK6AaEQdvfz8CzWMoqZHggFiDU4E2Ie2Xp242QPb1yMNea8OF2")]
    public void Unseal_UnknownVersionOrForeignFormat_FailsClearly(string value)
    {
        var sealer = new SecretSealer(MasterKey);

        Assert.True(SecretSealer.IsSealed(value));
        var error = Assert.Throws<SecretUnsealException>(() => sealer.Unseal(value, Context));

        Assert.Equal(SecretUnsealFailure.UnsupportedVersion, error.Failure);
        Assert.Contains("ENC:v1:", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value[4..], error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ENC:v1:not base64!")]
    [InlineData("ENC:v1:AAAA")]
    [InlineData("ENC:v1:")]
    public void Unseal_DamagedPayload_ThrowsMalformed(string value)
    {
        var error = Assert.Throws<SecretUnsealException>(() => new SecretSealer(MasterKey).Unseal(value, Context));

        Assert.Equal(SecretUnsealFailure.Malformed, error.Failure);
    }

    [Fact]
    public void Unseal_PlainText_ThrowsNotSealedWithoutEchoingIt()
    {
        var error = Assert.Throws<SecretUnsealException>(() => new SecretSealer(MasterKey).Unseal(Secret, Context));

        Assert.Equal(SecretUnsealFailure.NotSealed, error.Failure);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ENC:v1:abc", true)]
    [InlineData("ENC:v9:abc", true)]
    [InlineData("enc:v1:abc", false)]
    [InlineData("sk-ENC:v1:", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsSealed_Value_ChecksPrefix(string? value, bool expected)
    {
        Assert.Equal(expected, SecretSealer.IsSealed(value));
    }

    [Fact]
    public void Seal_DataKey_IsHkdfOfMasterKeyNotTheRawKey()
    {
        // A 32-character master key is itself a valid AES-256 key, so using it raw would "work"; it must not be used that way.
        var sealer = new SecretSealer(MasterKey);
        var rawKey = Encoding.UTF8.GetBytes(MasterKey);
        Assert.Equal(32, rawKey.Length);
        var derived = HKDF.DeriveKey(HashAlgorithmName.SHA256, rawKey, 32, "switchboard/secrets/salt"u8.ToArray(), "switchboard/secrets/v1"u8.ToArray());
        Assert.NotEqual(rawKey, derived);

        var sealedValue = sealer.Seal(Secret, Context);

        Assert.Throws<AuthenticationTagMismatchException>(() => Open(sealedValue, rawKey, Context));
        Assert.Equal(Secret, Open(sealedValue, derived, Context));
        Assert.False(sealer.TryUnseal(SealRaw(Secret, rawKey, Context), Context, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Constructor_BlankMasterKey_Throws(string masterKey)
    {
        Assert.ThrowsAny<ArgumentException>(() => new SecretSealer(masterKey));
    }

    private static string Open(string sealedValue, byte[] key, string associatedData)
    {
        var payload = Convert.FromBase64String(sealedValue["ENC:v1:".Length..]);
        var plain = new byte[payload.Length - 28];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(payload.AsSpan(0, 12), payload.AsSpan(12, plain.Length), payload.AsSpan(12 + plain.Length), plain, Encoding.UTF8.GetBytes(associatedData));
        return Encoding.UTF8.GetString(plain);
    }

    private static string SealRaw(string plaintext, byte[] key, string associatedData)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var payload = new byte[12 + plain.Length + 16];
        RandomNumberGenerator.Fill(payload.AsSpan(0, 12));
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(payload.AsSpan(0, 12), plain, payload.AsSpan(12, plain.Length), payload.AsSpan(12 + plain.Length), Encoding.UTF8.GetBytes(associatedData));
        return "ENC:v1:" + Convert.ToBase64String(payload);
    }
}
