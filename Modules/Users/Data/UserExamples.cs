namespace RetailPerformer.Users.Data;

/// <summary>
/// The reference page's examples of this module: one story (the guide's Skyco Marseille: Marie Dupont its gérant,
/// Sophie Martin its manager, Lucas Bernard a seller), with the ids the other modules' examples use.
/// </summary>
internal static class UserExamples
{
    public const string GerantId = "5b9f0b43-7b1e-4d7e-9a43-1f0c3b1e2a10";
    public const string TenantId = "0b7e2f6c-3a41-4d2b-8e9f-5c6d7a8b9c01";
    public const string SellerId = "2a1c816b-fd21-463a-8a8f-bfe98616aeba";
    private const string Token = "CfDJ8NgFGSntOQVMmltn6EPX7nObsWRAOAXYVCsU56Tvm5v2i-9HxEEblRDyZggeb4ZsroSLuByXVYmCvzx4Wk…";

    public const string Manager = """
        {"id": "72468398-620f-42d1-977c-bd250f4d440a", "name": "Sophie Martin", "email": "sophie.martin@example.com",
         "role": "manager", "status": "active", "phone": "+33 6 12 34 56 78", "store_id": "c2dd1ada-d0a2-4a90-be81-644b7cb78bc7",
         "manager_id": null, "external_id": "MGR_MRS_001", "created_at": "2025-12-08T10:00:00Z", "updated_at": "2025-12-08T10:00:00Z",
         "invitation_sent": null}
        """;

    public const string Seller = """
        {"id": "2a1c816b-fd21-463a-8a8f-bfe98616aeba", "name": "Lucas Bernard", "email": "lucas.bernard@example.com",
         "role": "seller", "status": "active", "phone": "+33 6 98 76 54 32", "store_id": "c2dd1ada-d0a2-4a90-be81-644b7cb78bc7",
         "manager_id": "72468398-620f-42d1-977c-bd250f4d440a", "external_id": "SELLER_MRS_012",
         "created_at": "2025-12-08T10:00:00Z", "updated_at": "2025-12-08T10:00:00Z", "invitation_sent": null}
        """;

    public const string UpdatedSeller = """
        {"success": true, "user_id": "2a1c816b-fd21-463a-8a8f-bfe98616aeba",
         "user": {"id": "2a1c816b-fd21-463a-8a8f-bfe98616aeba", "name": "Lucas Bernard-Dupont", "email": "lucas.bernard@example.com",
                  "role": "seller", "status": "active", "phone": "+33 6 11 22 33 44", "store_id": "c2dd1ada-d0a2-4a90-be81-644b7cb78bc7",
                  "manager_id": "72468398-620f-42d1-977c-bd250f4d440a", "external_id": "SELLER_MRS_012_NEW",
                  "created_at": "2025-12-08T10:00:00Z", "updated_at": "2025-12-09T08:30:00Z", "invitation_sent": null}}
        """;

    public const string People = $$$"""{"users": [{{{Seller}}}, {{{Manager}}}], "meta": {"page": 1, "limit": 50, "total": 2, "pages": 1}}""";

    public const string SellerDeleted = $$$"""{"success": true, "message": "{{{UserMessages.SellerDeleted}}}"}""";

    public const string Invitation = """
        {"id": "0193aa10-2b3c-7d4e-8f60-718293a4b5c6", "user_id": "2a1c816b-fd21-463a-8a8f-bfe98616aeba",
         "email": "lucas.bernard@example.com", "status": "pending", "delivery_status": "sent", "delivery_error": null,
         "delivery_attempts": 1, "next_attempt_at": null, "created_at": "2025-12-08T10:00:00Z", "expires_at": "2025-12-15T10:00:00Z",
         "used_at": null, "delivered_at": "2025-12-08T10:00:01Z"}
        """;

    public const string Invitations = $$$"""{"invitations": [{{{Invitation}}}], "meta": {"page": 1, "limit": 50, "total": 1, "pages": 1}}""";

    public const string RegisterRequest = """{"name": "Marie Dupont", "email": "marie.dupont@skyco.fr", "password": "correct-horse-42"}""";

    public const string Registered = $$$"""
        {"id": "{{{GerantId}}}", "name": "Marie Dupont", "email": "marie.dupont@skyco.fr", "role": "gerant",
         "tenant_id": "{{{TenantId}}}", "created_at": "2025-12-08T09:00:00Z"}
        """;

    public const string LoginRequest = """{"email": "marie.dupont@skyco.fr", "password": "correct-horse-42"}""";

    public const string SignedIn = $$$"""
        {"token": "{{{Token}}}", "expiresIn": "1h", "token_type": "Bearer",
         "user": {"id": "{{{GerantId}}}", "name": "Marie Dupont", "email": "marie.dupont@skyco.fr", "role": "gerant",
                  "store_id": null, "tenant_id": "{{{TenantId}}}"}}
        """;

    public const string Me = $$$"""
        {"id": "{{{GerantId}}}", "name": "Marie Dupont", "email": "marie.dupont@skyco.fr", "role": "gerant", "status": "active",
         "tenant_id": "{{{TenantId}}}", "store_id": null, "manager_id": null, "phone": null, "external_id": null,
         "created_at": "2025-12-08T09:00:00Z", "updated_at": "2025-12-08T09:00:00Z"}
        """;

    public const string ChangePasswordRequest = """{"currentPassword": "correct-horse-42", "newPassword": "battery-staple-77"}""";

    public const string PasswordChanged = $$$"""{"message": "Mot de passe changé avec succès", "token": "{{{Token}}}", "expiresIn": "1h"}""";

    public const string AcceptInvitationRequest = """{"token": "q3Jr0m8vYb1kXo2L6sPfTz4uWc9eHn5aGd7iKj0lMbA", "password": "lucas-chooses-42"}""";

    public const string InvitationAccepted = $$$"""
        {"success": true, "message": "Password set: sign in with POST /api/auth/login",
         "user": {"id": "{{{SellerId}}}", "name": "Lucas Bernard", "email": "lucas.bernard@example.com", "role": "seller",
                  "store_id": "c2dd1ada-d0a2-4a90-be81-644b7cb78bc7"}}
        """;
}
