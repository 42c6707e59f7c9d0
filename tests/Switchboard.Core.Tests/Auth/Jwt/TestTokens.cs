using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Switchboard.Core.Tests.Auth.Jwt;

/// <summary>Builds compact JWTs by hand, so the tests do not trust the library they are testing to make tokens.</summary>
internal static class TestTokens
{
    public const string Secret = "super-secret-jwt-token-with-at-least-32-characters-long";

    public static long UnixTime(TimeSpan offset) => DateTimeOffset.UtcNow.Add(offset).ToUnixTimeSeconds();

    /// <summary>A payload for user "user-123" that expires in ten minutes, plus any extra claims.</summary>
    public static Dictionary<string, object?> Payload(params (string Name, object? Value)[] extra)
    {
        var payload = new Dictionary<string, object?>
        {
            ["sub"] = "user-123",
            ["iat"] = UnixTime(TimeSpan.Zero),
            ["exp"] = UnixTime(TimeSpan.FromMinutes(10)),
        };
        foreach (var (name, value) in extra)
        {
            payload[name] = value;
        }

        return payload;
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Base64Url(string text) => Base64Url(Encoding.UTF8.GetBytes(text));

    public static string Encode(object value) => Base64Url(JsonSerializer.Serialize(value));

    public static string Hmac(object payload, string secret = Secret, string alg = "HS256") =>
        HmacWithKey(payload, Encoding.UTF8.GetBytes(secret), alg);

    public static string HmacWithKey(object payload, byte[] key, string alg = "HS256")
    {
        var signingInput = $"{Encode(new Dictionary<string, string> { ["alg"] = alg, ["typ"] = "JWT" })}.{Encode(payload)}";
        var data = Encoding.ASCII.GetBytes(signingInput);
        var signature = alg switch
        {
            "HS384" => HMACSHA384.HashData(key, data),
            "HS512" => HMACSHA512.HashData(key, data),
            _ => HMACSHA256.HashData(key, data),
        };
        return $"{signingInput}.{Base64Url(signature)}";
    }

    public static string Rsa(object payload, RSA key, string? kid = null, string alg = "RS256")
    {
        var header = new Dictionary<string, string> { ["alg"] = alg, ["typ"] = "JWT" };
        if (kid is not null)
        {
            header["kid"] = kid;
        }

        var signingInput = $"{Encode(header)}.{Encode(payload)}";
        var hash = alg switch
        {
            "RS384" => HashAlgorithmName.SHA384,
            "RS512" => HashAlgorithmName.SHA512,
            _ => HashAlgorithmName.SHA256,
        };
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), hash, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url(signature)}";
    }

    /// <summary>An <c>alg: none</c> token with an empty signature segment.</summary>
    public static string Unsigned(object payload) =>
        $"{Encode(new Dictionary<string, string> { ["alg"] = "none", ["typ"] = "JWT" })}.{Encode(payload)}.";

    /// <summary>A JWKS document listing the public halves of the given keys.</summary>
    public static string Jwks(params (RSA Key, string Kid)[] keys) => JsonSerializer.Serialize(new
    {
        keys = keys.Select(entry =>
        {
            var parameters = entry.Key.ExportParameters(includePrivateParameters: false);
            return new Dictionary<string, string>
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["alg"] = "RS256",
                ["kid"] = entry.Kid,
                ["n"] = Base64Url(parameters.Modulus!),
                ["e"] = Base64Url(parameters.Exponent!),
            };
        }).ToArray(),
    });
}
