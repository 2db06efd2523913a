using System;

namespace MatomoPS.Client
{
    /// <summary>
    /// What went wrong with one attempt, before anyone decided whether to try again. The transport's retry loop
    /// reads <see cref="Retryable"/>; when it gives up, <see cref="MatomoExceptions"/> turns the last one into a
    /// <see cref="MatomoException"/>.
    /// </summary>
    internal sealed class MatomoError
    {
        public MatomoError(MatomoErrorKind kind, string message, string? apiMethod, int? httpStatus = null,
            bool retryable = false, TimeSpan? retryAfter = null, Exception? inner = null, string? serverMessage = null)
        {
            Kind = kind;
            Message = message;
            ApiMethod = apiMethod;
            HttpStatus = httpStatus;
            Retryable = retryable;
            RetryAfter = retryAfter;
            Inner = inner;
            ServerMessage = serverMessage;
        }

        public MatomoErrorKind Kind { get; }

        /// <summary>What happened, in neutral words; not yet redacted.</summary>
        public string Message { get; }

        public string? ApiMethod { get; }
        public int? HttpStatus { get; }

        /// <summary>True when sending the same request again may heal it.</summary>
        public bool Retryable { get; }

        /// <summary>The server's <c>Retry-After</c>, when it sent one.</summary>
        public TimeSpan? RetryAfter { get; }

        public Exception? Inner { get; }

        /// <summary>Matomo's own words when it refused the request; null when the failure is not Matomo's refusal.</summary>
        public string? ServerMessage { get; }
    }
}
