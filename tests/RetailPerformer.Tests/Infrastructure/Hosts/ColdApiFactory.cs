namespace RetailPerformer.Tests.Infrastructure;

/// <summary>A host of its own, so that a test is the first to ask it for something (its OpenAPI document).</summary>
public sealed class ColdApiFactory : ApiFactory;
