using MailFilter.Rules.Facts;

namespace MailFilter.Rules.Language;

/// <summary>One of a rule's <c>examples:</c>: a small message the rule must (or must not) fire on.</summary>
public sealed record RuleExample(bool ShouldMatch, MessageFacts Message, SourceLocation Source);
