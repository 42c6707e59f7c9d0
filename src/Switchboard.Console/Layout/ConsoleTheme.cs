using MudBlazor;

namespace Switchboard.Console.Layout;

/// <summary>Holds the console's theme: the library's palettes with the system font stack, so no font is fetched from elsewhere.</summary>
public static class ConsoleTheme
{
    /// <summary>Gets the theme.</summary>
    public static MudTheme Value { get; } = new()
    {
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Noto Sans", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "sans-serif"],
            },
        },
    };
}
