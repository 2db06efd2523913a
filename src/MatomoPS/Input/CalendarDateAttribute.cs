using System;
using System.Globalization;
using System.Management.Automation;

namespace MatomoPS
{
    /// <summary>
    /// Keeps the calendar date the user wrote. PowerShell turns <c>2023-01-01T00:00:00Z</c> into the machine's local
    /// time, which in New York is the evening of 2022-12-31; Matomo's dates are days of the site, so the date as written
    /// is the one meant. Sees the argument before PowerShell converts it: text keeps its written date (an offset or Z is
    /// not applied), a DateTimeOffset gives its own date, a DateTime its date whatever its Kind, and a number of eight
    /// digits (<c>20230101</c>, which PowerShell would read as ticks, 0001-01-01) is read as yyyyMMdd.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class CalendarDateAttribute : ArgumentTransformationAttribute
    {
        private const DateTimeStyles Styles = DateTimeStyles.AllowWhiteSpaces;

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case DateTime date:
                    return date.Date;
                case DateTimeOffset instant:
                    return instant.DateTime.Date;
                case int _:
                case long _:
                    return FromDigits(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                case string text:
                    return FromText(text);
                default:
                    // Anything else is PowerShell's to convert, or to refuse with its own message.
                    return inputData;
            }
        }

        private static object FromText(string text)
        {
            string trimmed = text.Trim();
            if (trimmed.Length > 0 && IsDigits(trimmed)) return FromDigits(trimmed);
            // DateTimeOffset keeps the clock time as written (its DateTime) beside the offset; DateTime would apply the offset.
            if (DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, Styles, out var written)) return written.DateTime.Date;
            // Not a date: PowerShell refuses it with its own message, which quotes the text as typed.
            return text;
        }

        /// <summary>Eight digits as yyyyMMdd; any other number is refused rather than read as ticks.</summary>
        private static DateTime FromDigits(string digits)
        {
            if (digits.Length == 8 && DateTime.TryParseExact(digits, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                return date;
            throw new ArgumentTransformationMetadataException(
                $"{digits} is a number, not a date: write the date as yyyy-MM-dd, such as 2023-01-31 (eight digits are read as yyyyMMdd).");
        }

        private static bool IsDigits(string text)
        {
            foreach (char c in text)
                if (c < '0' || c > '9') return false;
            return true;
        }
    }
}
