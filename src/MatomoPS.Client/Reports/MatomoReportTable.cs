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
        internal MatomoReportTable(MatomoReportQuery query, int siteId, DateTime date, DateTime endDate, string key, string periodLabel) =>
            Source = new Origin(query, siteId, date, endDate, key, periodLabel);

        /// <summary>Where the table's rows come from; the rows hold this, not the table, so a row kept alone keeps no siblings.</summary>
        internal Origin Source { get; }

        /// <summary>The Matomo site id.</summary>
        public int SiteId => Source.SiteId;

        /// <summary>The period the table covers.</summary>
        public MatomoPeriod Period => Source.Period;

        /// <summary>The first day of the period.</summary>
        public DateTime Date => Source.Date;

        /// <summary>The last day of the period.</summary>
        public DateTime EndDate => Source.EndDate;

        /// <summary>Matomo's own date key, such as <c>2023-01-05</c>, <c>2023-01</c>, or <c>2023-01-01,2023-01-31</c> for a range.</summary>
        public string Key => Source.Key;

        /// <summary>The report method, such as <c>Actions.getPageUrls</c>.</summary>
        public string Report => Source.Report;

        /// <summary>The segment the report was asked for, as given; empty for none.</summary>
        public string Segment => Source.Segment;

        /// <summary>A readable name of the period in the culture of the request: <c>Jan 5</c>, <c>Week 1</c>, <c>January</c>, <c>Jan 1 – Jan 31</c>.</summary>
        public string PeriodLabel => Source.PeriodLabel;

        /// <summary>The rows, in Matomo's order.</summary>
        public IReadOnlyList<MatomoReportRow> Rows { get; internal set; } = Array.Empty<MatomoReportRow>();

        /// <summary>The table's own text in the answer it came from (its list of rows), for the cache of closed periods.</summary>
        internal ArraySegment<byte> Answer { get; set; }

        /// <summary>The site, the period key and the number of rows, such as <c>site 1 2023-01: 30 rows</c>.</summary>
        public override string ToString() => $"site {SiteId} {Key}: {Rows.Count} rows";

        /// <summary>The site, period and report of a table and its rows.</summary>
        internal sealed class Origin
        {
            public Origin(MatomoReportQuery query, int siteId, DateTime date, DateTime endDate, string key, string periodLabel)
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

            public int SiteId { get; }
            public MatomoPeriod Period { get; }
            public DateTime Date { get; }
            public DateTime EndDate { get; }
            public string Key { get; }
            public string Report { get; }
            public string Segment { get; }
            public string PeriodLabel { get; }
        }
    }
}
