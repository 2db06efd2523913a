using System;

namespace MatomoPS.Client
{
    /// <summary>
    /// The one error type of the client: what failed, of which kind, after how many attempts. Its message
    /// never contains the token. Only the client builds it (see <c>MatomoFailures</c>), complete at construction.
    /// </summary>
    public sealed class MatomoException : Exception
    {
        internal MatomoException(MatomoErrorKind kind, string message, string? apiMethod, int? httpStatus, int attempts, bool transient,
            TimeSpan? retryAfter, string? series, Exception? inner, string? serverMessage = null, bool unreadableAnswer = false)
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
