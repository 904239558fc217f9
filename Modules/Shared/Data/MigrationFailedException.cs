namespace RetailPerformer.Shared.Data;

public sealed class MigrationFailedException(string migration, Exception inner)
    : Exception($"Database migration {migration} failed: {inner.Message}", inner)
{
    public string Migration { get; } = migration;
}
