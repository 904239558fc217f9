using System.ComponentModel.DataAnnotations;

namespace RetailPerformer.Shared.Auth;

/// <summary>A permission, or a list of them: documented as an enum of every accepted spelling (both vocabularies).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class ScopeNamesAttribute() : AllowedValuesAttribute(Scopes.AcceptedNames.Cast<object?>().ToArray());
