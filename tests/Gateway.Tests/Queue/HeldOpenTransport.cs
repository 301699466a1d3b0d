using MailFilter.Gateway.Queue.Delivery;

namespace MailFilter.Gateway.Tests.Queue;

/// <summary>A transport that holds every send open until the test lets it go, so an operation can arrive mid-attempt.</summary>
public sealed class HeldOpenTransport(IMessageTransport inner) : IMessageTransport
{
    readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first send has begun (an attempt is under way).</summary>
    public Task AttemptUnderWay => entered.Task;

    public void LetGo() => released.TrySetResult();

    public async Task<IReadOnlyList<RecipientResult>> SendAsync(OutgoingMessage message, DeliveryRoute route, IReadOnlyList<string> recipients, CancellationToken cancellationToken)
    {
        entered.TrySetResult();
        await released.Task.WaitAsync(cancellationToken);
        return await inner.SendAsync(message, route, recipients, cancellationToken);
    }
}
