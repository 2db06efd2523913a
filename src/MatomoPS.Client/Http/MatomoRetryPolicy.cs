using System;
using System.Globalization;

namespace MatomoPS.Client
{
    /// <summary>
    /// How long to wait before trying a failure that may heal again, and when to stop: at most
    /// <see cref="MatomoClientOptions.MaxRetries"/> retries, exponential pauses with jitter (or the server's
    /// <c>Retry-After</c>), all within <see cref="MatomoClientOptions.TotalBudget"/>. One policy for a whole answer
    /// that failed and for the failed parts of a bulk answer, so both heal within the same budget.
    /// </summary>
    internal sealed class MatomoRetryPolicy
    {
        [ThreadStatic] private static Random? _jitter;

        private readonly MatomoClientOptions _options;

        public MatomoRetryPolicy(MatomoClientOptions options) => _options = options;

        /// <summary>The retries a call may make: the options' own, or none for a check that must cost one request at most.</summary>
        public int Retries(bool retry) => retry ? _options.MaxRetries : 0;

        /// <summary>
        /// True with the pause before the next attempt, when <paramref name="attempt"/> (1 for the first) may be followed
        /// by another within <paramref name="retries"/> and the time budget; false with the reason it may not.
        /// </summary>
        public bool TryNext(int attempt, int retries, TimeSpan elapsed, TimeSpan? retryAfter, out TimeSpan pause, out string reason)
        {
            pause = NextPause(attempt, retryAfter);
            bool budgetLeft = elapsed + pause < _options.TotalBudget;
            if (attempt <= retries && budgetLeft)
            {
                reason = string.Empty;
                return true;
            }
            reason = budgetLeft
                ? $"{retries} retr{(retries == 1 ? "y" : "ies")} allowed"
                : $"the time budget of {_options.TotalBudget.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s for one call would run out";
            return false;
        }

        private TimeSpan NextPause(int attempt, TimeSpan? retryAfter)
        {
            if (retryAfter.HasValue)
                return retryAfter.Value > _options.MaxRetryDelay ? _options.MaxRetryDelay : retryAfter.Value;
            // 1 s, 2 s, 4 s... each varied by up to a quarter either way, so clients that failed together do not retry in step.
            double exponential = _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
            _jitter ??= new Random(Guid.NewGuid().GetHashCode());
            double varied = exponential * (0.75 + _jitter.NextDouble() / 2);
            return TimeSpan.FromMilliseconds(Math.Min(varied, _options.MaxRetryDelay.TotalMilliseconds));
        }
    }
}
