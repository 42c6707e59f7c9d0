namespace Switchboard.Storage.Migrations;

/// <summary>Stands in for migrations 8 and 9, which other branches of issue 12 add, so this branch's 10 and 11 stay consecutive.</summary>
/// <remarks>Delete this file and its two lines in <see cref="MigrationCatalog"/> when the branches merge.</remarks>
internal static class BranchPlaceholderMigrations
{
    /// <summary>Gets the placeholder for version 8.</summary>
    public static Migration Version8 { get; } = new(8, "placeholder_8", "SELECT 1;", "SELECT 1;");

    /// <summary>Gets the placeholder for version 9.</summary>
    public static Migration Version9 { get; } = new(9, "placeholder_9", "SELECT 1;", "SELECT 1;");
}
