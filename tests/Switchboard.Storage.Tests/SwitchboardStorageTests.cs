using Switchboard.Abstractions.Configuration;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Tests;

/// <summary>Checks the factory's choice of database, which needs no server.</summary>
public sealed class SwitchboardStorageTests
{
    [Theory]
    [InlineData("Server=tcp:db;Initial Catalog=x")]
    [InlineData("Mode=ReadOnly")]
    [InlineData("just some text")]
    [InlineData("Password=secret=;;x")]
    public void Create_WithUnknownConnectionString_ThrowsArgumentExceptionWithoutEchoingIt(string connectionString)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => SwitchboardStorage.Create(connectionString));
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithInMemorySqlite_KeepsDataAcrossCalls()
    {
        await using var store = SwitchboardStorage.Create("Data Source=:memory:");
        await store.MigrateAsync(CancellationToken.None);
        await store.Configuration.SetSettingAsync("mode", "single", "test", CancellationToken.None);

        Assert.Equal("sqlite", store.ProviderName);
        Assert.Equal("single", await store.Configuration.GetSettingAsync("mode", CancellationToken.None));
    }

    [Fact]
    public async Task Create_WithSqliteFileInMissingFolder_CreatesFolderAndUsesWal()
    {
        using var folder = new SqliteFolder("switchboard-factory");
        var path = Path.Combine(folder.Path, "nested", "data", "switchboard.db");
        await using (var store = SwitchboardStorage.Create($"Filename={path}"))
        {
            await store.MigrateAsync(CancellationToken.None);
            await store.Configuration.SeedAsync([TestData.Platform("p", ["m"], "k")], [], SeedMode.AddMissing, CancellationToken.None);
            await using var session = await store.Dialect.BeginAsync(readOnly: true, CancellationToken.None);
            await using var command = session.Command("PRAGMA journal_mode");
            Assert.Equal("wal", await command.ExecuteScalarAsync());
        }

        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task Sessions_OnNewAndPooledConnections_HaveTheConnectionSettings()
    {
        using var folder = new SqliteFolder("switchboard-pragmas");
        await using var store = SwitchboardStorage.Create($"Filename={Path.Combine(folder.Path, "switchboard.db")}");
        await store.MigrateAsync(CancellationToken.None);
        SQLitePCL.sqlite3? first = null;
        for (var i = 0; i < 3; i++)
        {
            await using var session = await store.Dialect.BeginAsync(readOnly: i % 2 == 0, CancellationToken.None);
            var handle = ((Microsoft.Data.Sqlite.SqliteConnection)session.Connection).Handle;
            first ??= handle;
            Assert.Same(first, handle); // the pool hands the same physical connection back
            Assert.Equal(1L, await session.ScalarInt64Async("PRAGMA synchronous", CancellationToken.None)); // NORMAL
            Assert.Equal(10_000L, await session.ScalarInt64Async("PRAGMA busy_timeout", CancellationToken.None));
            Assert.Equal(-1024L, await session.ScalarInt64Async("PRAGMA cache_size", CancellationToken.None));
            Assert.Equal(1L, await session.ScalarInt64Async("PRAGMA foreign_keys", CancellationToken.None));
        }
    }

    [Fact]
    public async Task WriteSession_QueuedBehindAnother_ResumesOnTheCallersContext()
    {
        // A background writer on its own thread must open its transaction (and wait for another process's file lock)
        // on that thread, not on the pool thread that released the in-process write gate.
        using var folder = new SqliteFolder("switchboard-gate");
        await using var store = SwitchboardStorage.Create($"Filename={Path.Combine(folder.Path, "switchboard.db")}");
        await store.MigrateAsync(CancellationToken.None);
        var first = await store.Dialect.BeginAsync(readOnly: false, CancellationToken.None);
        var context = new CountingContext();
        var second = await Task.Run<Task<DbSession>>(() =>
        {
            SynchronizationContext.SetSynchronizationContext(context);
            try
            {
                return store.Dialect.BeginAsync(readOnly: false, CancellationToken.None);
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(null);
            }
        });
        Assert.False(second.IsCompleted);
        Assert.Equal(0, context.Posts);

        await first.DisposeAsync();
        await using (await second.WaitAsync(TimeSpan.FromSeconds(10)))
        {
            Assert.Equal(1, context.Posts);
        }
    }

    /// <summary>A fresh folder for a SQLite file; deleted (after SQLite's pooled connections let go of it) on dispose.</summary>
    private sealed class SqliteFolder(string prefix) : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + "-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
    }

    /// <summary>Counts continuations posted to it and runs them on the pool.</summary>
    private sealed class CountingContext : SynchronizationContext
    {
        private int _posts;

        public int Posts => Volatile.Read(ref _posts);

        public override void Post(SendOrPostCallback d, object? state)
        {
            Interlocked.Increment(ref _posts);
            ThreadPool.QueueUserWorkItem(_ => d(state));
        }
    }
}
