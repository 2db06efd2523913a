using System;
using System.Collections.Generic;

namespace MatomoPS.Client
{
    /// <summary>
    /// The table of one report for one site and one period (or the whole range), as Matomo answered it: its rows in
    /// Matomo's order. Empty when the period had no data.
    /// </summary>
    public sealed class MatomoReportTable
    {
        internal MatomoReportTable(MatomoReportQuery query, int siteId, DateTime date, DateTime endDate, string key, string periodLabel)
        {
            SiteId = siteId;
            Period = query.Period;
            Date = date;
            EndDate = endDate;
            Key = key;
            Report = query.Report;
            Segment = query.Segment;
            PeriodLabel = periodLabel;
        }

        /// <summary>The Matomo site id.</summary>
        public int SiteId { get; }

        /// <summary>The period the table covers.</summary>
        public MatomoPeriod Period { get; }

        /// <summary>The first day of the period.</summary>
        public DateTime Date { get; }

        /// <summary>The last day of the period.</summary>
        public DateTime EndDate { get; }

        /// <summary>Matomo's own date key, such as <c>2023-01-05</c>, <c>2023-01</c>, or <c>2023-01-01,2023-01-31</c> for a range.</summary>
        public string Key { get; }

        /// <summary>The report method, such as <c>Actions.getPageUrls</c>.</summary>
        public string Report { get; }

        /// <summary>The segment the report was asked for, as given; empty for none.</summary>
        public string Segment { get; }

        /// <summary>A readable name of the period in the culture of the request: <c>Jan 5</c>, <c>Week 1</c>, <c>January</c>, <c>Jan 1 – Jan 31</c>.</summary>
        public string PeriodLabel { get; }

        /// <summary>The rows, in Matomo's order.</summary>
        public IReadOnlyList<MatomoReportRow> Rows { get; internal set; } = Array.Empty<MatomoReportRow>();

        /// <summary>The site, the period key and the number of rows, such as <c>site 1 2023-01: 30 rows</c>.</summary>
        public override string ToString() => $"site {SiteId} {Key}: {Rows.Count} rows";
    }
}
