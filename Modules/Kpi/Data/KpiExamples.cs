namespace RetailPerformer.Kpi.Data;

/// <summary>The reference page's examples of the web app's two entry doors: the guide's own bodies.</summary>
internal static class KpiExamples
{
    public const string SellerEntry = """{"date": "2024-12-08", "ca_journalier": 1250.50, "nb_ventes": 12, "nb_articles": 28, "nb_prospects": 35}""";

    public const string ManagerEntry = """
        {"seller_id": "2a1c816b-fd21-463a-8a8f-bfe98616aeba", "date": "2024-12-08", "ca_journalier": 1250.50, "nb_ventes": 12,
         "nb_articles": 28, "nb_prospects": 35}
        """;

    public const string SellerEntryAnswer = $$$"""{"message": "{{{KpiMessages.KpiEntryCreated}}}", "kpi_id": "0193a9f2-6c1d-7e4b-9a55-2f1d3c4b5a61", "action": "created"}""";

    public const string ManagerEntryAnswer = $$$"""{"message": "{{{KpiMessages.KpiCreated}}}", "kpi_id": "0193a9f2-6c1d-7e4b-9a55-2f1d3c4b5a61", "action": "created"}""";
}
