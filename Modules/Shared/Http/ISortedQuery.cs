namespace RetailPerformer.Shared.Http;

/// <summary>A list's query beyond paging: its sort and its filters.</summary>
public interface ISortedQuery
{
    string? Sort { get; }
    string? Order { get; }
}
