namespace RetailPerformer.Users.Data;

/// <summary>Why an email was not handed over; <see cref="Permanent"/> when trying again cannot help (the server refused it for good: 5xx).</summary>
internal sealed record MailFailure(string Reason, bool Permanent);
