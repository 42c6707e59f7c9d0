namespace Switchboard.Abstractions.Tenancy;

/// <summary>Says over which window a spend budget is counted. Windows are calendar-aligned in UTC.</summary>
public enum BudgetPeriod
{
    /// <summary>A UTC calendar day.</summary>
    Day,

    /// <summary>A UTC week starting on Monday.</summary>
    Week,

    /// <summary>A UTC calendar month.</summary>
    Month,

    /// <summary>Never resets.</summary>
    Total,
}
