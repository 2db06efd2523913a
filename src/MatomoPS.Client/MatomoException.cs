using System;

namespace MatomoPS.Client
{
    /// <summary>
    /// The one error type of the client. Its message never contains the token.
    /// </summary>
    public sealed class MatomoException : Exception
    {
        public MatomoException(MatomoErrorKind kind, string message, string? apiMethod = null, int? httpStatus = null, Exception? inner = null)
            : base(message, inner)
        {
            Kind = kind;
            ApiMethod = apiMethod;
            HttpStatus = httpStatus;
        }

        /// <summary>What kind of failure this is.</summary>
        public MatomoErrorKind Kind { get; }

        /// <summary>The Matomo API method that failed, such as <c>VisitsSummary.getVisits</c>.</summary>
        public string? ApiMethod { get; }

        /// <summary>The HTTP status of the answer, when there was one.</summary>
        public int? HttpStatus { get; }

        /// <summary>How many attempts were made before giving up (1 when no retry happened).</summary>
        public int Attempts { get; internal set; } = 1;

        /// <summary>True when the request may succeed if sent again later.</summary>
        public bool IsTransient => Kind == MatomoErrorKind.Transient;
    }
}
