using Npgsql;
using RetailPerformer.Shared.Data;

namespace RetailPerformer.Shared.Contracts.Webhooks;

/// <summary>
/// The outbox of what happens (issue 16), provided by the Webhooks module: an event is added in the transaction of the
/// change it tells, so a rolled-back change sends nothing and a crash after the commit loses nothing. Only a tenant with
/// an enabled endpoint subscribed to the type keeps the event (with one delivery per such endpoint); the dispatcher
/// sends it after the commit, on whichever host claims it first.
/// </summary>
public interface IEventOutbox
{
    /// <summary>Adds the event in <paramref name="transaction"/> (the borrower rule of <see cref="SharedTransaction"/>: it writes only the outbox's tables).</summary>
    Task AddAsync(SharedTransaction transaction, Guid tenantId, string type, object data, CancellationToken cancellationToken = default);

    /// <summary>The same as a command of the caller's <see cref="NpgsqlBatch"/>, so that the event costs no round trip of its own.</summary>
    NpgsqlBatchCommand Command(Guid tenantId, string type, object data, DateTime occurredAt);
}
