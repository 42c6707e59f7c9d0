namespace Switchboard.Abstractions.Configuration;

/// <summary>Says how the platforms file is applied to the database.</summary>
public enum SeedMode
{
    /// <summary>Add platforms, models and catalog models that do not exist yet; change nothing else.</summary>
    AddMissing = 0,

    /// <summary>Make system platforms, their server keys and models, and the catalog match the file; keep users' own keys.</summary>
    Reset = 1,
}
