using System;

namespace MatomoPS.Client
{
    /// <summary>How a <see cref="MatomoClient"/> reaches its server. One instance per connection.</summary>
    public sealed class MatomoClientOptions
    {
        public MatomoClientOptions(Uri endpoint, MatomoToken token)
        {
            Endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
            Token = token ?? throw new ArgumentNullException(nameof(token));
        }

        /// <summary>The API endpoint, <c>https://host/path/index.php</c> (see <see cref="MatomoEndpoint.Resolve"/>).</summary>
        public Uri Endpoint { get; }

        /// <summary>The token sent in the POST body of every request.</summary>
        public MatomoToken Token { get; }

        /// <summary>Time allowed for one HTTP request. Long by default: a new segment can take minutes to archive.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(120);

        /// <summary>How often a transient failure is tried again (429, 502, 503, 504, timeouts, dropped connections).</summary>
        public int MaxRetries { get; set; } = 3;

        /// <summary>The first pause before a retry; it doubles with every attempt, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>The longest pause between two attempts, including one asked for by <c>Retry-After</c>.</summary>
        public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>The most time one call may take over all its attempts and pauses.</summary>
        public TimeSpan TotalBudget { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>Turns off TLS certificate validation (self-signed test servers only).</summary>
        public bool SkipCertificateCheck { get; set; }

        /// <summary>Today's date for readable labels; replaceable so tests are stable.</summary>
        public Func<DateTime> Today { get; set; } = () => DateTime.Today;
    }
}
