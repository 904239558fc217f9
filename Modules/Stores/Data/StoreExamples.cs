namespace RetailPerformer.Stores.Data;

/// <summary>
/// The reference page's examples of this module: one story (the guide's Skyco Marseille, its gérant, manager and
/// seller, with the ids the other modules' examples use), built from the seeds' own bodies.
/// </summary>
internal static class StoreExamples
{
    public const string Store = """
        {"id": "c2dd1ada-d0a2-4a90-be81-644b7cb78bc7", "name": "Skyco Marseille", "location": "13001 Marseille",
         "address": "12 Rue de la République, 13001 Marseille", "phone": "+33 4 91 00 00 00", "opening_hours": "Lun-Sam: 9h-19h",
         "gerant_id": "5b9f0b43-7b1e-4d7e-9a43-1f0c3b1e2a10", "external_id": "STORE_MRS_001", "active": true,
         "created_at": "2025-12-08T10:00:00Z", "updated_at": "2025-12-08T10:00:00Z"}
        """;

    public const string Created = $$$"""{"success": true, "store_id": "c2dd1ada-d0a2-4a90-be81-644b7cb78bc7", "store": {{{Store}}}}""";

    public const string List = $$$"""{"stores": [{{{Store}}}], "meta": {"page": 1, "limit": 50, "total": 1, "pages": 1}}""";

    public const string Deleted = $$$"""{"success": true, "message": "{{{StoreMessages.StoreDeleted}}}", "staff_suspended": 2}""";
}
