
namespace RetailPerformer.Users.Data;

/// <summary>The fields a manager and a seller are created with.</summary>
internal interface IPersonFields
{
    string? Name { get; }
    string? Email { get; }
    string? Phone { get; }
    string? ExternalId { get; }
}
