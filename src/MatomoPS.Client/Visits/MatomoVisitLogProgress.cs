using System;

namespace MatomoPS.Client
{
    /// <summary>How far a read of the visit log has come: the time covered, of the time to cover, and the visits written.</summary>
    public readonly struct MatomoVisitLogProgress
    {
        /// <summary>A read that covered <paramref name="from"/> to <paramref name="covered"/> of <paramref name="from"/> to <paramref name="to"/> (UTC).</summary>
        public MatomoVisitLogProgress(DateTime from, DateTime to, DateTime covered, long visits)
        {
            From = from;
            To = to;
            Covered = covered;
            Visits = visits;
        }

        /// <summary>The start of the time to cover (UTC).</summary>
        public DateTime From { get; }

        /// <summary>The end of the time to cover (UTC): the end of the range, or the settle time.</summary>
        public DateTime To { get; }

        /// <summary>Every visit last active before this UTC time is written.</summary>
        public DateTime Covered { get; }

        /// <summary>The visits written by this read so far.</summary>
        public long Visits { get; }

        /// <summary>The share of the time covered, 0 to 100.</summary>
        public int PercentComplete =>
            To <= From ? 100 : (int)Math.Max(0, Math.Min(100, 100 * (Covered - From).Ticks / (double)(To - From).Ticks));
    }
}
