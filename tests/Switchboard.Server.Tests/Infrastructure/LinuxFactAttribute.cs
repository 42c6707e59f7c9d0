namespace Switchboard.Server.Tests.Infrastructure;

/// <summary>Marks a fact that reads Linux's <c>/proc</c>; elsewhere it is reported as skipped, never as a silent pass.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Needs Linux: it reads /proc.";
        }
    }
}
