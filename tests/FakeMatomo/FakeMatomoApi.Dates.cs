using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FakeMatomo
{
    /// <summary>Dates and periods as Matomo reads them: single dates, lists, lastN and previousN, and its date errors.</summary>
    public sealed partial class FakeMatomoApi
    {
        private (List<FakePeriod> Periods, bool Multiple) Periods(string period, string date)
        {
            DateTime today = Data.Today;
            var lastN = Regex.Match(date, @"^(last|previous)(\d+)$");
            if (lastN.Success)
            {
                int n = int.Parse(lastN.Groups[2].Value, CultureInfo.InvariantCulture);
                string unit = period == "range" ? "day" : period;
                n = Math.Min(n, unit switch { "day" => 1825, "week" => 520, "month" => 120, _ => 10 });
                var lastStart = FakePeriod.Containing(unit, today);
                if (lastN.Groups[1].Value == "previous") lastStart = FakePeriod.Containing(unit, lastStart.First.AddDays(-1));
                var first = lastStart;
                for (int i = 1; i < n; i++) first = FakePeriod.Containing(unit, first.First.AddDays(-1));
                return period == "range"
                    ? (new List<FakePeriod> { FakePeriod.Range(first.First, lastStart.Last) }, false)
                    : (FakePeriod.Between(unit, first.First, lastStart.Last), true);
            }
            int comma = date.IndexOf(',');
            if (comma >= 0)
            {
                string startText = date.Substring(0, comma), endText = date.Substring(comma + 1);
                if (!TryParseDate(startText, out DateTime start) || !TryParseDate(endText, out DateTime end))
                    throw BadDate($"'{date}'");
                CheckNotBeforeFirstWebsite(startText, start);
                CheckNotBeforeFirstWebsite(endText, end);
                // Matomo cuts the end at 31 December ten years from its now (5.1.2: Range::getMaxAllowedEndTimestamp); a list
                // wholly after that then reads as a reversed one, and gets the one period that holds the cut end.
                var latest = new DateTime(today.Year + 10, 12, 31);
                if (end > latest) end = latest;
                if (period == "range")
                {
                    if (start > end) throw new FakeApiException("Specified date range is invalid.");
                    return (new List<FakePeriod> { FakePeriod.Range(start, end) }, false);
                }
                // A reversed list is no error: Matomo answers the one period that holds the end date.
                return (start > end ? new List<FakePeriod> { FakePeriod.Containing(period, end) } : FakePeriod.Between(period, start, end), true);
            }
            if (period == "range")
                throw new FakeApiException($"The date '{date}' is not a correct date range. It should have the following format:  'lastN', 'previousN', 'YYYY-MM-DD,YYYY-MM-DD'.");
            // PHP's strtotime() says false for what it cannot read, and Matomo's message quotes that.
            if (!TryParseDate(date, out DateTime single)) throw BadDate("false");
            CheckNotBeforeFirstWebsite(date, single);
            return (new List<FakePeriod> { FakePeriod.Containing(period, single) }, false);
        }

        private bool TryParseDate(string text, out DateTime date)
        {
            if (text == "today") date = Data.Today;
            else if (text == "yesterday") date = Data.Today.AddDays(-1);
            else return DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
            return true;
        }

        private static FakeApiException BadDate(string what) =>
            new FakeApiException($"Date format must be: YYYY-MM-DD, or 'today' or 'yesterday' or any keyword supported by the strtotime function (see http://php.net/strtotime for more information): {what}");

        private static void CheckNotBeforeFirstWebsite(string text, DateTime date)
        {
            if (date >= FirstWebsite) return;
            long Seconds(DateTime day) => (long)(DateTime.SpecifyKind(day, DateTimeKind.Utc) - UnixEpoch).TotalSeconds;
            throw new FakeApiException($"The date '{text}' is a date before first website was online. Try date that's after Aug 6, 1991 (timestamp {Seconds(FirstWebsite)}).: {Seconds(date)}");
        }
    }
}
