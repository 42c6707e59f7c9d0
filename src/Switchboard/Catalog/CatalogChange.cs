namespace Switchboard.Catalog;

/// <summary>Wraps a new value for a field that may also be cleared: a null <see cref="CatalogChange{T}"/> leaves the field alone, a null <see cref="Value"/> clears it.</summary>
/// <typeparam name="T">The field's type.</typeparam>
/// <param name="Value">The new value.</param>
public sealed record CatalogChange<T>(T Value);
