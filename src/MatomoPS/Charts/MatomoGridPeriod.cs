using System;

using MatomoPS.Client;

namespace MatomoPS.Charts
{
    /// <summary>One period (one column of a chart, one line of a wide table) as the rows name it.</summary>
    internal sealed class MatomoGridPeriod
    {
        public MatomoGridPeriod(DateTime date, DateTime endDate, string key, string label)
        {
            Date = date;
            EndDate = endDate;
            Key = key;
            Label = label;
        }

        /// <summary>The first day of the period.</summary>
        public DateTime Date { get; }

        /// <summary>The last day of the period.</summary>
        public DateTime EndDate { get; }

        /// <summary>Matomo's raw date key, such as <c>2022-12-26,2023-01-01</c>.</summary>
        public string Key { get; }

        /// <summary>The readable label, such as <c>Week 1</c> or <c>KW 1</c>.</summary>
        public string Label { get; }
    }
}
