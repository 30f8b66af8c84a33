using Microsoft.Extensions.Logging;
using Paydesk.Application.Abstractions;
using Paydesk.Application.Common;
using Paydesk.Domain.Common;
using Paydesk.Domain.Users;

namespace Paydesk.Application.PaymentMethods;

/// <summary>
/// Gives a user their one gateway customer, created the first time a flow needs it. The gateway's
/// idempotency key is derived from the user id, so concurrent first uses get the same customer; the
/// user's version refuses all but one of the concurrent writes, and the others read the winner's.
/// </summary>
public sealed partial class GatewayCustomers(
    IUserRepository users,
    IUnitOfWork unitOfWork,
    IPaymentMethodGateway gateway,
    ILogger<GatewayCustomers> logger)
{
    /// <summary>The user, tracked, with its gateway customer linked and committed.</summary>
    /// <exception cref="NotFoundException">No user has the id.</exception>
    public async Task<User> EnsureAsync(UserId userId, CancellationToken cancellationToken)
    {
        var user = await GetAsync(userId, cancellationToken);
        if (user.GatewayCustomerId is not null)
        {
            return user;
        }

        var customerId = await gateway.EnsureCustomerAsync(GatewayCustomerRequest.For(user), cancellationToken);
        user.LinkGatewayCustomer(customerId);
        try
        {
            await unitOfWork.SaveChangesAsync(cancellationToken);
            return user;
        }
        catch (ConcurrencyConflictException)
        {
            // Another request linked the customer first (the unit of work has dropped this one's changes).
            var winner = await GetAsync(userId, cancellationToken);
            if (winner.GatewayCustomerId != customerId)
            {
                LogSecondCustomer(logger, userId.Value, customerId, winner.GatewayCustomerId);
            }

            return winner;
        }
    }

    /// <summary>The user, tracked.</summary>
    /// <exception cref="NotFoundException">No user has the id.</exception>
    public async Task<User> GetAsync(UserId userId, CancellationToken cancellationToken) =>
        await users.GetByIdAsync(userId, cancellationToken)
        ?? throw new NotFoundException("user_not_found", $"No user has the id {userId}.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId} got gateway customer {CustomerId} although {StoredCustomerId} was stored first; the stored one is used")]
    private static partial void LogSecondCustomer(ILogger logger, Guid userId, string customerId, string? storedCustomerId);
}
