namespace Switchboard.Console.Navigation;

/// <summary>Marks a page only admin keys may open; the app shows a user key "needs an admin key" instead, and the API answers 403 anyway.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AdminPageAttribute : Attribute;
