namespace Switchboard.Storage.Migrations;

/// <summary>Adds an index for per-model usage and cost reports over a time range.</summary>
internal static class M0002UsageByCatalogModel
{
    /// <summary>Gets the migration.</summary>
    public static Migration Migration { get; } = new(
        2,
        "usage_by_catalog_model",
        "CREATE INDEX ix_usage_records_catalog_model_timestamp ON usage_records (catalog_model, timestamp);",
        "CREATE INDEX ix_usage_records_catalog_model_timestamp ON usage_records (catalog_model, timestamp);");
}
