using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace MatomoPS.Client
{
    /// <summary>
    /// The one place that builds <see cref="MatomoException"/>s: every message is redacted (in case a server echoed
    /// the token), and kind, attempts and retry hint are set at construction. One instance per client and token.
    /// </summary>
    internal sealed class MatomoExceptions
    {
        private const int SnippetLength = 160;
        private readonly MatomoToken _token;
        private readonly string _server;

        /// <summary>Failures of the client of <paramref name="endpoint"/>, which an answer that cannot be read names.</summary>
        public MatomoExceptions(MatomoToken token, Uri? endpoint = null)
        {
            _token = token;
            _server = endpoint == null ? "the server" : MatomoEndpoint.Display(endpoint);
        }

        /// <summary>The failure of a call after its last attempt; a failure that could have healed says how long it was tried.</summary>
        public MatomoException GaveUp(MatomoError failure, int attempts, TimeSpan elapsed, string? reason)
        {
            string message = failure.Message;
            if (failure.Retryable)
                message = Sentence(message) + $" Gave up after {attempts} attempt{(attempts == 1 ? string.Empty : "s")} over {elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s{(reason == null ? string.Empty : " (" + reason + ")")}.";
            return Create(failure.Kind, message, failure.ApiMethod, failure.HttpStatus, attempts, failure.Retryable, failure.RetryAfter, null, failure.Inner, failure.ServerMessage);
        }

        /// <summary>A request not sent because the server refused this client's token before: the same failure, said so.</summary>
        public MatomoException NotSentAgain(MatomoError refused, string method) =>
            Create(refused.Kind, Sentence(refused.Message) + $" {method} was not sent: after a refused login this client does not send its token again.",
                method, refused.HttpStatus, 0, refused.Retryable, null, null, refused.Inner, refused.ServerMessage);

        /// <summary>A failure that no attempt could change, such as an answer the reader cannot use.</summary>
        public MatomoException Single(MatomoError failure) => GaveUp(failure, 1, TimeSpan.Zero, null);

        /// <summary>An answer of the wrong shape; the part that does not fit is quoted.</summary>
        public MatomoException Shape(string method, string expected, JsonElement actual) =>
            Unreadable(method, $"is not {expected}: {Quote(actual.GetRawText())}");

        /// <summary>
        /// A successful answer that looked like Matomo's JSON but cannot be read (bytes that are not UTF-8, malformed
        /// JSON, a shape or a period that does not fit, a negative count): the server or a proxy damaged it, and the
        /// message names the server. <paramref name="problem"/> follows "Matomo's answer to (method) from (server)".
        /// </summary>
        public MatomoException Unreadable(string method, string problem, int? status = null) =>
            Create(MatomoErrorKind.Protocol, $"Matomo's answer to {method} from {_server} {problem}", method, status, 1, false, null, null, null,
                unreadable: true);

        /// <summary>A token that authenticates but may view no site (as <paramref name="method"/> answered): for a report client, the wrong token.</summary>
        public MatomoException NoSiteVisible(Uri endpoint, string method) =>
            Create(MatomoErrorKind.Authentication,
                $"The access token is not correct: {MatomoEndpoint.Display(endpoint)} gives it view access to no site.",
                method, null, 1, false, null, null, null);

        /// <summary>A site the token may not view, found out from the site list (SitesManager.getSitesWithAtLeastViewAccess) before any report was asked for.</summary>
        public MatomoException SiteNotVisible(int siteId, Uri endpoint, IReadOnlyList<int> visible) =>
            Create(MatomoErrorKind.Access,
                $"The token may not view site {siteId} on {MatomoEndpoint.Display(endpoint)}; it may view {DescribeSites(visible)}.",
                MatomoClient.SitesMethod, null, 1, false, null, null, null);

        /// <summary>
        /// A method Matomo offers to super users only, refused to this token (Matomo says the method "does not exist or is
        /// not available"): an access failure that says whose token it needs.
        /// </summary>
        public MatomoException NeedsSuperUser(MatomoException refused, Uri endpoint) =>
            Create(MatomoErrorKind.Access,
                $"{refused.ApiMethod} needs a super user's token on {MatomoEndpoint.Display(endpoint)}; Matomo hides it from other users, admins too. "
                + $"Matomo answered: {Sentence(refused.ServerMessage ?? refused.Message)}",
                refused.ApiMethod, refused.HttpStatus, refused.Attempts, false, null, null, refused, refused.ServerMessage);

        /// <summary>The same failure, told for one series of a fetch: its own exception, naming the series.</summary>
        public MatomoException ForSeries(MatomoException error, string series) =>
            Create(error.Kind, $"Series '{series}': {error.Message}", error.ApiMethod, error.HttpStatus, error.Attempts, error.IsTransient, error.RetryAfter, series, error.InnerException, error.ServerMessage,
                error.IsUnreadableAnswer);

        /// <summary>The same failure, told for one part of a report read in parts: its dates, within the range asked for.</summary>
        public MatomoException ForPart(MatomoException error, DateTime from, DateTime to, DateTime start, DateTime end) =>
            Create(error.Kind, $"The part {Day(from)} to {Day(to)} (of {Day(start)} to {Day(end)}): {error.Message}", error.ApiMethod, error.HttpStatus,
                error.Attempts, error.IsTransient, error.RetryAfter, error.Series, error.InnerException, error.ServerMessage);

        /// <summary>
        /// The same failure, told for a read of the visit log: the site, and where the read stood (the cursor of the last
        /// visit written, to go on from), so a failure after some pages says what is written already.
        /// </summary>
        public MatomoException ForVisitLog(MatomoException error, int siteId, MatomoVisitCursor? written) =>
            Create(error.Kind, $"The visit log of site {siteId}{(written == null ? string.Empty : $", after the visits up to {written.TimeUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC (cursor {written})")}: {error.Message}",
                error.ApiMethod, error.HttpStatus, error.Attempts, error.IsTransient, error.RetryAfter, error.Series, error.InnerException, error.ServerMessage,
                error.IsUnreadableAnswer);

        private static string Day(DateTime date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        /// <summary>Text from an answer, cut to a readable length, for messages.</summary>
        public static string Quote(string text) => text.Length > SnippetLength ? text.Substring(0, SnippetLength) + "..." : text;

        /// <summary>Ends a message with a full stop, so a following sentence reads as one.</summary>
        public static string Sentence(string text)
        {
            string trimmed = text.TrimEnd();
            return trimmed.Length == 0 || trimmed.EndsWith(".", StringComparison.Ordinal) || trimmed.EndsWith("!", StringComparison.Ordinal)
                || trimmed.EndsWith("?", StringComparison.Ordinal) ? trimmed : trimmed + ".";
        }

        private static string DescribeSites(IReadOnlyList<int> ids) =>
            ids.Count == 0 ? "no site"
            : ids.Count <= 20 ? (ids.Count == 1 ? "site " : "sites ") + string.Join(", ", ids)
            : $"{ids.Count} sites, from {ids.Min()} to {ids.Max()}";

        private MatomoException Create(MatomoErrorKind kind, string message, string? method, int? status, int attempts, bool transient,
            TimeSpan? retryAfter, string? series, Exception? inner, string? serverMessage = null, bool unreadable = false) =>
            new MatomoException(kind, _token.Redact(message), method, status, attempts, transient, retryAfter, series, inner,
                serverMessage == null ? null : _token.Redact(serverMessage), unreadable);
    }
}
