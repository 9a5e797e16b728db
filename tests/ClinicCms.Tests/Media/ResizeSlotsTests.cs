using ClinicCms.Web.Media;

namespace ClinicCms.Tests.Media;

/// <summary>The turns to resize: a bounded wait that a request going away leaves.</summary>
public sealed class ResizeSlotsTests
{
    [Fact]
    public async Task A_waiter_that_is_cancelled_leaves_the_queue_and_a_full_queue_refuses_at_once()
    {
        using var slots = new ResizeSlots(concurrent: 1, waiting: 1);
        var first = await slots.EnterAsync(CancellationToken.None);
        Assert.NotNull(first);

        using var aborted = new CancellationTokenSource();
        var waiting = slots.EnterAsync(aborted.Token);
        Assert.False(waiting.IsCompleted);
        Assert.Equal(1, slots.Waiting);
        Assert.Null(await slots.EnterAsync(CancellationToken.None));

        await aborted.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(0, slots.Waiting);

        var next = slots.EnterAsync(CancellationToken.None);
        Assert.False(next.IsCompleted);
        first!.Dispose();
        first.Dispose(); // a turn is given back once
        using var turn = await next;
        Assert.NotNull(turn);
        using var later = new CancellationTokenSource();
        var another = slots.EnterAsync(later.Token);
        Assert.False(another.IsCompleted);
        await later.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => another);
    }
}
