using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace MatomoPS.Client
{
    /// <summary>
    /// Readable period labels in the culture of the command, with the year at the culture's place for a date and
    /// at the end otherwise: under de-DE <c>05.01.</c>, <c>KW 1</c>, <c>Januar</c>, <c>2023</c> (with the year
    /// <c>05.01.2022</c>, <c>KW 52/2022</c>, <c>Januar 2022</c>); under en-US <c>Jan 5</c>, <c>Week 1</c>, <c>January</c>
    /// (<c>Jan 5, 2022</c>, <c>Week 52/2022</c>, <c>January 2022</c>). The year is left out when the whole range
    /// lies in the current year. One instance per period, culture and year choice; it keeps the labels it made,
    /// as a long daily answer repeats the same dates for every series.
    /// </summary>
    internal sealed class MatomoDateLabels
    {
        // The word each language uses for a calendar week; languages not listed read "Week".
        private static readonly Dictionary<string, string> WeekWords = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["de"] = "KW", ["en"] = "Week", ["fr"] = "Sem.", ["es"] = "Sem.", ["it"] = "Sett.", ["pt"] = "Sem.", ["nl"] = "Week",
            ["sv"] = "V.", ["da"] = "Uge", ["nb"] = "Uke", ["nn"] = "Veke", ["fi"] = "Vk", ["pl"] = "Tydz.", ["cs"] = "Týd.",
            ["ru"] = "Нед.", ["uk"] = "Тиж.", ["tr"] = "Hafta", ["ja"] = "週", ["zh"] = "周", ["ko"] = "주",
        };
        private static readonly Regex DottedNumeric = new Regex(@"^d{1,2}\.M{1,2}\.y+$", RegexOptions.CultureInvariant);
        private static readonly Regex Weekday = new Regex(@"^\s*dddd[,.]?\s*|\s*[,.]?\s*dddd\s*$", RegexOptions.CultureInvariant);

        private readonly MatomoPeriod _period;
        private readonly bool _withYear;
        private readonly CultureInfo _culture;
        private readonly string _dayPattern;
        private readonly bool _germanDay;
        private readonly ConcurrentDictionary<DateTime, string> _made = new ConcurrentDictionary<DateTime, string>();

        public MatomoDateLabels(MatomoPeriod period, bool withYear, CultureInfo culture)
        {
            _period = period;
            _withYear = withYear;
            _culture = culture;
            _dayPattern = DayPattern(culture.DateTimeFormat, withYear);
            _germanDay = _dayPattern == (withYear ? "dd.MM.yyyy" : "dd.MM.");
        }

        /// <summary>True when the range needs no year in its labels: it starts and ends in the year of <paramref name="today"/>.</summary>
        public static bool IsCurrentYear(DateTime start, DateTime end, DateTime today) =>
            start.Year == today.Year && end.Year == today.Year;

        /// <summary>The label of the period that starts on <paramref name="periodStart"/>.</summary>
        public string Label(DateTime periodStart) => _made.GetOrAdd(periodStart, Make);

        private string Make(DateTime start)
        {
            switch (_period)
            {
                case MatomoPeriod.Day:
                    return _germanDay ? GermanDay(start, _withYear) : start.ToString(_dayPattern, _culture);
                case MatomoPeriod.Week:
                    var (year, week) = MatomoPeriodKey.IsoWeek(start);
                    string label = WeekWord(_culture) + " " + week.ToString(CultureInfo.InvariantCulture);
                    return _withYear ? label + "/" + year.ToString(CultureInfo.InvariantCulture) : label;
                case MatomoPeriod.Month:
                    return _withYear ? start.ToString(_culture.DateTimeFormat.YearMonthPattern, _culture) : _culture.DateTimeFormat.GetMonthName(start.Month);
                case MatomoPeriod.Year:
                    return start.Year.ToString(CultureInfo.InvariantCulture);
                default:
                    throw new ArgumentOutOfRangeException(nameof(start));
            }
        }

        /// <summary>The culture's word for a calendar week, such as <c>KW</c> or <c>Week</c>.</summary>
        public static string WeekWord(CultureInfo culture) =>
            WeekWords.TryGetValue(culture.TwoLetterISOLanguageName, out string? word) ? word : "Week";

        /// <summary>
        /// Numeric day-first cultures keep their short date (<c>dd.MM.yyyy</c>, and <c>dd.MM.</c> without the year);
        /// the others read the month by its short name, as their long date without the weekday (<c>MMM d, yyyy</c>).
        /// </summary>
        private static string DayPattern(DateTimeFormatInfo format, bool withYear)
        {
            string shortDate = format.ShortDatePattern;
            if (DottedNumeric.IsMatch(shortDate))
                return withYear ? shortDate : shortDate.Substring(0, shortDate.LastIndexOf('.') + 1);
            string pattern = withYear ? Weekday.Replace(format.LongDatePattern, string.Empty) : format.MonthDayPattern;
            return pattern.Replace("MMMM", "MMM");
        }

        /// <summary><c>dd.MM.</c> or <c>dd.MM.yyyy</c> written by hand: formatting with a pattern took longer than reading the answer.</summary>
        private static string GermanDay(DateTime date, bool withYear)
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
