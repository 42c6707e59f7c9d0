namespace Switchboard.Storage.Internal;

/// <summary>Builds the parameter list of an <c>IN (…)</c> condition, one parameter per value, so values never enter SQL text.</summary>
internal static class SqlLists
{
    /// <summary>Returns <c>@prefix0, @prefix1, …</c> and the parameters that bind them to <paramref name="values"/>.</summary>
    public static (string List, (string Name, object? Value)[] Parameters) In<T>(string prefix, IReadOnlyList<T> values)
    {
        var parameters = new (string Name, object? Value)[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            parameters[i] = (prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture), values[i]);
        }

        return (values.Count == 0 ? "NULL" : string.Join(", ", parameters.Select(p => p.Name)), parameters);
    }
}
