namespace RetailPerformer.Tests.Infrastructure;

/// <summary>A second host on the same database as <see cref="ApiFactory"/>, as when several hosts share one PostgreSQL.</summary>
public sealed class SecondHost : ApiFactory;

/// <summary>A third host on the same database, for what must hold across more than two (one rate budget per key).</summary>
public sealed class ThirdHost : ApiFactory;
