namespace Switchboard.Configuration;

/// <summary>Names the kinds of difference a drift report lists.</summary>
public static class DriftChanges
{
    /// <summary>In the file, not in the database: a reset adds it.</summary>
    public const string Added = "added";

    /// <summary>In the database, not in the file: a reset deletes it.</summary>
    public const string Removed = "removed";

    /// <summary>In both with other values: a reset takes the file's.</summary>
    public const string Changed = "changed";
}
