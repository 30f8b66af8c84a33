namespace Paydesk.Api.Tests.Messaging;

/// <summary>
/// The tests that use the run's one RabbitMQ node run one after another: the outage test stops the
/// node's application, which would break any other broker test running beside it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RabbitMqCollection
{
    public const string Name = "RabbitMQ";
}
