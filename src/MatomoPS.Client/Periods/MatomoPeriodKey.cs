using System;
using System.Collections.Generic;
using System.Globalization;

namespace MatomoPS.Client
{
    /// <summary>Matomo's date keys: <c>2023-01-05</c>, <c>2022-12-26,2023-01-01</c>, <c>2023-01</c>, <c>2023</c>.</summary>
    internal static class MatomoPeriodKey
    {
        private const string Iso = "yyyy-MM-dd";

        /// <summary>
        /// The first and last day of the period a key names; throws <see cref="FormatException"/> for a key that does not
        /// fit. The keys come from the server, so the last day is read without adding to the first: a key of year 9999
        /// cannot overflow.
        /// </summary>
        public static (DateTime Start, DateTime End) Parse(MatomoPeriod period, string key)
        {
            if (key is null) throw new ArgumentNullException(nameof(key));
            switch (period)
            {
                case MatomoPeriod.Day:
                    if (key.Length != 10) throw new FormatException($"'{key}' is not a day key (yyyy-MM-dd).");
                    var day = ReadDate(key, 0, withDay: true);
                    return (day, day);
                case MatomoPeriod.Week:
                    if (key.Length != 21 || key[10] != ',') throw new FormatException($"'{key}' is not a week key (Monday,Sunday).");
                    var monday = ReadDate(key, 0, withDay: true);
                    var sunday = ReadDate(key, 11, withDay: true);
                    if (monday.DayOfWeek != DayOfWeek.Monday || (sunday - monday).Days != 6)
                        throw new FormatException($"'{key}' is not a week from Monday to Sunday.");
                    return (monday, sunday);
                case MatomoPeriod.Month:
                    if (key.Length != 7) throw new FormatException($"'{key}' is not a month key (yyyy-MM).");
                    var first = ReadDate(key, 0, withDay: false);
                    return (first, new DateTime(first.Year, first.Month, DateTime.DaysInMonth(first.Year, first.Month)));
                case MatomoPeriod.Year:
                    int year = key.Length == 4 ? ReadNumber(key, 0, 4) : 0;
                    if (year < 1) throw new FormatException($"'{key}' is not a year key (yyyy).");
                    return (new DateTime(year, 1, 1), new DateTime(year, 12, 31));
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

        /// <summary>The first day of the period after the one that starts on <paramref name="start"/>.</summary>
        public static DateTime Next(MatomoPeriod period, DateTime start) => period switch
        {
            MatomoPeriod.Day => start.AddDays(1),
            MatomoPeriod.Week => start.AddDays(7),
            MatomoPeriod.Month => start.AddMonths(1),
            MatomoPeriod.Year => start.AddYears(1),
            _ => throw new ArgumentOutOfRangeException(nameof(period)),
        };

        /// <summary>The periods from the one holding <paramref name="first"/> to the one holding <paramref name="last"/>, by key, in date order.</summary>
        public static IReadOnlyDictionary<string, (DateTime Start, DateTime End)> Expected(MatomoPeriod period, DateTime first, DateTime last)
        {
            var periods = new Dictionary<string, (DateTime Start, DateTime End)>(StringComparer.Ordinal);
            foreach (var start in Starts(period, first, last)) periods[Format(period, start)] = (start, Next(period, start).AddDays(-1));
            return periods;
        }

        /// <summary>The first day of every period that overlaps <paramref name="first"/>..<paramref name="last"/>, as Matomo keys a date list.</summary>
        public static IEnumerable<DateTime> Starts(MatomoPeriod period, DateTime first, DateTime last)
        {
            for (var start = StartOf(period, first); start <= last.Date; start = Next(period, start))
                yield return start;
        }

        /// <summary>The ISO-8601 week-numbering year and week of a date (netstandard2.0 has no ISOWeek).</summary>
        public static (int Year, int Week) IsoWeek(DateTime date)
        {
            var thursday = StartOf(MatomoPeriod.Week, date).AddDays(3);
            return (thursday.Year, (thursday.DayOfYear - 1) / 7 + 1);
        }

        // Read by hand rather than with DateTime.ParseExact: a long daily answer has a key per point, and
        // ParseExact was the slowest step of reading it. The rules stay as strict: digits and dashes only.

        /// <summary>Reads <c>yyyy-MM-dd</c> (or <c>yyyy-MM</c>, as its first day) at <paramref name="at"/>.</summary>
        private static DateTime ReadDate(string key, int at, bool withDay)
        {
            if (key[at + 4] != '-' || (withDay && key[at + 7] != '-'))
                throw new FormatException($"'{key}' is not a date of the form {(withDay ? "yyyy-MM-dd" : "yyyy-MM")}.");
            int year = ReadNumber(key, at, 4), month = ReadNumber(key, at + 5, 2), day = withDay ? ReadNumber(key, at + 8, 2) : 1;
            if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
                throw new FormatException($"'{key}' holds a date that does not exist.");
            return new DateTime(year, month, day);
        }

        private static int ReadNumber(string key, int at, int digits)
        {
            int value = 0;
            for (int i = at; i < at + digits; i++)
            {
                char c = key[i];
                if (c < '0' || c > '9') throw new FormatException($"'{key}' has '{c}' where a digit belongs.");
                value = value * 10 + (c - '0');
            }
            return value;
        }
    }
}
