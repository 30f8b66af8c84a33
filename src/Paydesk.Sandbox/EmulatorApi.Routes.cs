using Microsoft.AspNetCore.Http;

namespace Paydesk.Sandbox;

/// <summary>Which resource answers which API request.</summary>
internal sealed partial class EmulatorApi
{
    private Func<Dictionary<string, string>, EmulatorResponse> PostHandler(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries) switch
        {
            ["v1", "payment_intents"] => CreatePaymentIntent,
            ["v1", "payment_intents", var id, "confirm"] => form => ConfirmPaymentIntent(id, form),
            ["v1", "payment_intents", var id, "cancel"] => form => CancelPaymentIntent(id, form),
            ["v1", "payment_intents", var id, "capture"] => form => CapturePaymentIntent(id, form),
            ["v1", "disputes", var id] => form => UpdateDispute(id, form),
            ["v1", "disputes", var id, "close"] => _ => CloseDispute(id),
            ["v1", "refunds"] => CreateRefund,
            ["v1", "customers"] => CreateCustomer,
            ["v1", "customers", var id] => form => UpdateCustomer(id, form),
            ["v1", "payment_methods", var id, "attach"] => form => AttachPaymentMethod(id, form),
            ["v1", "payment_methods", var id, "detach"] => _ => DetachPaymentMethod(id),
            ["v1", "setup_intents"] => CreateSetupIntent,
            ["v1", "setup_intents", var id, "confirm"] => form => ConfirmSetupIntent(id, form),
            ["v1", "setup_intents", var id, "cancel"] => form => CancelSetupIntent(id, form),
            _ => _ => Unrecognized("POST", path),
        };

    private EmulatorResponse Get(string path, IQueryCollection query)
    {
        lock (_gate)
        {
            return path.Split('/', StringSplitOptions.RemoveEmptyEntries) switch
            {
                ["v1", "payment_intents", "search"] => SearchPaymentIntents(path, query),
                ["v1", "payment_intents", var id] => RetrievePaymentIntent(id, ExpandsLatestCharge(query)),
                ["v1", "charges", var id] => RetrieveCharge(id),
                ["v1", "disputes"] => ListDisputes(path, query),
                ["v1", "disputes", var id] => RetrieveDispute(id),
                ["v1", "refunds"] => ListRefunds(path, query),
                ["v1", "refunds", var id] => RetrieveRefund(id),
                ["v1", "customers", var id] => RetrieveCustomer(id),
                ["v1", "customers", var id, "payment_methods"] => ListPaymentMethods(path, id, query["type"].ToString()),
                ["v1", "payment_methods"] => ListPaymentMethods(path, query["customer"].ToString(), query["type"].ToString()),
                ["v1", "payment_methods", var id] => RetrievePaymentMethod(id),
                ["v1", "setup_intents", var id] => RetrieveSetupIntent(id),
                _ => Unrecognized("GET", path),
            };
        }
    }
}
