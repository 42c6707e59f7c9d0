namespace Switchboard.Storage.Migrations;

/// <summary>Holds version 8 for another branch's migration so this branch's version 9 stays consecutive.</summary>
/// <remarks>A placeholder: at merge it is replaced by the real M0008 and this file is deleted.</remarks>
internal static class M0008Reserved
{
    /// <summary>Gets the migration.</summary>
    public static Migration Migration { get; } = new(8, "reserved_m0008", "SELECT 1;", "SELECT 1;");
}
