using Npgsql;

namespace RetailPerformer.Shared.Data;

/// <summary>
/// A module's open transaction, lent to another module's contract so that both modules' writes commit or roll back
/// together. The one sanctioned case today: deleting a store (Stores) suspends its staff (Users,
/// <c>IStaffDirectory.SuspendStoreStaffAsync</c>) in the deletion's transaction, so that no store is ever deleted with
/// active staff. The borrower writes only its own tables, never commits, rolls back or keeps it. A new use is a design
/// decision: prefer an event in an outbox (a later change of the other module) when "at once" is not required.
/// </summary>
public sealed record SharedTransaction(NpgsqlConnection Connection, NpgsqlTransaction Transaction);
