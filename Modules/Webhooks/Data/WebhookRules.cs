using RetailPerformer.Shared.Contracts.Webhooks;

namespace RetailPerformer.Webhooks.Data;

/// <summary>What an endpoint's fields must be, for its creation and its update alike.</summary>
internal static class WebhookRules
{
    public const int MaximumEndpoints = 20;
    public const string TooManyEndpoints = "A chain has at most 20 webhook endpoints";

    public static IRuleBuilderOptions<T, string?> WebhookUrl<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(2000)
            .Must(url => url is null || Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.UserInfo.Length == 0)
            .WithMessage("'url' must be an absolute http or https URL without credentials");

    public static IRuleBuilderOptions<T, List<string?>?> EventTypeList<T>(this IRuleBuilder<T, List<string?>?> rule) =>
        rule.Must(types => types is null || types.Count > 0).WithMessage("'event_types' must list at least one event type")
            .Must(types => types is null || types.All(t => EventTypes.Subscribable.Contains(t)))
            .WithMessage((_, types) => $"Unknown event type '{types!.First(t => !EventTypes.Subscribable.Contains(t))}'. Known: {string.Join(", ", EventTypes.Subscribable)}");

    public static string[] Canonical(List<string?> types) => types.Select(t => t!).Distinct().Order(StringComparer.Ordinal).ToArray();
}
