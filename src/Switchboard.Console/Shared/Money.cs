using System.Globalization;

namespace Switchboard.Console.Shared;

/// <summary>Formats amounts in US dollars the same way on every page, independent of the browser's culture.</summary>
public static class Money
{
    /// <summary>Formats an amount such as <c>$0.15</c>, keeping up to six decimals so per-token prices stay readable.</summary>
    public static string Dollars(decimal amount) => "$" + amount.ToString("0.00####", CultureInfo.InvariantCulture);

    /// <summary>Formats an input and output price per 1M tokens as <c>$0.15 / $0.60</c>.</summary>
    public static string PerMillion(decimal input, decimal output) => Dollars(input) + " / " + Dollars(output);
}
