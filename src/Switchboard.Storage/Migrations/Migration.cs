namespace Switchboard.Storage.Migrations;

/// <summary>Describes one schema change, written by hand once per database.</summary>
/// <param name="Version">The version it brings the schema to; versions are consecutive from 1.</param>
/// <param name="Name">A short snake_case name recorded in <c>schema_migrations</c>.</param>
/// <param name="SqliteSql">The statements for SQLite.</param>
/// <param name="PostgresSql">The statements for PostgreSQL.</param>
internal sealed record Migration(int Version, string Name, string SqliteSql, string PostgresSql);
