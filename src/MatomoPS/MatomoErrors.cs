using System;
using System.Management.Automation;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// The one mapping from client failures to PowerShell error records: an error id and category per kind, and the
    /// advice in PowerShell's terms (commands and parameters), which the PowerShell-free client never gives.
    /// </summary>
    internal static class MatomoErrors
    {
        public static ErrorRecord Record(MatomoException error, object? target)
        {
            var (id, category, advice) = error.Kind switch
            {
                MatomoErrorKind.Authentication => ("MatomoAuthenticationFailed", ErrorCategory.AuthenticationError,
                    "Check the token (Matomo: Administration > Personal > Security > Auth tokens) and connect again with Connect-Matomo."),
                MatomoErrorKind.Access => ("MatomoAccessDenied", ErrorCategory.PermissionDenied,
                    "Use a site id the token may view (Get-MatomoId -All lists them), or a token with view access to this site."),
                MatomoErrorKind.InvalidRequest => ("MatomoInvalidRequest", ErrorCategory.InvalidArgument,
                    "Change the request as Matomo's message says."),
                MatomoErrorKind.Transient => ("MatomoUnavailable", ErrorCategory.ConnectionError,
                    "The server or a proxy in front of it is overloaded, down or slow. Try again later, or raise -TimeoutSec and -MaxRetries on Connect-Matomo."),
                MatomoErrorKind.Certificate => ("MatomoCertificateRejected", ErrorCategory.SecurityError,
                    "Give the server a certificate this machine trusts; for a test server only, connect with -SkipCertificateCheck."),
                _ => ("MatomoInvalidResponse", ErrorCategory.InvalidResult,
                    "The server did not answer as the Matomo API does. Check the URL points at Matomo (the folder that holds index.php)."),
            };
            return new ErrorRecord(error, id, category, target)
            {
                ErrorDetails = new ErrorDetails(error.Message) { RecommendedAction = advice },
            };
        }

        public static ErrorRecord Record(MatomoArgumentException error, object? target) =>
            new ErrorRecord(error, "MatomoInvalidArgument", ErrorCategory.InvalidArgument, target)
            {
                ErrorDetails = new ErrorDetails(error.Message),
            };

        public static ErrorRecord Record(NotConnectedException error) =>
            new ErrorRecord(error, "MatomoNotConnected", ErrorCategory.ConnectionError, null);
    }
}
