using System;
using System.Collections.Generic;
using System.Linq;

namespace MatomoPS.Client
{
    /// <summary>What each period is compared with.</summary>
    public enum MatomoComparison
    {
        /// <summary>No comparison.</summary>
        None,

        /// <summary>
        /// The range of as many periods just before: for a week of days, each day with the day a week before; for one
        /// month, the month before; for a range (one table), the range of as many days just before it.
        /// </summary>
        PreviousPeriod,

        /// <summary>
        /// The same period a year before: a day with the same date (28 February for the 29th), a week with the week 52
        /// weeks before (Monday to Sunday, as a week of the year before, mostly of the same week number), a month with the same month.
        /// </summary>
        PreviousYear,
    }

    /// <summary>The periods a range is compared with, and the range that holds them, for one more request of the same question.</summary>
    public static class MatomoComparedPeriods
    {
        /// <summary>
        /// The first day of the period each period of <paramref name="range"/> is compared with, by the first day of
        /// the period (for <see cref="MatomoPeriod.Range"/>, the range's first day).
        /// </summary>
        public static IReadOnlyDictionary<DateTime, DateTime> Starts(MatomoDateRange range, MatomoComparison comparison)
        {
            if (range is null) throw new ArgumentNullException(nameof(range));
            if (range.Period == MatomoPeriod.Range) return new Dictionary<DateTime, DateTime> { [range.Start] = Range(range, comparison).Start };
            var starts = MatomoPeriodKey.Starts(range.Period, range.Start, range.End).ToList();
            return starts.ToDictionary(start => start, start => comparison switch
            {
                MatomoComparison.PreviousPeriod => Shift(range.Period, start, -starts.Count),
                MatomoComparison.PreviousYear => range.Period == MatomoPeriod.Week ? start.AddDays(-364) : MatomoPeriodKey.StartOf(range.Period, start.AddYears(-1)),
                _ => throw new ArgumentOutOfRangeException(nameof(comparison), comparison, "Give PreviousPeriod or PreviousYear."),
            });
        }

        /// <summary>The range of the same period that holds every period <paramref name="range"/> is compared with.</summary>
        /// <exception cref="MatomoArgumentException">The compared periods begin before Matomo's first date.</exception>
        public static MatomoDateRange Range(MatomoDateRange range, MatomoComparison comparison)
        {
            if (range is null) throw new ArgumentNullException(nameof(range));
            if (range.Period == MatomoPeriod.Range)
            {
                int days = (int)(range.End - range.Start).TotalDays + 1;
                return comparison == MatomoComparison.PreviousYear
                    ? MatomoDateRange.Create(MatomoPeriod.Range, range.Start.AddYears(-1), range.End.AddYears(-1))
                    : MatomoDateRange.Create(MatomoPeriod.Range, range.Start.AddDays(-days), range.End.AddDays(-days));
            }
            var starts = Starts(range, comparison).Values.ToList();
            return MatomoDateRange.Create(range.Period, starts.Min(), MatomoPeriodKey.Next(range.Period, starts.Max()).AddDays(-1));
        }

        /// <summary>
        /// The change from <paramref name="before"/> to <paramref name="now"/> as a fraction (0.12 is 12 % more); null
        /// without a value before or now, or from 0, as no fraction of nothing is a change.
        /// </summary>
        public static double? Change(double? now, double? before) =>
            now.HasValue && before.HasValue && before.Value != 0 ? (now.Value - before.Value) / before.Value : (double?)null;

        private static DateTime Shift(MatomoPeriod period, DateTime start, int periods) => period switch
        {
            MatomoPeriod.Day => start.AddDays(periods),
            MatomoPeriod.Week => start.AddDays(7 * periods),
            MatomoPeriod.Month => start.AddMonths(periods),
            _ => start.AddYears(periods),
        };
    }
}
