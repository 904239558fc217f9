namespace RetailPerformer.Activity.Data;

/// <summary>The <c>detail</c> of the problem a request was answered with, kept for its log line (set as the problem is written).</summary>
internal sealed record ProblemDetail(string? Detail);
