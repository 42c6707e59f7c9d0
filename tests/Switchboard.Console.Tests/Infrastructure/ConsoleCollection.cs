namespace Switchboard.Console.Tests.Infrastructure;

/// <summary>Shares one gateway and one browser between the browser tests, which run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleGateway>
{
    public const string Name = "console";
}
