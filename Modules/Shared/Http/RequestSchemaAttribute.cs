namespace RetailPerformer.Shared.Http;

/// <summary>
/// Marks a record read from a request body. Its properties are C#-nullable so that the validator, not the JSON
/// reader, answers a missing field by name; the reference documents what the contract says instead: only the
/// properties carrying <see cref="System.ComponentModel.DataAnnotations.RequiredAttribute"/> are required (and
/// never null), every other one may be left out or sent as null.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequestSchemaAttribute : Attribute;
