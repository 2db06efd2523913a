using System;
using System.Globalization;

namespace MatomoPS.Client
{
    /// <summary>
    /// Readable labels for periods, as the reference client's chart shows them: <c>05.01.</c>, <c>CW 1</c>,
    /// <c>January</c>, <c>2023</c>; with the year (<c>05.01.2022</c>, <c>2022 CW 52</c>, <c>January 2022</c>)
    /// when the requested range does not lie in the current year.
    /// </summary>
    internal static class MatomoDateLabels
    {
        /// <summary>True when the range needs no year in its labels: it starts and ends in the year of <paramref name="today"/>.</summary>
        public static bool IsCurrentYear(DateTime start, DateTime end, DateTime today) =>
            start.Year == today.Year && end.Year == today.Year;

        /// <summary>The label of the period that starts on <paramref name="periodStart"/>.</summary>
        public static string Label(MatomoPeriod period, DateTime periodStart, bool withYear, CultureInfo culture)
        {
            switch (period)
            {
                case MatomoPeriod.Day:
                    return DayLabel(periodStart, withYear);
                case MatomoPeriod.Week:
                    var (year, week) = MatomoPeriodKey.IsoWeek(periodStart);
                    return withYear ? $"{year} CW {week}" : $"CW {week}";
                case MatomoPeriod.Month:
                    string month = culture.DateTimeFormat.GetMonthName(periodStart.Month);
                    return withYear ? month + " " + periodStart.Year.ToString(CultureInfo.InvariantCulture) : month;
                case MatomoPeriod.Year:
                    return periodStart.Year.ToString(CultureInfo.InvariantCulture);
                default:
                    throw new ArgumentOutOfRangeException(nameof(period));
            }
        }

        /// <summary>
        /// <c>dd.MM.</c> or <c>dd.MM.yyyy</c>, written by hand: long daily series need a label per point, and
        /// formatting with a pattern string took longer than parsing the answer.
        /// </summary>
        private static string DayLabel(DateTime date, bool withYear)
        {
            var text = new char[withYear ? 10 : 6];
            PutDigits(text, 0, date.Day, 2);
            text[2] = '.';
            PutDigits(text, 3, date.Month, 2);
            text[5] = '.';
            if (withYear) PutDigits(text, 6, date.Year, 4);
            return new string(text);
        }

        private static void PutDigits(char[] text, int at, int value, int digits)
        {
            for (int i = at + digits - 1; i >= at; i--, value /= 10)
                text[i] = (char)('0' + value % 10);
        }
    }
}
