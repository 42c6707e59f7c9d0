namespace Switchboard.Storage.Migrations;

/// <summary>Creates the initial schema: settings, platforms with keys and models, the catalog, virtual keys and usage.</summary>
/// <remarks>SQLite: instants are UTC unix milliseconds, money is invariant decimal text. PostgreSQL: timestamptz and numeric.</remarks>
internal static class M0001InitialSchema
{
    /// <summary>Gets the migration.</summary>
    public static Migration Migration { get; } = new(1, "initial_schema", Sqlite, Postgres);

    private const string Sqlite = """
        CREATE TABLE settings (
            name TEXT NOT NULL PRIMARY KEY,
            value TEXT NOT NULL,
            description TEXT,
            updated_at INTEGER NOT NULL,
            updated_by TEXT NOT NULL
        ) STRICT;

        CREATE TABLE platforms (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            preset TEXT,
            base_url TEXT NOT NULL,
            headers_json TEXT NOT NULL DEFAULT '{}',
            options_json TEXT NOT NULL DEFAULT '{}',
            extra_body_json TEXT,
            owner_user_id TEXT NOT NULL DEFAULT '-1',
            enabled INTEGER NOT NULL DEFAULT 1,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            UNIQUE (owner_user_id, name)
        ) STRICT;

        CREATE TABLE platform_keys (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            platform_id INTEGER NOT NULL REFERENCES platforms (id) ON DELETE CASCADE,
            owner_user_id TEXT NOT NULL DEFAULT '-1',
            label TEXT,
            sealed_value TEXT NOT NULL,
            masked TEXT NOT NULL,
            weight INTEGER NOT NULL DEFAULT 1,
            priority INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'active',
            created_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX ix_platform_keys_platform_owner ON platform_keys (platform_id, owner_user_id);

        CREATE TABLE platform_models (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            platform_id INTEGER NOT NULL REFERENCES platforms (id) ON DELETE CASCADE,
            display_name TEXT NOT NULL,
            upstream_model TEXT NOT NULL,
            extra_body_json TEXT,
            input_price_per_million TEXT NOT NULL DEFAULT '0',
            output_price_per_million TEXT NOT NULL DEFAULT '0',
            cached_input_price_per_million TEXT,
            context_window INTEGER,
            type TEXT NOT NULL DEFAULT 'chat',
            capabilities_json TEXT NOT NULL DEFAULT '[]',
            enabled INTEGER NOT NULL DEFAULT 1,
            UNIQUE (platform_id, display_name)
        ) STRICT;

        CREATE TABLE catalog_models (
            id TEXT NOT NULL PRIMARY KEY,
            position INTEGER NOT NULL DEFAULT 0,
            display_name TEXT,
            type TEXT NOT NULL DEFAULT 'chat',
            strategy TEXT,
            user_input_price_per_million TEXT NOT NULL DEFAULT '0',
            user_output_price_per_million TEXT NOT NULL DEFAULT '0',
            tier_required TEXT,
            tags_json TEXT NOT NULL DEFAULT '[]',
            context_window INTEGER,
            max_output_tokens INTEGER,
            active INTEGER NOT NULL DEFAULT 1,
            featured INTEGER NOT NULL DEFAULT 0
        ) STRICT;

        CREATE TABLE catalog_sources (
            catalog_model_id TEXT NOT NULL REFERENCES catalog_models (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            platform_name TEXT NOT NULL,
            model_display_name TEXT NOT NULL,
            priority INTEGER NOT NULL DEFAULT 0,
            weight INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (catalog_model_id, position)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE virtual_keys (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            hash TEXT NOT NULL UNIQUE,
            masked TEXT NOT NULL,
            name TEXT,
            user_id TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT 'user',
            created_at INTEGER NOT NULL,
            expires_at INTEGER,
            revoked_at INTEGER
        ) STRICT;
        CREATE INDEX ix_virtual_keys_user ON virtual_keys (user_id);

        CREATE TABLE usage_records (
            id INTEGER PRIMARY KEY,
            request_id TEXT NOT NULL UNIQUE,
            timestamp INTEGER NOT NULL,
            user_id TEXT NOT NULL,
            virtual_key_id INTEGER,
            agent_name TEXT,
            slot TEXT,
            endpoint TEXT NOT NULL,
            requested_model TEXT NOT NULL,
            catalog_model TEXT,
            platform TEXT,
            provider TEXT,
            upstream_model TEXT,
            key_id INTEGER,
            input_tokens INTEGER NOT NULL,
            output_tokens INTEGER NOT NULL,
            cached_input_tokens INTEGER NOT NULL,
            cache_write_tokens INTEGER NOT NULL,
            reasoning_tokens INTEGER NOT NULL,
            usage_source TEXT NOT NULL,
            provider_cost TEXT NOT NULL,
            user_price TEXT NOT NULL,
            latency_ms REAL NOT NULL,
            ttft_ms REAL,
            attempts INTEGER NOT NULL,
            stream INTEGER NOT NULL,
            status TEXT NOT NULL,
            error_type TEXT,
            http_status INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX ix_usage_records_timestamp ON usage_records (timestamp);
        CREATE INDEX ix_usage_records_user_timestamp ON usage_records (user_id, timestamp);
        """;

    private const string Postgres = """
        CREATE TABLE settings (
            name text NOT NULL PRIMARY KEY,
            value text NOT NULL,
            description text,
            updated_at timestamptz NOT NULL,
            updated_by text NOT NULL
        );

        CREATE TABLE platforms (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            name text NOT NULL,
            kind text NOT NULL,
            preset text,
            base_url text NOT NULL,
            headers_json text NOT NULL DEFAULT '{}',
            options_json text NOT NULL DEFAULT '{}',
            extra_body_json text,
            owner_user_id text NOT NULL DEFAULT '-1',
            enabled boolean NOT NULL DEFAULT true,
            created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL,
            UNIQUE (owner_user_id, name)
        );

        CREATE TABLE platform_keys (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            platform_id bigint NOT NULL REFERENCES platforms (id) ON DELETE CASCADE,
            owner_user_id text NOT NULL DEFAULT '-1',
            label text,
            sealed_value text NOT NULL,
            masked text NOT NULL,
            weight integer NOT NULL DEFAULT 1,
            priority integer NOT NULL DEFAULT 0,
            status text NOT NULL DEFAULT 'active',
            created_at timestamptz NOT NULL
        );
        CREATE INDEX ix_platform_keys_platform_owner ON platform_keys (platform_id, owner_user_id);

        CREATE TABLE platform_models (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            platform_id bigint NOT NULL REFERENCES platforms (id) ON DELETE CASCADE,
            display_name text NOT NULL,
            upstream_model text NOT NULL,
            extra_body_json text,
            input_price_per_million numeric NOT NULL DEFAULT 0,
            output_price_per_million numeric NOT NULL DEFAULT 0,
            cached_input_price_per_million numeric,
            context_window integer,
            type text NOT NULL DEFAULT 'chat',
            capabilities_json text NOT NULL DEFAULT '[]',
            enabled boolean NOT NULL DEFAULT true,
            UNIQUE (platform_id, display_name)
        );

        CREATE TABLE catalog_models (
            id text NOT NULL PRIMARY KEY,
            position integer NOT NULL DEFAULT 0,
            display_name text,
            type text NOT NULL DEFAULT 'chat',
            strategy text,
            user_input_price_per_million numeric NOT NULL DEFAULT 0,
            user_output_price_per_million numeric NOT NULL DEFAULT 0,
            tier_required text,
            tags_json text NOT NULL DEFAULT '[]',
            context_window integer,
            max_output_tokens integer,
            active boolean NOT NULL DEFAULT true,
            featured boolean NOT NULL DEFAULT false
        );

        CREATE TABLE catalog_sources (
            catalog_model_id text NOT NULL REFERENCES catalog_models (id) ON DELETE CASCADE,
            position integer NOT NULL,
            platform_name text NOT NULL,
            model_display_name text NOT NULL,
            priority integer NOT NULL DEFAULT 0,
            weight integer NOT NULL DEFAULT 1,
            PRIMARY KEY (catalog_model_id, position)
        );

        CREATE TABLE virtual_keys (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            hash text NOT NULL UNIQUE,
            masked text NOT NULL,
            name text,
            user_id text NOT NULL,
            role text NOT NULL DEFAULT 'user',
            created_at timestamptz NOT NULL,
            expires_at timestamptz,
            revoked_at timestamptz
        );
        CREATE INDEX ix_virtual_keys_user ON virtual_keys (user_id);

        CREATE TABLE usage_records (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            request_id text NOT NULL UNIQUE,
            timestamp timestamptz NOT NULL,
            user_id text NOT NULL,
            virtual_key_id bigint,
            agent_name text,
            slot text,
            endpoint text NOT NULL,
            requested_model text NOT NULL,
            catalog_model text,
            platform text,
            provider text,
            upstream_model text,
            key_id bigint,
            input_tokens bigint NOT NULL,
            output_tokens bigint NOT NULL,
            cached_input_tokens bigint NOT NULL,
            cache_write_tokens bigint NOT NULL,
            reasoning_tokens bigint NOT NULL,
            usage_source text NOT NULL,
            provider_cost numeric NOT NULL,
            user_price numeric NOT NULL,
            latency_ms double precision NOT NULL,
            ttft_ms double precision,
            attempts integer NOT NULL,
            stream boolean NOT NULL,
            status text NOT NULL,
            error_type text,
            http_status integer NOT NULL
        );
        CREATE INDEX ix_usage_records_timestamp ON usage_records (timestamp);
        CREATE INDEX ix_usage_records_user_timestamp ON usage_records (user_id, timestamp);
        """;
}
