using Switchboard.Abstractions.Usage;

namespace Switchboard.Storage.Usage;

/// <summary>Turns the optional filters of a <see cref="UsageQuery"/> into SQL conditions and parameters.</summary>
/// <remarks>
/// Raw records store a missing agent, slot or model as NULL and hourly rollups as <c>''</c>; comparing
/// <c>COALESCE(column, '')</c> makes one condition serve both tables, and <c>''</c> select the records without one.
/// </remarks>
internal static class UsageFilter
{
    /// <summary>Gets the conditions (each starting with <c> AND </c>) for the query's user, agent, slot and model filters.</summary>
    public static string Conditions(UsageQuery query)
    {
        var sql = query.UserId is null ? string.Empty : " AND user_id = @user_id";
        if (query.AgentName is not null)
        {
            sql += " AND COALESCE(agent_name, '') = @agent_name";
        }

        if (query.Slot is not null)
        {
            sql += " AND COALESCE(slot, '') = @slot";
        }

        if (query.CatalogModel is not null)
        {
            sql += " AND COALESCE(catalog_model, '') = @catalog_model";
        }

        return sql;
    }

    /// <summary>Gets the columns the query's filters read.</summary>
    public static IEnumerable<string> Columns(UsageQuery query)
    {
        if (query.UserId is not null)
        {
            yield return "user_id";
        }

        if (query.AgentName is not null)
        {
            yield return "agent_name";
        }

        if (query.Slot is not null)
        {
            yield return "slot";
        }

        if (query.CatalogModel is not null)
        {
            yield return "catalog_model";
        }
    }

    /// <summary>Adds the parameters the conditions of <see cref="Conditions"/> use.</summary>
    public static void AddParameters(UsageQuery query, List<(string Name, object? Value)> parameters)
    {
        if (query.UserId is not null)
        {
            parameters.Add(("@user_id", query.UserId));
        }

        if (query.AgentName is not null)
        {
            parameters.Add(("@agent_name", query.AgentName));
        }

        if (query.Slot is not null)
        {
            parameters.Add(("@slot", query.Slot));
        }

        if (query.CatalogModel is not null)
        {
            parameters.Add(("@catalog_model", query.CatalogModel));
        }
    }
}
