namespace Switchboard.Core.Secrets;

/// <summary>Masks secrets for display, in the <c>sk-a…1234</c> style.</summary>
/// <remarks>A masked form never reveals more than 8 characters, and short secrets reveal proportionally less.</remarks>
public static class SecretMasker
{
    /// <summary>The mask shown for secrets too short to reveal any part of.</summary>
    public const string FullMask = "****";

    private const char Ellipsis = '…';

    /// <summary>Masks a secret for display.</summary>
    /// <param name="secret">The secret.</param>
    /// <returns>
    /// The first 4 and last 4 characters around <c>…</c> when the secret has at least 12 characters; <c>…</c> and the last 2
    /// when it has 6 to 11; otherwise <see cref="FullMask"/>.
    /// </returns>
    public static string Mask(string? secret)
    {
        if (secret is null || secret.Length < 6)
        {
            return FullMask;
        }

        if (secret.Length < 12)
        {
            return string.Concat(Ellipsis.ToString(), secret.AsSpan(secret.Length - 2));
        }

        return string.Concat(secret.AsSpan(0, 4), Ellipsis.ToString(), secret.AsSpan(secret.Length - 4));
    }
}
