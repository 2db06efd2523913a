using System;
using System.Management.Automation;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// The one mapping from client failures to PowerShell error records: an error id and category per kind, and the
    /// advice in PowerShell's terms (commands, parameters, variables), which the PowerShell-free client never gives.
    /// The advice says what to do next; it never repeats the message.
    /// </summary>
    internal static class MatomoErrorRecords
    {
        /// <summary>Where the failing command was, for advice that points at the right place.</summary>
        internal sealed class Context
        {
            public Context(string command, bool fromEnvironment, string? note = null, string? connection = null)
            {
                Command = command;
                FromEnvironment = fromEnvironment;
                Note = note;
                Connection = connection;
            }

            /// <summary>The connection the failure belongs to, named first in the message when a command uses several.</summary>
            public string? Connection { get; }

            /// <summary>The command's name, for Get-Help.</summary>
            public string Command { get; }

            /// <summary>True when the connection came from MATOMO_URL and MATOMO_TOKEN rather than Connect-Matomo.</summary>
            public bool FromEnvironment { get; }

            /// <summary>A sentence added to the message, such as which connection stays the default.</summary>
            public string? Note { get; }
        }

        public static ErrorRecord Record(MatomoException error, object? target, Context context)
        {
            var (id, category) = IdOf(error.Kind);
            string message = context.Note == null ? error.Message : Sentence(error.Message) + " " + context.Note;
            if (context.Connection != null) message = context.Connection + ": " + message;
            return new ErrorRecord(error, id, category, target)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = Advice(error, context) },
            };
        }

        public static ErrorRecord Record(MatomoArgumentException error, object? target) =>
            new ErrorRecord(error, "MatomoInvalidArgument", ErrorCategory.InvalidArgument, target)
            {
                ErrorDetails = new ErrorDetails(error.Message),
            };

        public static ErrorRecord Record(NotConnectedException error) =>
            new ErrorRecord(error, "MatomoNotConnected", ErrorCategory.ConnectionError, null);

        /// <summary>The error id and category of each kind, as README's table lists them.</summary>
        public static (string Id, ErrorCategory Category) IdOf(MatomoErrorKind kind) => kind switch
        {
            MatomoErrorKind.Authentication => ("MatomoAuthenticationFailed", ErrorCategory.AuthenticationError),
            MatomoErrorKind.Access => ("MatomoAccessDenied", ErrorCategory.PermissionDenied),
            MatomoErrorKind.InvalidRequest => ("MatomoInvalidRequest", ErrorCategory.InvalidArgument),
            MatomoErrorKind.Transient => ("MatomoUnavailable", ErrorCategory.ConnectionError),
            MatomoErrorKind.Timeout => ("MatomoTimeout", ErrorCategory.OperationTimeout),
            MatomoErrorKind.Certificate => ("MatomoCertificateRejected", ErrorCategory.SecurityError),
            MatomoErrorKind.HostNotFound => ("MatomoHostNotFound", ErrorCategory.ObjectNotFound),
            MatomoErrorKind.NoTls => ("MatomoNoTls", ErrorCategory.ProtocolError),
            MatomoErrorKind.LockedOut => ("MatomoLockedOut", ErrorCategory.SecurityError),
            MatomoErrorKind.Maintenance => ("MatomoMaintenance", ErrorCategory.ResourceUnavailable),
            MatomoErrorKind.DatabaseUnavailable => ("MatomoDatabaseUnavailable", ErrorCategory.ResourceUnavailable),
            MatomoErrorKind.ServerError => ("MatomoServerError", ErrorCategory.ResourceUnavailable),
            MatomoErrorKind.SegmentNotProcessed => ("MatomoSegmentNotProcessed", ErrorCategory.ResourceUnavailable),
            MatomoErrorKind.Redirect => ("MatomoRedirectRefused", ErrorCategory.SecurityError),
            MatomoErrorKind.AnswerTooLarge => ("MatomoAnswerTooLarge", ErrorCategory.LimitsExceeded),
            _ => ("MatomoInvalidResponse", ErrorCategory.InvalidResult),
        };

        private static string Advice(MatomoException error, Context context)
        {
            string url = context.FromEnvironment ? "MATOMO_URL" : "the -Url of Connect-Matomo";
            switch (error.Kind)
            {
                case MatomoErrorKind.Authentication:
                    return context.FromEnvironment
                        ? "Check the token in MATOMO_TOKEN and that MATOMO_URL is the server it belongs to (Matomo: Administration > Personal > Security > Auth tokens)."
                        : "Check the token (Matomo: Administration > Personal > Security > Auth tokens), then run Connect-Matomo again.";
                case MatomoErrorKind.LockedOut:
                    return "This address is locked out by Matomo's brute-force detection, whatever the token: wait until the lockout ends "
                        + "(by default an hour after the failed logins), or have the server's administrator run ./console login:unblock-blocked-ips. "
                        + $"Then check the token that failed ({(context.FromEnvironment ? "MATOMO_TOKEN" : "the -Token of Connect-Matomo")}); MatomoPS never repeats a failed login, so it does not extend the lockout.";
                case MatomoErrorKind.Maintenance:
                    return "The server is in maintenance mode (an upgrade, or maintenance_mode in its configuration): try again when its administrator ends it, or raise -MaxRetries on Connect-Matomo to wait longer.";
                case MatomoErrorKind.DatabaseUnavailable:
                    return "Tell the server's administrator that Matomo cannot reach its database; a restart heals it. Raise -MaxRetries on Connect-Matomo to wait longer for one.";
                case MatomoErrorKind.ServerError:
                    return "Tell the server's administrator: its PHP and web server error logs say why. If it ran out of memory or time archiving, a shorter range or fewer series at once may pass.";
                case MatomoErrorKind.SegmentNotProcessed:
                    return "This server processes only the segments its segment editor marks as pre-processed (browser-triggered archiving is off): add the segment there (Invoke-MatomoApi SegmentEditor.getAll lists the stored ones) and wait for the next archiving run, or count pageviews per language with Get-MatomoLanguageVisits -Source PageReport.";
                case MatomoErrorKind.Access when error.ApiMethod == MatomoInvalidationQuery.Method:
                    return "Use a super user's token (Matomo: Administration > Personal > Security > Auth tokens of a super user), for instance a connection of its own: "
                        + "Connect-Matomo -Token ... -PassThru, then Reset-MatomoArchive -Connection.";
                case MatomoErrorKind.Access:
                    return "Use a site the token may view (Get-MatomoSite lists them), or a token with view access to this site.";
                case MatomoErrorKind.InvalidRequest:
                    return InvalidRequestAdvice(error.ServerMessage ?? error.Message, context.Command);
                case MatomoErrorKind.Timeout:
                    return "A new segment or a long range can take minutes to archive: raise -TimeoutSec on Connect-Matomo, or ask for a shorter range.";
                case MatomoErrorKind.Transient:
                    return "The server or a proxy in front of it stayed overloaded or unreachable through every retry: try again later, or raise -MaxRetries on Connect-Matomo.";
                case MatomoErrorKind.Certificate:
                    return "Give the server a certificate this machine trusts; for a test server only, connect with -SkipCertificateCheck.";
                case MatomoErrorKind.HostNotFound:
                    return $"Check the host name in {url}; from this machine the name does not resolve.";
                case MatomoErrorKind.NoTls:
                    return $"If the server speaks plain http on this port, use the http:// address in {url} (the token then crosses the network unencrypted); otherwise fix the server's TLS set-up.";
                case MatomoErrorKind.Redirect:
                    return $"If you trust the address the server redirects to, give it as {url}"
                        + (context.FromEnvironment ? "" : " (or, for http to https on the same host, add -AllowHttpsRedirect)")
                        + "; MatomoPS never sends the token to an address it was not given.";
                case MatomoErrorKind.AnswerTooLarge:
                    return (context.FromEnvironment ? "Ask for less at once" : "Ask for less at once, or raise -MaxAnswerMB on Connect-Matomo")
                        + ": a shorter range, -First, or -Column with only the columns you need.";
                case MatomoErrorKind.Protocol when error.IsTransient:
                    return "The answer was cut off on its way (a proxy's or the server's time or size limit, a dropped connection) through every retry: "
                        + "try again, ask for a shorter range, or ask the server's administrator to check the proxy in front of Matomo.";
                case MatomoErrorKind.Protocol when error.InnerException is System.IO.InvalidDataException:
                    return "The server or a proxy in front of it sends a compressed answer that is broken: ask its administrator to check the compression (gzip) set-up.";
                default:
                    // The reader's words for an answer cut short at Matomo's horizon: the address is fine, the dates or the clock are not.
                    if (Contains(error.Message, "answers no day after"))
                        return "Ask for a range that ends by the last day the answer holds, or have the server's administrator check its clock.";
                    // An answer that came but cannot be read was damaged by the server or a proxy: the address is right.
                    if (error.IsUnreadableAnswer)
                        return "The server or a proxy in front of it sent an answer that cannot be read (the message says where), and none of its data was used. "
                            + "Tell the server's administrator: a proxy or filter that rewrites answers (a character set conversion, a content filter) is a frequent cause. "
                            + "If it was a passing fault, the command works when run again.";
                    return $"Check that {url} points at Matomo: the folder that holds its index.php.";
            }
        }

        /// <summary>What to change, read from Matomo's own message (not the method or series around it) where it says which part it refused.</summary>
        private static string InvalidRequestAdvice(string message, string command)
        {
            if (Contains(message, "is not enabled for the requested period"))
                return "Matomo processes unique visitors and users per day, week and month only, unless its administrator enables them for years and ranges: ask with -Period Month or Week.";
            if (Contains(message, "segment"))
                return "Check the segment: each condition is a dimension, an operator and a value, such as pageUrl=@/de/; Matomo's segment editor lists the dimensions.";
            if (Contains(message, "plugin"))
                return "The plugin is not active on this server: ask its administrator to activate it, or use another method.";
            if (Contains(message, "method") || Contains(message, "module"))
                return "Check the method name (Module.action, such as VisitsSummary.get); Get-MatomoReportMetadata lists the server's reports, and Matomo lists its methods under Administration > Platform > API.";
            if (Contains(message, "date") || Contains(message, "period"))
                return "Check the dates (yyyy-MM-dd, from 1991-08-06) and the period (day, week, month, year or range).";
            return $"Change the parameter Matomo's message names; Get-Help {command} -Full describes each parameter.";
        }

        /// <summary>Ends a text with a full stop (unless it ends a sentence already), so that a following sentence reads as one.</summary>
        internal static string Sentence(string text)
        {
            string trimmed = text.TrimEnd();
            return trimmed.Length == 0 || trimmed.EndsWith(".", StringComparison.Ordinal) || trimmed.EndsWith("!", StringComparison.Ordinal)
                || trimmed.EndsWith("?", StringComparison.Ordinal) ? trimmed : trimmed + ".";
        }

        private static bool Contains(string text, string part) => text.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
