namespace RetailPerformer.Kpi.Data;

internal sealed record KpiLine(Guid SellerId, decimal CaJournalier, int NbVentes, int NbArticles, int Prospects, DateTimeOffset? Timestamp);
