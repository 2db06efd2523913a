using System;

namespace MatomoPS.Client
{
    /// <summary>
    /// The one error type of the client: what failed, of which kind, after how many attempts. Its message
    /// never contains the token. The client builds it complete at construction (see <c>MatomoExceptions</c>, which
    /// redacts every message); code that uses the client builds it too, to fake the client's failures in its own tests.
    /// </summary>
    public sealed class MatomoException : Exception
    {
        /// <summary>A failure of the client, complete: what failed, of which kind, after how many attempts.</summary>
        /// <param name="kind">What kind of failure it is.</param>
        /// <param name="message">What happened, in words a user reads; it must not hold the token.</param>
        /// <param name="apiMethod">The Matomo API method that failed.</param>
        /// <param name="httpStatus">The HTTP status of the last answer, when there was one.</param>
        /// <param name="attempts">How many attempts were made (0 when the request was not sent).</param>
        /// <param name="transient">True when the request may succeed if sent again later.</param>
        /// <param name="retryAfter">How long the server asked to wait, when it said so.</param>
        /// <param name="series">The series the failure belongs to, in a fetch of several.</param>
        /// <param name="inner">The exception behind the failure, if any.</param>
        /// <param name="serverMessage">Matomo's own words when it refused the request.</param>
        /// <param name="unreadableAnswer">True when the answer came but could not be read (see <see cref="IsUnreadableAnswer"/>).</param>
        public MatomoException(MatomoErrorKind kind, string message, string? apiMethod = null, int? httpStatus = null, int attempts = 1,
            bool transient = false, TimeSpan? retryAfter = null, string? series = null, Exception? inner = null, string? serverMessage = null,
            bool unreadableAnswer = false)
            : base(message, inner)
        {
            Kind = kind;
            ApiMethod = apiMethod;
            HttpStatus = httpStatus;
            Attempts = attempts;
            IsTransient = transient;
            RetryAfter = retryAfter;
            Series = series;
            ServerMessage = serverMessage;
            IsUnreadableAnswer = unreadableAnswer;
        }

        /// <summary>What kind of failure this is; callers map it to their own categories and advice.</summary>
        public MatomoErrorKind Kind { get; }

        /// <summary>The Matomo API method that failed, such as <c>VisitsSummary.getVisits</c>.</summary>
        public string? ApiMethod { get; }

        /// <summary>The HTTP status of the last answer, when there was one.</summary>
        public int? HttpStatus { get; }

        /// <summary>How many attempts were made before giving up (1 when no retry happened).</summary>
        public int Attempts { get; }

        /// <summary>How long the server asked the client to wait (<c>Retry-After</c>), when it said so.</summary>
        public TimeSpan? RetryAfter { get; }

        /// <summary>The series the failure belongs to, when it came from a fetch of several series.</summary>
        public string? Series { get; }

        /// <summary>
        /// Matomo's own words when it refused the request (such as <c>The metric nb_uniq_visitors is not enabled for the
        /// requested period.</c>), without the method or series the <see cref="Exception.Message"/> adds; null when the
        /// failure is not Matomo's refusal.
        /// </summary>
        public string? ServerMessage { get; }

        /// <summary>
        /// True for a <see cref="MatomoErrorKind.Protocol"/> failure whose answer came with a success status and looked
        /// like Matomo's JSON but could not be read: bytes that are not UTF-8, malformed JSON, a shape Matomo does not
        /// send, a period missing, twice or not asked for, a negative count. The server or a proxy in front of it damaged
        /// the answer; the address is right. False for the other invalid answers (a web page instead of JSON, a status
        /// Matomo does not send, an answer cut off), which may come from an address that is not Matomo's.
        /// </summary>
        public bool IsUnreadableAnswer { get; }

        /// <summary>True when the request may succeed if sent again later: the failure was one the client retries.</summary>
        public bool IsTransient { get; }
    }
}
