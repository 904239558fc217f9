namespace RetailPerformer.Webhooks.Data;

/// <summary>The reference page's examples of this module: the gérant's n8n workflow woken by each nightly sync.</summary>
internal static class WebhookExamples
{
    public const string CreateRequest = """
        {"url": "https://n8n.skyco.fr/webhook/retail-performer", "event_types": ["kpi.synced", "store.deleted"], "description": "n8n — rapport du matin", "enabled": true}
        """;

    public const string UpdateRequest = """
        {"url": "https://n8n.skyco.fr/webhook/retail-performer", "event_types": ["kpi.synced"], "description": "n8n — rapport du matin", "enabled": true}
        """;

    public const string Endpoint = """
        {"id": "7a1c0e52-4f3b-4d8e-9a6b-2c5d8e1f0a93", "url": "https://n8n.skyco.fr/webhook/retail-performer",
         "event_types": ["kpi.synced", "store.deleted"], "description": "n8n — rapport du matin", "enabled": true,
         "failing_since": null, "disabled_reason": null, "previous_secret_until": null,
         "created_at": "2025-12-08T10:00:00Z", "updated_at": "2025-12-08T10:00:00Z"}
        """;

    public const string Secret = $$$"""
        {"secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "warning": "{{{WebhookSecretResponse.ShownOnce}}}", "endpoint": {{{Endpoint}}}}
        """;

    public const string List = $$$"""{"webhooks": [{{{Endpoint}}}]}""";

    public const string Deleted = """{"success": true, "message": "Webhook endpoint deleted"}""";

    public const string TestSent = """
        {"event_id": "01937a2b-9c4d-7e8f-a0b1-c2d3e4f5a6b7", "delivery_id": "01937a2b-9c4d-7e8f-a0b1-c2d3e4f5a6b8", "message": "Test event queued"}
        """;

    public const string Deliveries = """
        {"deliveries": [{"id": "01937a2b-9c4d-7e8f-a0b1-c2d3e4f5a6b8", "event_id": "01937a2b-9c4d-7e8f-a0b1-c2d3e4f5a6b7",
          "event_type": "kpi.synced", "occurred_at": "2025-12-09T02:00:12Z", "status": "delivered", "attempts": 2,
          "next_attempt_at": null, "last_status": 200, "last_error": null, "delivered_at": "2025-12-09T02:00:18Z",
          "attempt_log": [
            {"attempted_at": "2025-12-09T02:00:12Z", "status_code": 502, "duration_ms": 31.5, "response_body": "Bad Gateway", "error": null},
            {"attempted_at": "2025-12-09T02:00:18Z", "status_code": 200, "duration_ms": 12.0, "response_body": "{\"ok\":true}", "error": null}]}],
         "meta": {"page": 1, "limit": 50, "total": 1, "pages": 1}}
        """;

    public const string ReplayFailedRequest = """{"since": "2025-12-08"}""";

    public const string ReplayedOne = """{"replayed": 1, "message": "1 delivery queued again"}""";

    public const string Replayed = """{"replayed": 3, "message": "3 deliveries queued again"}""";
}
