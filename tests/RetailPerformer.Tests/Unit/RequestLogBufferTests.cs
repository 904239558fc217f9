using RetailPerformer.Activity.Data;
using Shouldly;

namespace RetailPerformer.Tests.Unit;

/// <summary>
/// The request log's buffer (a ring every request writes into and one writer empties): nothing lost or taken twice when
/// requests on every thread add while the writer takes, and a full buffer drops and counts instead of waiting.
/// </summary>
public sealed class RequestLogBufferTests
{
    private static readonly Guid Tenant = Guid.NewGuid();

    /// <summary>A record saying who added it (<c>Status</c>) and its rank among that producer's records (<c>At</c>'s ticks).</summary>
    private static RequestRecord Record(int producer, long rank) =>
        new(Tenant, new DateTime(rank, DateTimeKind.Utc), null, "GET", "/me", "", producer, 0, null, null, null, default);

    private static RequestLog Buffer(int size) => new(new RequestLogSettings(true, 90, size));

    [Fact]
    public async Task Records_added_on_many_threads_while_the_writer_takes_are_each_taken_once_in_each_threads_order_or_counted_dropped()
    {
        const int producers = 8, each = 500_000;
        var log = Buffer(1_000);
        var start = new Barrier(producers + 1);
        var adding = Enumerable.Range(0, producers).Select(producer => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            for (long rank = 0; rank < each; rank++) log.Add(Record(producer, rank));
        }, TaskCreationOptions.LongRunning)).ToArray();

        var lastRank = Enumerable.Repeat(-1L, producers).ToArray();
        long taken = 0;
        var allAdded = Task.WhenAll(adding);
        start.SignalAndWait();
        while (true)
        {
            var done = allAdded.IsCompleted;   // read before draining: what was added before it is taken below
            while (log.TryTake(out var record))
            {
                // A record is taken once, and after every earlier record of its producer that was kept.
                record.At.Ticks.ShouldBeGreaterThan(lastRank[record.Status]);
                lastRank[record.Status] = record.At.Ticks;
                taken++;
            }
            if (done) break;
        }
        await allAdded;

        log.IsEmpty.ShouldBeTrue();
        log.Buffered.ShouldBe(0);
        (taken + log.Dropped).ShouldBe(producers * each);
        taken.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void A_full_buffer_drops_and_counts_new_records_and_takes_again_once_emptied()
    {
        var log = Buffer(3);
        for (var rank = 0; rank < 5; rank++) log.Add(Record(0, rank));
        log.Buffered.ShouldBe(3);
        log.Dropped.ShouldBe(2);

        for (var lap = 0; lap < 3; lap++)
        {
            for (var rank = 0; rank < 3; rank++)
            {
                log.TryTake(out var record).ShouldBeTrue();
                record.At.Ticks.ShouldBe(lap == 0 ? rank : 10 * lap + rank);
            }
            log.TryTake(out _).ShouldBeFalse();
            log.IsEmpty.ShouldBeTrue();
            // The slots go round: the next lap takes its records in order too.
            for (var rank = 0; rank < 3; rank++) log.Add(Record(0, 10 * (lap + 1) + rank));
        }
        log.Dropped.ShouldBe(2);
    }

    [Fact]
    public void A_buffer_of_size_zero_keeps_nothing_and_refusals_of_unknown_keys_are_only_counted()
    {
        var log = Buffer(0);
        log.Add(Record(0, 1));
        log.TryTake(out _).ShouldBeFalse();
        log.Dropped.ShouldBe(1);

        var counting = Buffer(10);
        counting.Add(Record(0, 1) with { TenantId = null });
        counting.Add(Record(0, 2) with { TenantId = null });
        counting.IsEmpty.ShouldBeTrue();
        counting.TakeUnattributed().ShouldBe(2);
        counting.TakeUnattributed().ShouldBe(0);
    }
}
