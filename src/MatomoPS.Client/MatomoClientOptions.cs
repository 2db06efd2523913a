using System;

namespace MatomoPS.Client
{
    /// <summary>How a <see cref="MatomoClient"/> reaches its server, how patient it is, and where it tells what it does.</summary>
    public sealed class MatomoClientOptions
    {
        /// <summary>Options for one server and one token.</summary>
        /// <param name="endpoint">The API endpoint (see <see cref="MatomoEndpoint.Resolve"/>).</param>
        /// <param name="token">The token sent in the POST body of every request.</param>
        public MatomoClientOptions(Uri endpoint, MatomoToken token)
        {
            Endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
            Token = token ?? throw new ArgumentNullException(nameof(token));
        }

        /// <summary>The API endpoint, <c>https://host/path/index.php</c>.</summary>
        public Uri Endpoint { get; }

        /// <summary>The token sent in the POST body of every request.</summary>
        public MatomoToken Token { get; }

        /// <summary>Time allowed for one HTTP request. Long by default: a new segment can take minutes to archive.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(120);

        /// <summary>How often a failure that may heal is tried again (429, 502, 503, 504, timeouts, dropped connections).</summary>
        public int MaxRetries { get; set; } = 3;

        /// <summary>The first pause before a retry; it doubles with every attempt, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>The longest pause between two attempts, including one asked for by <c>Retry-After</c>.</summary>
        public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>The most time one call may take over all its attempts and pauses.</summary>
        public TimeSpan TotalBudget { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>
        /// The largest answer read, in bytes: 256 MB by default. A larger one (a report of millions of rows asked for at
        /// once, an endless body from a broken server) is refused and not retried; reports read in parts stay far below it.
        /// </summary>
        public long MaxAnswerBytes { get; set; } = 256L * 1024 * 1024;

        /// <summary>
        /// Lets a request follow a redirect from http to https on the same host (the token, sent over http once already,
        /// then goes encrypted). Off by default: any redirect to another scheme, host or port is refused, naming the address.
        /// </summary>
        public bool AllowHttpsRedirect { get; set; }

        /// <summary>Turns off TLS certificate validation (self-signed test servers only). Ignored when a handler is given.</summary>
        public bool SkipCertificateCheck { get; set; }

        /// <summary>Today's date, for readable labels (the year is left out within the current year).</summary>
        public Func<DateTime> Today { get; set; } = () => DateTime.Today;

        /// <summary>
        /// Told one line for each request as it starts and ends, and for each retry. The token is never part of a line.
        /// Called from any thread.
        /// </summary>
        public Action<string>? Log { get; set; }
    }
}
