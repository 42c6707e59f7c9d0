namespace Switchboard.Server.Responses;

/// <summary>Makes the ids of responses and their output items, with the prefixes OpenAI's clients expect (<c>resp_</c>, <c>msg_</c>, <c>fc_</c>, <c>rs_</c>).</summary>
internal static class ResponseIds
{
    /// <summary>Creates a response id; time-ordered, so ids sort by creation.</summary>
    public static string Response() => "resp_" + Guid.CreateVersion7().ToString("N");

    /// <summary>Creates an output message id.</summary>
    public static string Message() => "msg_" + Guid.NewGuid().ToString("N");

    /// <summary>Creates a function call item id.</summary>
    public static string FunctionCall() => "fc_" + Guid.NewGuid().ToString("N");

    /// <summary>Creates a reasoning item id.</summary>
    public static string Reasoning() => "rs_" + Guid.NewGuid().ToString("N");
}
