using System;
using System.Globalization;

namespace MatomoPS.Client
{
    /// <summary>Matomo's date keys: <c>2023-01-05</c>, <c>2022-12-26,2023-01-01</c>, <c>2023-01</c>, <c>2023</c>.</summary>
    public static class MatomoPeriodKey
    {
        private const string Iso = "yyyy-MM-dd";

        /// <summary>The first and last day of the period a key names; throws <see cref="FormatException"/> for a key that does not fit.</summary>
        public static (DateTime Start, DateTime End) Parse(MatomoPeriod period, string key)
        {
            switch (period)
            {
                case MatomoPeriod.Day:
                    var day = Exact(key, Iso);
                    return (day, day);
                case MatomoPeriod.Week:
                    int comma = key.IndexOf(',');
                    if (comma < 0) throw new FormatException($"'{key}' is not a week key (Monday,Sunday).");
                    var monday = Exact(key.Substring(0, comma), Iso);
                    var sunday = Exact(key.Substring(comma + 1), Iso);
                    if (monday.DayOfWeek != DayOfWeek.Monday || sunday != monday.AddDays(6))
                        throw new FormatException($"'{key}' is not a week from Monday to Sunday.");
                    return (monday, sunday);
                case MatomoPeriod.Month:
                    var first = Exact(key, "yyyy-MM");
                    return (first, first.AddMonths(1).AddDays(-1));
                case MatomoPeriod.Year:
                    var january = Exact(key, "yyyy");
                    return (january, january.AddYears(1).AddDays(-1));
                default:
                    throw new ArgumentOutOfRangeException(nameof(period));
            }
        }

        /// <summary>The key of the period that contains <paramref name="date"/>, as Matomo writes it.</summary>
        public static string Format(MatomoPeriod period, DateTime date)
        {
            var start = StartOf(period, date);
            switch (period)
            {
                case MatomoPeriod.Day: return start.ToString(Iso, CultureInfo.InvariantCulture);
                case MatomoPeriod.Week: return start.ToString(Iso, CultureInfo.InvariantCulture) + "," + start.AddDays(6).ToString(Iso, CultureInfo.InvariantCulture);
                case MatomoPeriod.Month: return start.ToString("yyyy-MM", CultureInfo.InvariantCulture);
                default: return start.ToString("yyyy", CultureInfo.InvariantCulture);
            }
        }

        /// <summary>The first day of the period that contains <paramref name="date"/>; weeks start on Monday.</summary>
        public static DateTime StartOf(MatomoPeriod period, DateTime date)
        {
            date = date.Date;
            switch (period)
            {
                case MatomoPeriod.Day: return date;
                case MatomoPeriod.Week: return date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
                case MatomoPeriod.Month: return new DateTime(date.Year, date.Month, 1);
                case MatomoPeriod.Year: return new DateTime(date.Year, 1, 1);
                default: throw new ArgumentOutOfRangeException(nameof(period));
            }
        }

        /// <summary>The ISO-8601 week-numbering year and week of a date (netstandard2.0 has no ISOWeek).</summary>
        public static (int Year, int Week) IsoWeek(DateTime date)
        {
            var thursday = StartOf(MatomoPeriod.Week, date).AddDays(3);
            return (thursday.Year, (thursday.DayOfYear - 1) / 7 + 1);
        }

        private static DateTime Exact(string text, string format) =>
            DateTime.ParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None);
    }
}
