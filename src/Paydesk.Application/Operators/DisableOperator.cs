using Paydesk.Application.Common;
using Paydesk.Domain.Common;
using Paydesk.Domain.Operators;

namespace Paydesk.Application.Operators;

public sealed class DisableOperatorHandler(IOperatorRepository operators, IUnitOfWork unitOfWork)
{
    public async Task HandleAsync(string name, CancellationToken cancellationToken)
    {
        var found = await operators.GetByNameAsync(name, cancellationToken)
            ?? throw new NotFoundException("operator_not_found", $"No operator is named '{name}'.");
        found.Disable();
        await unitOfWork.SaveChangesAsync(cancellationToken);
    }
}
