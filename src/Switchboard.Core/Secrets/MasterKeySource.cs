namespace Switchboard.Core.Secrets;

/// <summary>Says where the master key came from.</summary>
public enum MasterKeySource
{
    /// <summary>The <c>SWITCHBOARD_MASTER_KEY</c> environment variable.</summary>
    Environment = 0,

    /// <summary>The <c>LLM_KEY</c> environment variable, kept as an alias for classic deployments.</summary>
    Alias = 1,

    /// <summary>An existing key file beside the database.</summary>
    File = 2,

    /// <summary>A key file generated on this start because nothing else supplied a key.</summary>
    Generated = 3,
}
