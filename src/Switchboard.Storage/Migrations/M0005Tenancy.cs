namespace Switchboard.Storage.Migrations;

/// <summary>
/// Adds multi-tenancy: users with limits, their usage slots and slot repairs, per-user hide flags for platforms,
/// model allowlists and limits on virtual keys, one own key per user and platform, and shared limit counters.
/// </summary>
/// <remarks>
/// A slot names its platform model by id with <c>ON DELETE SET NULL</c>: deleting the model keeps the slot (both model
/// columns null means "its model is gone") so it can be repaired later instead of silently disappearing.
/// Limit counter windows are unix milliseconds in both databases: they are keys compared for equality, never
/// shown as dates, and one encoding keeps the admission SQL identical.
/// </remarks>
internal static class M0005Tenancy
{
    /// <summary>Gets the migration.</summary>
    public static Migration Migration { get; } = new(5, "tenancy", Sqlite, Postgres);

    private const string Sqlite = """
        CREATE TABLE users (
            id TEXT NOT NULL PRIMARY KEY,
            role TEXT NOT NULL DEFAULT 'user',
            tier TEXT NOT NULL DEFAULT 'free',
            status TEXT NOT NULL DEFAULT 'active',
            display_name TEXT,
            budget TEXT,
            budget_period TEXT NOT NULL DEFAULT 'month',
            rpm_limit INTEGER,
            tpm_limit INTEGER,
            max_parallel INTEGER,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE usage_slots (
            user_id TEXT NOT NULL,
            slot TEXT NOT NULL,
            label TEXT NOT NULL,
            catalog_model TEXT,
            platform_model_id INTEGER REFERENCES platform_models (id) ON DELETE SET NULL,
            position INTEGER NOT NULL DEFAULT 0,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (user_id, slot),
            CHECK (catalog_model IS NULL OR platform_model_id IS NULL)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX ix_usage_slots_platform_model ON usage_slots (platform_model_id);

        CREATE TABLE slot_repairs (
            id INTEGER PRIMARY KEY,
            user_id TEXT NOT NULL,
            slot TEXT NOT NULL,
            from_model TEXT NOT NULL,
            to_model TEXT NOT NULL,
            reason TEXT NOT NULL,
            repaired_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX ix_slot_repairs_user_repaired_at ON slot_repairs (user_id, repaired_at);

        CREATE TABLE platform_visibility (
            user_id TEXT NOT NULL,
            platform_id INTEGER NOT NULL REFERENCES platforms (id) ON DELETE CASCADE,
            hidden INTEGER NOT NULL,
            PRIMARY KEY (user_id, platform_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX ix_platform_visibility_platform ON platform_visibility (platform_id);

        ALTER TABLE virtual_keys ADD COLUMN allowed_models_json TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE virtual_keys ADD COLUMN budget TEXT;
        ALTER TABLE virtual_keys ADD COLUMN budget_period TEXT NOT NULL DEFAULT 'month';
        ALTER TABLE virtual_keys ADD COLUMN rpm_limit INTEGER;
        ALTER TABLE virtual_keys ADD COLUMN tpm_limit INTEGER;
        ALTER TABLE virtual_keys ADD COLUMN max_parallel INTEGER;

        -- Nothing wrote users' own keys before this version; should duplicates exist, keep each user's newest key.
        DELETE FROM platform_keys WHERE owner_user_id <> '-1' AND id NOT IN (
            SELECT MAX(id) FROM platform_keys WHERE owner_user_id <> '-1' GROUP BY platform_id, owner_user_id);
        CREATE UNIQUE INDEX ux_platform_keys_user_own ON platform_keys (platform_id, owner_user_id) WHERE owner_user_id <> '-1';

        CREATE TABLE limit_counters (
            scope TEXT NOT NULL,
            window_kind TEXT NOT NULL,
            window_start INTEGER NOT NULL,
            spent_nanos INTEGER NOT NULL DEFAULT 0,
            reserved_nanos INTEGER NOT NULL DEFAULT 0,
            requests INTEGER NOT NULL DEFAULT 0,
            tokens INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (scope, window_kind, window_start)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX ix_limit_counters_kind_start ON limit_counters (window_kind, window_start);
        """;

    private const string Postgres = """
        CREATE TABLE users (
            id text NOT NULL PRIMARY KEY,
            role text NOT NULL DEFAULT 'user',
            tier text NOT NULL DEFAULT 'free',
            status text NOT NULL DEFAULT 'active',
            display_name text,
            budget numeric,
            budget_period text NOT NULL DEFAULT 'month',
            rpm_limit integer,
            tpm_limit bigint,
            max_parallel integer,
            created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL
        );

        CREATE TABLE usage_slots (
            user_id text NOT NULL,
            slot text NOT NULL,
            label text NOT NULL,
            catalog_model text,
            platform_model_id bigint REFERENCES platform_models (id) ON DELETE SET NULL,
            position integer NOT NULL DEFAULT 0,
            updated_at timestamptz NOT NULL,
            PRIMARY KEY (user_id, slot),
            CHECK (catalog_model IS NULL OR platform_model_id IS NULL)
        );
        CREATE INDEX ix_usage_slots_platform_model ON usage_slots (platform_model_id);

        CREATE TABLE slot_repairs (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            user_id text NOT NULL,
            slot text NOT NULL,
            from_model text NOT NULL,
            to_model text NOT NULL,
            reason text NOT NULL,
            repaired_at timestamptz NOT NULL
        );
        CREATE INDEX ix_slot_repairs_user_repaired_at ON slot_repairs (user_id, repaired_at);

        CREATE TABLE platform_visibility (
            user_id text NOT NULL,
            platform_id bigint NOT NULL REFERENCES platforms (id) ON DELETE CASCADE,
            hidden boolean NOT NULL,
            PRIMARY KEY (user_id, platform_id)
        );
        CREATE INDEX ix_platform_visibility_platform ON platform_visibility (platform_id);

        ALTER TABLE virtual_keys
            ADD COLUMN allowed_models_json text NOT NULL DEFAULT '[]',
            ADD COLUMN budget numeric,
            ADD COLUMN budget_period text NOT NULL DEFAULT 'month',
            ADD COLUMN rpm_limit integer,
            ADD COLUMN tpm_limit bigint,
            ADD COLUMN max_parallel integer;

        -- Nothing wrote users' own keys before this version; should duplicates exist, keep each user's newest key.
        DELETE FROM platform_keys WHERE owner_user_id <> '-1' AND id NOT IN (
            SELECT MAX(id) FROM platform_keys WHERE owner_user_id <> '-1' GROUP BY platform_id, owner_user_id);
        CREATE UNIQUE INDEX ux_platform_keys_user_own ON platform_keys (platform_id, owner_user_id) WHERE owner_user_id <> '-1';

        CREATE TABLE limit_counters (
            scope text NOT NULL,
            window_kind text NOT NULL,
            window_start bigint NOT NULL,
            spent_nanos bigint NOT NULL DEFAULT 0,
            reserved_nanos bigint NOT NULL DEFAULT 0,
            requests integer NOT NULL DEFAULT 0,
            tokens bigint NOT NULL DEFAULT 0,
            PRIMARY KEY (scope, window_kind, window_start)
        );
        CREATE INDEX ix_limit_counters_kind_start ON limit_counters (window_kind, window_start);
        """;
}
