using System;
using System.Collections.Generic;
using System.Globalization;

namespace FakeMatomo
{
    /// <summary>One period of a Matomo answer: its key and its first and last day.</summary>
    public sealed class FakePeriod
    {
        private FakePeriod(string key, DateTime first, DateTime last)
        {
            Key = key;
            First = first;
            Last = last;
        }

        public string Key { get; }
        public DateTime First { get; }
        public DateTime Last { get; }

        /// <summary>The day, week (Monday to Sunday), month or year that contains <paramref name="date"/>.</summary>
        public static FakePeriod Containing(string period, DateTime date)
        {
            date = date.Date;
            switch (period)
            {
                case "day":
                    return new FakePeriod(Iso(date), date, date);
                case "week":
                    var monday = date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
                    return new FakePeriod(Iso(monday) + "," + Iso(monday.AddDays(6)), monday, monday.AddDays(6));
                case "month":
                    var first = new DateTime(date.Year, date.Month, 1);
                    return new FakePeriod(first.ToString("yyyy-MM", CultureInfo.InvariantCulture), first, first.AddMonths(1).AddDays(-1));
                default:
                    var january = new DateTime(date.Year, 1, 1);
                    return new FakePeriod(date.Year.ToString(CultureInfo.InvariantCulture), january, january.AddYears(1).AddDays(-1));
            }
        }

        /// <summary>Every period from the one containing <paramref name="start"/> to the one containing <paramref name="end"/>.</summary>
        public static List<FakePeriod> Between(string period, DateTime start, DateTime end)
        {
            var periods = new List<FakePeriod>();
            for (var current = Containing(period, start); current.First <= end.Date; current = Containing(period, current.Last.AddDays(1)))
                periods.Add(current);
            return periods;
        }

        public static FakePeriod Range(DateTime start, DateTime end) => new FakePeriod(Iso(start) + "," + Iso(end), start.Date, end.Date);

        private static string Iso(DateTime date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
