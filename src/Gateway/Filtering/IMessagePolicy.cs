namespace MailFilter.Gateway.Filtering;

/// <summary>
/// The seam between the gateway and policy: the rules engine (and classifier) plug in here. Called before the
/// client hears a reply, under the filtering deadline; an exception or a missed deadline is a 451 tempfail.
/// </summary>
public interface IMessagePolicy
{
    ValueTask<Verdict> EvaluateAsync(MessageUnderReview message, CancellationToken cancellationToken);
}
