namespace Switchboard.Providers.Http;

/// <summary>Disposes several objects together, in order.</summary>
internal sealed class CompositeDisposable(params IDisposable[] items) : IDisposable
{
    public void Dispose()
    {
        foreach (var item in items)
        {
            item.Dispose();
        }
    }
}
