namespace RetailPerformer.Kpi.Data;

internal sealed record KpiWritten(Guid SellerId, Guid KpiId, bool Created);
