namespace Switchboard.Abstractions.Tenancy;

/// <summary>Says whether a request was admitted and, when not, which limit of which scope refused it.</summary>
public sealed record LimitAdmission
{
    /// <summary>Gets the admission of a request that every scope accepted.</summary>
    public static LimitAdmission Admitted { get; } = new() { Accepted = true };

    /// <summary>Gets a value indicating whether the request may proceed.</summary>
    public bool Accepted { get; init; }

    /// <summary>Gets the scope that refused.</summary>
    public string? Scope { get; init; }

    /// <summary>Gets which limit refused: <c>budget</c>, <c>rpm</c> or <c>tpm</c>.</summary>
    public string? Limit { get; init; }
}
