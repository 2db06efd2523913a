using System;
using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;

namespace MatomoPS.Client
{
    /// <summary>
    /// The one place that decides what a failure is and whether a retry may heal it, the way Matomo's own
    /// connector decides: overload and gateway statuses, timeouts, dropped connections and cut-off answers are
    /// tried again; a wrong token, a refused request, a bad certificate or a malformed answer are not.
    /// </summary>
    internal static class MatomoErrorClassifier
    {
        private const string LockoutText = "Too many failed logins";
        private const string MaintenanceText = "undergoing maintenance";
        // Matomo's guard against a segment it never processed, in its three wordings: a segment not in the segment
        // editor, one stored there as processed in real time, one stored as pre-processed but not yet processed.
        private static readonly string[] UnprocessedSegmentTexts =
        {
            "has not yet been created in the Segment Editor", "not currently configured to process segmented reports", "has not yet been processed by the system",
        };

        /// <summary>
        /// The failure an answer reports, or null when it is a success to hand to the reader. What happened decides,
        /// then the status: Matomo's JSON error, its HTML error page (401, 500), its maintenance page (503, or 200
        /// behind a load balancer), a proxy's page.
        /// </summary>
        public static MatomoError? OfAnswer(string method, MatomoAnswer answer)
        {
            if (MatomoErrorEnvelope.TryRead(answer.Body, out string message))
                return WithRetryHint(OfServerError(method, answer.Status, message), answer);

            // A JSON answer is data: its words (page titles, labels) are never read as one of Matomo's pages.
            bool json = MatomoAnswerText.StartsLikeJson(answer.Body);
            if (answer.IsSuccess && json) return null;
            string page = MatomoAnswerText.Message(answer.Body);
            if (!json && Contains(page, LockoutText))
                return LockedOut(method, answer.Status, page);
            if (!json && Contains(MatomoAnswerText.PageTitle(answer.Body), MaintenanceText))
                return WithRetryHint(Maintenance(method, answer.Status), answer);
            if (answer.IsSuccess) return NotJson(method, answer);
            if (answer.Status == 401)
                return new MatomoError(MatomoErrorKind.Authentication, $"Matomo refused {method} (HTTP 401): {Quote(page)}", method, answer.Status);
            if (answer.Status >= 500 && IsDatabaseMessage(page))
                return Database(method, answer.Status, page);
            if (answer.Status >= 500 && !IsTransientStatus(answer.Status))
                return ServerFault(method, answer.Status, page);

            bool transient = IsTransientStatus(answer.Status);
            string what = answer.Body.Length == 0 || !answer.IsJsonType ? " and " + MatomoAnswerText.Describe(answer.Body, answer.ContentType) : string.Empty;
            string snippet = answer.Body.Length == 0 ? string.Empty : ": " + MatomoAnswerText.Snippet(answer.Body);
            return new MatomoError(transient ? MatomoErrorKind.Transient : MatomoErrorKind.Protocol,
                $"Matomo answered {method} with HTTP {answer.Status}{what}{snippet}", method, answer.Status, transient, answer.RetryAfter);
        }

        /// <summary>
        /// Matomo's own error message, sorted by what it says and the status it came with. A 5xx answer is a fault of
        /// the server, whatever its words: never a request to change.
        /// </summary>
        public static MatomoError OfServerError(string method, int status, string message)
        {
            if (Contains(message, LockoutText)) return LockedOut(method, status, message);
            if (Contains(message, "SQLSTATE") || (status >= 500 && IsDatabaseMessage(message)))
                return Database(method, status, message);
            if (Contains(message, MaintenanceText)) return Maintenance(method, status);
            if (Array.Exists(UnprocessedSegmentTexts, text => Contains(message, text)))
                return new MatomoError(MatomoErrorKind.SegmentNotProcessed,
                    $"Matomo refused {method} because it has not processed the segment: {Quote(FirstSentence(message))}", method, status, serverMessage: message);
            if (status >= 500 && !IsTransientStatus(status)) return ServerFault(method, status, message);

            var kind = KindOf(status, message);
            return new MatomoError(kind, $"Matomo refused {method}: {message}", method, status, kind == MatomoErrorKind.Transient, serverMessage: message);
        }

        /// <summary>A successful status whose body is not JSON (a login page, a proxy's page, an empty answer), or JSON that does not parse.</summary>
        public static MatomoError NotJson(string method, MatomoAnswer answer) =>
            new MatomoError(MatomoErrorKind.Protocol,
                $"Matomo answered {method} with HTTP {answer.Status} and {MatomoAnswerText.Describe(answer.Body, answer.ContentType)}"
                + (answer.Body.Length == 0 ? string.Empty : ": " + MatomoAnswerText.Snippet(answer.Body)),
                method, answer.Status);

        /// <summary>No answer within the time allowed for one request: the server may be busy archiving.</summary>
        public static MatomoError OfTimeout(string method, TimeSpan timeout) =>
            new MatomoError(MatomoErrorKind.Timeout,
                $"Matomo did not answer {method} within {timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s, the time allowed for one request.",
                method, retryable: true);

        /// <summary>
        /// The answer started but ended early: short of its Content-Length, or, without one, with its JSON unfinished. A
        /// proxy may have cut it, so it is tried again, never read as a shorter result.
        /// </summary>
        public static MatomoError OfTruncation(string method, int status, long received, long? expected, TimeSpan? retryAfter) =>
            new MatomoError(MatomoErrorKind.Protocol,
                $"Matomo's answer to {method} (HTTP {status}) was cut off after {received}{(expected.HasValue ? $" of {expected} " : " ")}bytes.",
                method, status, retryable: true, retryAfter: retryAfter);

        /// <summary>A compressed answer that does not decompress (gzip or deflate): a broken proxy or server, not a passing fault.</summary>
        public static MatomoError OfBadCompression(string method, int status, Exception error) =>
            new MatomoError(MatomoErrorKind.Protocol,
                $"Matomo's answer to {method} (HTTP {status}) cannot be decompressed: {error.Message}", method, status, inner: error);

        /// <summary>An answer over the size limit: not read further, and not asked for again, as it would be as large again.</summary>
        public static MatomoError OfTooLarge(string method, int status, long limit, long? announced) =>
            new MatomoError(MatomoErrorKind.AnswerTooLarge,
                $"Matomo's answer to {method} (HTTP {status}) is larger than the limit of {Megabytes(limit)} MB"
                + (announced.HasValue ? $" (it announced {Megabytes(announced.Value)} MB)" : string.Empty) + "; it was not read further.",
                method, status);

        /// <summary>
        /// A redirect the token may not follow: to another origin, or to https without the caller's leave. It names
        /// where the server pointed, so the user can connect there knowingly.
        /// </summary>
        public static MatomoError OfRedirect(string method, int status, Uri endpoint, string target, bool httpsUpgrade) =>
            new MatomoError(MatomoErrorKind.Redirect,
                $"The server at {MatomoEndpoint.Display(endpoint)} redirected {method} (HTTP {status}) to {target}. "
                + (httpsUpgrade
                    ? "MatomoPS does not move a request with the token to another address unless told to: use that https address."
                    : "MatomoPS sends the token only to the address it was given, so nothing was sent there."),
                method, status);

        /// <summary>Redirects that lead on and on, within the connection's own origin.</summary>
        public static MatomoError OfRedirectLoop(string method, Uri endpoint, int hops) =>
            new MatomoError(MatomoErrorKind.Redirect,
                $"The server at {MatomoEndpoint.Display(endpoint)} redirected {method} {hops} times without answering.", method);

        private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.InvariantCulture);

        /// <summary>
        /// The connection failed before an answer arrived. <paramref name="certificateErrors"/> is what the certificate
        /// check found, or null when no certificate was presented (or the check was not ours to watch).
        /// </summary>
        public static MatomoError OfConnectionError(string method, Uri endpoint, Exception error, SslPolicyErrors? certificateErrors)
        {
            var innermost = Innermost(error);
            string server = MatomoEndpoint.Display(endpoint);
            if (innermost is SocketException socket && (socket.SocketErrorCode == SocketError.HostNotFound || socket.SocketErrorCode == SocketError.NoData))
                return new MatomoError(MatomoErrorKind.HostNotFound,
                    $"The host {endpoint.Host} was not found: the name does not resolve to an address (during {method}).", method, inner: error);
            if (innermost is AuthenticationException refused)
            {
                // A certificate that is not trusted stays untrusted, and a server that speaks no TLS will not start to: no retry.
                bool noCertificate = certificateErrors == null && refused.Message.IndexOf("certificate", StringComparison.OrdinalIgnoreCase) < 0;
                return noCertificate
                    ? NoTls(method, endpoint, error)
                    : new MatomoError(MatomoErrorKind.Certificate,
                        $"The TLS connection to {server} failed during {method}: {refused.Message}{(certificateErrors.HasValue ? $" ({certificateErrors.Value})" : string.Empty)}", method, inner: error);
            }
            // An https request that ends before the server showed a certificate, with the connection made (no socket
            // error) but closed: the server answered the TLS greeting with plain http, or with nothing (PHP's server, a
            // plain port). Trying again would meet the same port.
            if (endpoint.Scheme == Uri.UriSchemeHttps && certificateErrors == null && innermost is System.IO.IOException && !(innermost is SocketException))
                return NoTls(method, endpoint, error);
            return new MatomoError(MatomoErrorKind.Transient,
                $"The connection to {server} failed during {method}: {innermost.Message}", method, retryable: true, inner: error);
        }

        private static MatomoError NoTls(string method, Uri endpoint, Exception error) =>
            new MatomoError(MatomoErrorKind.NoTls,
                $"The server at {MatomoEndpoint.Display(endpoint)} did not answer with TLS during {method}: it may speak plain http on this port ({HttpAlternative(endpoint)}).",
                method, inner: error);

        private static string HttpAlternative(Uri endpoint) =>
            MatomoEndpoint.Display(new UriBuilder(endpoint) { Scheme = Uri.UriSchemeHttp, Port = endpoint.IsDefaultPort ? -1 : endpoint.Port }.Uri);

        /// <summary>True for the statuses that proxies and Matomo use when a retry may heal: 429, 502, 503, 504.</summary>
        public static bool IsTransientStatus(int status) => status == 429 || status == 502 || status == 503 || status == 504;

        private static MatomoError LockedOut(string method, int status, string said) =>
            new MatomoError(MatomoErrorKind.LockedOut,
                $"Matomo refused {method} (HTTP {status}) because this address is locked out after too many failed logins: {Quote(said)}", method, status);

        private static bool IsDatabaseMessage(string text) => Contains(text, "SQLSTATE") || Contains(text, "mysql") || Contains(text, "database");

        private static MatomoError Database(string method, int status, string said) =>
            new MatomoError(MatomoErrorKind.DatabaseUnavailable,
                $"Matomo cannot reach its database during {method} (HTTP {status}): {Quote(said)}", method, status, retryable: true);

        /// <summary>The first sentence of a long message of Matomo's, whose further sentences explain its own user interface.</summary>
        private static string FirstSentence(string text)
        {
            int end = text.IndexOf(". ", StringComparison.Ordinal);
            return end > 0 ? text.Substring(0, end + 1) : text;
        }

        private static MatomoError Maintenance(string method, int status) =>
            new MatomoError(MatomoErrorKind.Maintenance, $"Matomo is in maintenance mode (HTTP {status} to {method}).", method, status, retryable: true);

        private static MatomoError ServerFault(string method, int status, string said) =>
            new MatomoError(MatomoErrorKind.ServerError,
                $"Matomo failed on {method} with HTTP {status}{(said.Length == 0 ? "." : ": " + Quote(said))}", method, status);

        private static string Quote(string text) => "'" + MatomoExceptions.Quote(text) + "'";

        private static MatomoErrorKind KindOf(int status, string message)
        {
            if (Contains(message, "You can't access") || Contains(message, "access for the website") || Contains(message, "requires 'view' access")
                || Contains(message, "super user access") || Contains(message, "requires 'admin' access") || Contains(message, "requires 'write' access"))
                return MatomoErrorKind.Access;
            if (status == 401 || IsRefusedToken(message))
                return MatomoErrorKind.Authentication;
            if (IsTransientStatus(status))
                return MatomoErrorKind.Transient;
            return MatomoErrorKind.InvalidRequest;
        }

        /// <summary>
        /// Matomo's own refusal of a token, as it begins (Matomo 4 and 5, by GET or POST): "Unable to authenticate with
        /// the provided token...". Only its start counts: a message that merely quotes a caller's words (a period named
        /// token_auth, a method name holding it) is about those words, and must not lock the connection as a refused login.
        /// </summary>
        private static bool IsRefusedToken(string message) =>
            message.TrimStart().StartsWith(RefusedTokenText, StringComparison.OrdinalIgnoreCase);

        private const string RefusedTokenText = "Unable to authenticate with the provided token";

        private static MatomoError WithRetryHint(MatomoError failure, MatomoAnswer answer) =>
            answer.RetryAfter == null ? failure
            : new MatomoError(failure.Kind, failure.Message, failure.ApiMethod, failure.HttpStatus, failure.Retryable, answer.RetryAfter, failure.Inner, failure.ServerMessage);

        private static Exception Innermost(Exception error)
        {
            while (error.InnerException != null) error = error.InnerException;
            return error;
        }

        private static bool Contains(string text, string part) => text.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
