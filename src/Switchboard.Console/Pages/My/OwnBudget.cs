using Switchboard.Console.Pages.Accounts;

namespace Switchboard.Console.Pages.My;

/// <summary>One of the caller's budgets as <c>My budget</c> lists it: whose (<c>key</c> or <c>user</c>), how much, over which period, and what is spent of it.</summary>
public sealed record OwnBudget(string Scope, decimal Budget, string BudgetPeriod, SpendItem Spend)
{
    /// <summary>Lists the budgets of the caller's key and user that have one, the key's first.</summary>
    public static List<OwnBudget> From(CallerItem caller)
    {
        var budgets = new List<OwnBudget>(2);
        if (caller.Key is { Budget: { } keyBudget, Spend: { } keySpend } key)
        {
            budgets.Add(new OwnBudget("key", keyBudget, key.BudgetPeriod, keySpend));
        }

        if (caller.User is { Budget: { } userBudget, Spend: { } userSpend } user)
        {
            budgets.Add(new OwnBudget("user", userBudget, user.BudgetPeriod, userSpend));
        }

        return budgets;
    }
}
