using System.Text;

namespace Switchboard.Storage.Internal;

/// <summary>Builds the <c>WHERE</c> clause of a list query from optional filters: a null value adds nothing.</summary>
internal sealed class SqlFilter
{
    private readonly StringBuilder _sql;
    private readonly List<(string Name, object? Value)> _parameters = [];

    /// <summary>Starts a query with the given <c>SELECT … FROM …</c> text.</summary>
    public SqlFilter(string select) => _sql = new StringBuilder(select).Append(" WHERE 1 = 1");

    /// <summary>Adds <c>AND condition</c> with its parameter when <paramref name="value"/> is not null.</summary>
    public SqlFilter And(string condition, string name, object? value)
    {
        if (value is not null)
        {
            _sql.Append(" AND ").Append(condition);
            _parameters.Add((name, value));
        }

        return this;
    }

    /// <summary>Adds <c>AND condition</c> with several parameters when <paramref name="apply"/> is true, for a condition over more than one value.</summary>
    public SqlFilter And(bool apply, string condition, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        if (apply)
        {
            _sql.Append(" AND ").Append(condition);
            foreach (var parameter in parameters)
            {
                _parameters.Add(parameter);
            }
        }

        return this;
    }

    /// <summary>Ends the query with its ordering and a limit, and returns the text and parameters.</summary>
    public (string Sql, (string Name, object? Value)[] Parameters) Build(string orderBy, int limit)
    {
        _sql.Append(" ORDER BY ").Append(orderBy).Append(" LIMIT @limit");
        _parameters.Add(("@limit", limit));
        return (_sql.ToString(), [.. _parameters]);
    }
}
