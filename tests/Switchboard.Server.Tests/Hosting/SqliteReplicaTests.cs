using Xunit.Abstractions;

namespace Switchboard.Server.Tests.Hosting;

/// <summary>Two gateway processes on one SQLite file: changes travel by the version poll.</summary>
public sealed class SqliteReplicaTests(ITestOutputHelper output) : ReplicaTests(output)
{
    protected override bool Postgres => false;
}
