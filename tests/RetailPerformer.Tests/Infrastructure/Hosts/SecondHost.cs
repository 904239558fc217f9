namespace RetailPerformer.Tests.Infrastructure;

/// <summary>A second host on the same database as <see cref="ApiFactory"/>, as when several hosts share one PostgreSQL.</summary>
public sealed class SecondHost : ApiFactory;
