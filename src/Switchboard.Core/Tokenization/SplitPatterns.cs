using System.Text.RegularExpressions;

namespace Switchboard.Core.Tokenization;

/// <summary>The pre-tokenization regexes of the encodings, verbatim from their <c>*.meta.json</c> <c>pat_str</c>.</summary>
/// <remarks>
/// The meta files spell the contractions out case by case (<c>'s|'S|…</c>) instead of tiktoken's
/// <c>(?i:'s|…)</c> and use plain greedy quantifiers instead of possessive ones; both are equivalent here
/// because no alternative can succeed by backtracking into those quantifiers (a test compares these
/// strings with the meta files and the encodings with the reference vectors). .NET matches UTF-16 code
/// units, so <see cref="AstralProxy"/> stands in for characters outside the BMP before these run.
/// </remarks>
internal static partial class SplitPatterns
{
    /// <summary>The <c>cl100k_base</c> split pattern.</summary>
    public const string Cl100k = @"('s|'S|'t|'T|'re|'rE|'Re|'RE|'ve|'vE|'Ve|'VE|'m|'M|'ll|'lL|'Ll|'LL|'d|'D)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    /// <summary>The <c>o200k_base</c> split pattern.</summary>
    public const string O200k = @"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+('s|'S|'t|'T|'re|'rE|'Re|'RE|'ve|'vE|'Ve|'VE|'m|'M|'ll|'lL|'Ll|'LL|'d|'D)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*('s|'S|'t|'T|'re|'rE|'Re|'RE|'ve|'vE|'Ve|'VE|'m|'M|'ll|'lL|'Ll|'LL|'d|'D)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    // ExplicitCapture: the groups only alternate, and not capturing them saves work on every match.
    private const RegexOptions Options = RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant;

    /// <summary>Returns the source-generated <c>cl100k_base</c> splitter.</summary>
    [GeneratedRegex(Cl100k, Options)]
    public static partial Regex Cl100kRegex();

    /// <summary>Returns the source-generated <c>o200k_base</c> splitter.</summary>
    [GeneratedRegex(O200k, Options)]
    public static partial Regex O200kRegex();
}
