namespace RetailPerformer.Shared.Http;

public sealed record PageMeta(int Page, int Limit, long Total, long Pages)
{
    public static PageMeta For(PageQuery query, long total) =>
        new(query.PageNumber, query.PageSize, total, total == 0 ? 0 : (total + query.PageSize - 1) / query.PageSize);
}
