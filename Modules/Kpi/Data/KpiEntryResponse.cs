namespace RetailPerformer.Kpi.Data;

public sealed record KpiEntryResponse(string Message, Guid KpiId, string Action);
