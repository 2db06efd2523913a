using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace MatomoPS.Client
{
    /// <summary>
    /// A period and the days it spans: what every query asks for, checked once when made, and the one place that writes
    /// Matomo's <c>period=</c> and <c>date=</c>.
    /// </summary>
    public sealed class MatomoDateRange
    {
        /// <summary>Matomo refuses dates before the first website went online (1991-08-06).</summary>
        public static readonly DateTime EarliestDate = new DateTime(1991, 8, 6);

        /// <summary>
        /// The last day asked for: 31 December of the ninth year after this one (by the machine's UTC clock). Matomo cuts
        /// every range at 31 December of the tenth year after its own clock's (5.1.2: Range::getMaxAllowedEndTimestamp)
        /// and answers fewer periods than asked; a year less keeps clear of a server whose clock is a little behind ours
        /// around New Year. It also keeps all period arithmetic far from <see cref="DateTime.MaxValue"/>.
        /// </summary>
        public static DateTime LatestDate => new DateTime(DateTime.UtcNow.Year + 9, 12, 31);

        private MatomoDateRange(MatomoPeriod period, DateTime start, DateTime end)
        {
            Period = period;
            Start = start;
            End = end;
        }

        /// <summary>The days from <paramref name="start"/> to <paramref name="end"/> (times of day dropped), per <paramref name="period"/>.</summary>
        /// <exception cref="MatomoArgumentException">The start is after the end, or a date lies outside what Matomo answers.</exception>
        public static MatomoDateRange Create(MatomoPeriod period, DateTime start, DateTime end)
        {
            if (!Enum.IsDefined(typeof(MatomoPeriod), period)) throw new ArgumentOutOfRangeException(nameof(period));
            var (first, last) = MatomoQueryChecks.Dates(start, end);
            return new MatomoDateRange(period, first, last);
        }

        /// <summary>The period of each value or table; <see cref="MatomoPeriod.Range"/> is the whole range as one.</summary>
        public MatomoPeriod Period { get; }

        /// <summary>The first day asked for; the first period may begin before it (a week starts on Monday).</summary>
        public DateTime Start { get; }

        /// <summary>The last day asked for.</summary>
        public DateTime End { get; }

        /// <summary>How many periods the range holds (1 for <see cref="MatomoPeriod.Range"/>).</summary>
        public int PeriodCount => Period == MatomoPeriod.Range ? 1 : MatomoPeriodKey.Starts(Period, Start, End).Count();

        /// <summary>Part of this range (a report read in parts): the same period, days within it, checked by the caller.</summary>
        internal MatomoDateRange Part(DateTime from, DateTime to) => new MatomoDateRange(Period, from, to);

        /// <summary>
        /// Matomo's <c>period</c> and <c>date</c> parameters: <c>period=day&amp;date=2023-01-01,2023-01-31</c>, or for a range
        /// within one period its single-date form, <c>period=day&amp;date=2023-01-05</c>: some reports (Referrers.getAll)
        /// refuse a date list even of one period, and every answer reads the same either way.
        /// </summary>
        internal IEnumerable<KeyValuePair<string, string>> Parameters()
        {
            yield return MatomoRequest.Pair("period", PeriodName);
            yield return MatomoRequest.Pair("date", IsOnePeriod ? Iso(Start) : DateText);
        }

        /// <summary>
        /// The first and last day of the periods the range covers: the whole weeks, months or years that hold its days
        /// (for <see cref="MatomoPeriod.Range"/>, its own days).
        /// </summary>
        public (DateTime First, DateTime Last) Span => Period == MatomoPeriod.Range
            ? (Start, End)
            : (MatomoPeriodKey.StartOf(Period, Start), MatomoPeriodKey.Next(Period, MatomoPeriodKey.StartOf(Period, End)).AddDays(-1));

        /// <summary>
        /// The <c>period</c> and <c>dates</c> parameters of <c>CoreAdminHome.invalidateArchivedReports</c>: a date of each
        /// day, week, month or year of the range (its first day), or for <see cref="MatomoPeriod.Range"/> the range itself.
        /// </summary>
        internal IEnumerable<KeyValuePair<string, string>> InvalidationParameters()
        {
            yield return MatomoRequest.Pair("period", PeriodName);
            yield return MatomoRequest.Pair("dates", string.Join(",", InvalidationDates()));
        }

        /// <summary>The dates <see cref="InvalidationParameters"/> sends: one per period, or the range as <c>START,END</c>.</summary>
        internal IReadOnlyList<string> InvalidationDates() => Period == MatomoPeriod.Range
            ? new[] { DateText }
            : MatomoPeriodKey.Starts(Period, Start, End).Select(Iso).ToList();

        /// <summary>True when the range lies within one day, week, month or year (never for <see cref="MatomoPeriod.Range"/>).</summary>
        internal bool IsOnePeriod => Period != MatomoPeriod.Range && MatomoPeriodKey.StartOf(Period, Start) == MatomoPeriodKey.StartOf(Period, End);

        /// <summary>The key of the one table of a <see cref="MatomoPeriod.Range"/>: its <c>date</c>.</summary>
        internal string DateText => Iso(Start) + "," + Iso(End);

        /// <summary>The period as Matomo names it: <c>day</c>, <c>week</c>, <c>month</c>, <c>year</c> or <c>range</c>.</summary>
        internal string PeriodName => Period.ToString().ToLowerInvariant();

        /// <summary>A date as Matomo writes it, <c>2023-01-31</c>.</summary>
        internal static string Iso(DateTime date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        /// <summary>What the range asks for, as the request writes it: <c>day 2023-01-01,2023-01-31</c>.</summary>
        public override string ToString() => PeriodName + " " + DateText;
    }
}
