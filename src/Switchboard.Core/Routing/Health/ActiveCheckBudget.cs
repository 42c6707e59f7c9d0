namespace Switchboard.Core.Routing.Health;

/// <summary>Keeps active health checks under a count per clock hour and a provider cost per UTC day.</summary>
/// <remarks>A check is admitted on its worst-case cost and settled with what it really cost. Used by one loop only.</remarks>
internal sealed class ActiveCheckBudget(ActiveHealthCheckOptions options)
{
    private long _hour = -1;
    private int _checksThisHour;
    private DateOnly _day;
    private decimal _costToday;

    /// <summary>Gets the provider cost spent today.</summary>
    public decimal CostToday => _costToday;

    /// <summary>Admits a check that may cost up to <paramref name="worstCost"/>, or refuses it when either cap would be passed.</summary>
    public bool TryAdmit(DateTimeOffset now, decimal worstCost)
    {
        Roll(now);
        if (_checksThisHour >= options.MaxChecksPerHour || _costToday + worstCost > options.MaxCostPerDay)
        {
            return false;
        }

        _checksThisHour++;
        _costToday += worstCost;
        return true;
    }

    /// <summary>Replaces an admitted check's worst-case cost by its real cost.</summary>
    public void Settle(decimal worstCost, decimal actualCost) => _costToday += actualCost - worstCost;

    private void Roll(DateTimeOffset now)
    {
        var hour = now.UtcTicks / TimeSpan.TicksPerHour;
        if (hour != _hour)
        {
            _hour = hour;
            _checksThisHour = 0;
        }

        var day = DateOnly.FromDateTime(now.UtcDateTime);
        if (day != _day)
        {
            _day = day;
            _costToday = 0;
        }
    }
}
