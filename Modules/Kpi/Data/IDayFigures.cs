namespace RetailPerformer.Kpi.Data;

/// <summary>What the seller's and the manager's KPI entry have in common.</summary>
internal interface IDayFigures
{
    string? Date { get; }
    decimal? CaJournalier { get; }
    int? NbVentes { get; }
    int? NbArticles { get; }
    int? NbProspects { get; }
}
