namespace RetailPerformer.Shared.Http;

/// <summary>The bodies of shared/seeds/integration-guide-v1.2.md, for the reference page's examples.</summary>
public static class SeedExamples
{
    public const string CreateStoreRequest = """
        {"name": "Skyco Marseille", "location": "13001 Marseille", "address": "12 Rue de la République, 13001 Marseille",
         "phone": "+33 4 91 00 00 00", "opening_hours": "Lun-Sam: 9h-19h", "external_id": "STORE_MRS_001"}
        """;

    public const string CreateStoreResponse = """
        {"success": true, "store_id": "c2dd1ada-d0a2-4a90-be81-644b7cb78bc7",
         "store": {"id": "c2dd1ada-d0a2-4a90-be81-644b7cb78bc7", "name": "Skyco Marseille", "location": "13001 Marseille",
                   "address": "12 Rue de la République, 13001 Marseille", "phone": "+33 4 91 00 00 00", "opening_hours": "Lun-Sam: 9h-19h",
                   "gerant_id": "5b9f0b43-7b1e-4d7e-9a43-1f0c3b1e2a10", "external_id": "STORE_MRS_001", "active": true,
                   "created_at": "2025-12-08T10:00:00Z", "updated_at": "2025-12-08T10:00:00Z"}}
        """;

    public const string CreateManagerRequest = """
        {"name": "Sophie Martin", "email": "sophie.martin@example.com", "phone": "+33 6 12 34 56 78", "external_id": "MGR_MRS_001", "send_invitation": true}
        """;

    public const string CreateManagerResponse = """
        {"success": true, "manager_id": "72468398-620f-42d1-977c-bd250f4d440a",
         "manager": {"id": "72468398-620f-42d1-977c-bd250f4d440a", "name": "Sophie Martin", "email": "sophie.martin@example.com",
                     "role": "manager", "status": "active", "phone": "+33 6 12 34 56 78", "store_id": "c2dd1ada-d0a2-4a90-be81-644b7cb78bc7",
                     "manager_id": null, "external_id": "MGR_MRS_001", "created_at": "2025-12-08T10:00:00Z", "updated_at": "2025-12-08T10:00:00Z",
                     "invitation_sent": true}}
        """;

    public const string CreateSellerRequest = """
        {"name": "Lucas Bernard", "email": "lucas.bernard@example.com", "manager_id": "72468398-620f-42d1-977c-bd250f4d440a",
         "phone": "+33 6 98 76 54 32", "external_id": "SELLER_MRS_012", "send_invitation": true}
        """;

    public const string CreateSellerResponse = """
        {"success": true, "seller_id": "2a1c816b-fd21-463a-8a8f-bfe98616aeba",
         "seller": {"id": "2a1c816b-fd21-463a-8a8f-bfe98616aeba", "name": "Lucas Bernard", "email": "lucas.bernard@example.com",
                    "role": "seller", "status": "active", "phone": "+33 6 98 76 54 32", "store_id": "c2dd1ada-d0a2-4a90-be81-644b7cb78bc7",
                    "manager_id": "72468398-620f-42d1-977c-bd250f4d440a", "external_id": "SELLER_MRS_012",
                    "created_at": "2025-12-08T10:00:00Z", "updated_at": "2025-12-08T10:00:00Z", "invitation_sent": true}}
        """;

    public const string UpdateUserRequest = """
        {"name": "Lucas Bernard-Dupont", "phone": "+33 6 11 22 33 44", "status": "active", "external_id": "SELLER_MRS_012_NEW"}
        """;

    public const string SyncKpiRequest = """
        {"store_id": "c2dd1ada-d0a2-4a90-be81-644b7cb78bc7", "date": "2025-11-26",
         "kpi_entries": [
           {"seller_id": "2a1c816b-fd21-463a-8a8f-bfe98616aeba", "ca_journalier": 1500.00, "nb_ventes": 12, "nb_articles": 24, "prospects": 5},
           {"seller_id": "9d3b2f0e-41aa-4c51-8f0e-3c2b9a7d6e11", "ca_journalier": 2300.00, "nb_ventes": 18, "nb_articles": 35, "prospects": 8}],
         "source": "pos_system_v2"}
        """;

    public const string SyncKpiResponse = """
        {"status": "success", "message": "KPI synchronized successfully", "entries_created": 2, "entries_updated": 0, "total": 2,
         "synced_entries": 2, "store_id": "c2dd1ada-d0a2-4a90-be81-644b7cb78bc7", "date": "2025-11-26", "source": "pos_system_v2",
         "entries": [{"seller_id": "2a1c816b-fd21-463a-8a8f-bfe98616aeba", "kpi_id": "0193a9f2-6c1d-7e4b-9a55-2f1d3c4b5a61", "action": "created"},
                     {"seller_id": "9d3b2f0e-41aa-4c51-8f0e-3c2b9a7d6e11", "kpi_id": "0193a9f2-6c1d-7e4b-9a55-2f1d3c4b5a62", "action": "created"}]}
        """;

    public const string MyStoresResponse = """
        {"stores": [{"store_id": "c2dd1ada-d0a2-4a90-be81-644b7cb78bc7", "store_name": "Skyco Lyon Part-Dieu",
                     "store_address": "45 Rue de la République, 69003 Lyon", "location": "69003 Lyon", "active": true, "managers_count": 1,
                     "managers": [{"id": "72468398-620f-42d1-977c-bd250f4d440a", "name": "DENIS TOM", "email": "Manager12@test.com", "status": "active"}],
                     "sellers_count": 1,
                     "sellers": [{"id": "2a1c816b-fd21-463a-8a8f-bfe98616aeba", "name": "Vendeur Test 1", "email": "vendeur1@test.com", "status": "active"}]}],
         "total_stores": 1, "total_managers": 1, "total_sellers": 1}
        """;

    public const string MyStatsResponse = """
        {"period": {"start": "2025-01-01", "end": "2025-01-31"},
         "stores": [{"store_id": "c2dd1ada-d0a2-4a90-be81-644b7cb78bc7", "store_name": "Skyco Paris Centre", "active": true,
                     "metrics": {"total_ca": 107359.70, "total_ventes": 833, "total_articles": 1417, "average_basket": 128.88,
                                 "total_prospects": 2450, "taux_transformation": 34.00}}],
         "total_all_stores": {"total_ca": 107359.70, "total_ventes": 833, "total_articles": 1417, "average_basket": 128.88,
                              "total_prospects": 2450, "taux_transformation": 34.00}}
        """;
}
