namespace RetailPerformer.Keys.Data;

/// <summary>The reference page's examples of this module: the gérant's key for the guide's POS ("Caisse Skyco").</summary>
internal static class ApiKeyExamples
{
    public const string CreateRequest = """
        {"name": "Caisse Skyco", "permissions": ["kpi:write", "stats:read", "stores:read"], "store_ids": null, "expires_in_days": 365}
        """;

    public const string Key = """
        {"id": "3f6c2d1e-8b7a-4c5d-9e0f-1a2b3c4d5e6f", "name": "Caisse Skyco", "key_hint": "rp_live_…i09g",
         "permissions": ["kpi:write", "stats:read", "stores:read"], "store_ids": null, "expires_in_days": 365,
         "expires_at": "2026-12-08T10:00:00Z", "created_at": "2025-12-08T10:00:00Z", "last_used_at": "2025-12-09T02:00:12Z",
         "active": true, "revoked_at": null, "replaced_by": null, "rate_limit_per_second": null}
        """;

    private const string NewKey = """
        {"id": "3f6c2d1e-8b7a-4c5d-9e0f-1a2b3c4d5e70", "name": "Caisse Skyco", "key_hint": "rp_live_…i09g",
         "permissions": ["kpi:write", "stats:read", "stores:read"], "store_ids": null, "expires_in_days": 365,
         "expires_at": "2026-12-08T10:00:00Z", "created_at": "2025-12-08T10:00:00Z", "last_used_at": null,
         "active": true, "revoked_at": null, "replaced_by": null, "rate_limit_per_second": null}
        """;

    public const string Secret = $$$"""
        {"key": "rp_live_sCRia4YVxGclLAvEa0218GL8MNW6D0BjEyOGPMAi09g", "warning": "{{{ApiKeySecretResponse.ShownOnce}}}", "api_key": {{{NewKey}}}}
        """;

    public const string List = $$$"""{"api_keys": [{{{Key}}}], "meta": {"page": 1, "limit": 50, "total": 1, "pages": 1}}""";

    public const string Deactivated = """
        {"success": true, "message": "API key deactivated",
         "api_key": {"id": "3f6c2d1e-8b7a-4c5d-9e0f-1a2b3c4d5e6f", "name": "Caisse Skyco", "key_hint": "rp_live_…i09g",
                     "permissions": ["kpi:write", "stats:read", "stores:read"], "store_ids": null, "expires_in_days": 365,
                     "expires_at": "2026-12-08T10:00:00Z", "created_at": "2025-12-08T10:00:00Z", "last_used_at": "2025-12-09T02:00:12Z",
                     "active": false, "revoked_at": "2025-12-10T09:15:00Z", "replaced_by": null, "rate_limit_per_second": null}}
        """;

    public const string IntegrationMe = """
        {"key_id": "3f6c2d1e-8b7a-4c5d-9e0f-1a2b3c4d5e6f", "name": "Caisse Skyco", "tenant_id": "0b7e2f6c-3a41-4d2b-8e9f-5c6d7a8b9c01",
         "permissions": ["kpi:write", "stats:read", "stores:read"], "store_ids": null, "all_stores": true,
         "expires_at": "2026-12-08T10:00:00+00:00"}
        """;
}
