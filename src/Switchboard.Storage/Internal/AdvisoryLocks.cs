namespace Switchboard.Storage.Internal;

/// <summary>Names the transaction-scoped locks that serialize whole-database work across replicas.</summary>
internal static class AdvisoryLocks
{
    /// <summary>Held while one migration step runs ("SWBMIGRT").</summary>
    public const long Migrations = 0x5357424D49475254;

    /// <summary>Held while the platforms file is applied ("SWBSEEDS").</summary>
    public const long Seed = 0x5357425345454453;

    /// <summary>Held while usage records are rolled up and purged ("SWBROLUP").</summary>
    public const long UsageRollup = 0x535742524F4C5550;
}
