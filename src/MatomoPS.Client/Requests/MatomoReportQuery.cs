using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace MatomoPS.Client
{
    /// <summary>
    /// One report to fetch: which report and how (<see cref="MatomoReportDefinition"/>), for which sites, over which
    /// range, per period or as one range. Built once, from parts each checked when made; the sites are checked here.
    /// </summary>
    public sealed class MatomoReportQuery
    {
        /// <summary>The separator of a label path: <c>de&gt;/article-1.html</c> is the row <c>/article-1.html</c> in the subtable of <c>de</c>.</summary>
        public const char LabelSeparator = MatomoReportDefinition.LabelSeparator;

        private MatomoReportQuery(IReadOnlyList<int> siteIds, MatomoDateRange range, MatomoReportDefinition definition)
        {
            SiteIds = siteIds;
            Range = range;
            Definition = definition;
        }

        /// <summary>The report of <paramref name="definition"/> for <paramref name="siteIds"/> over <paramref name="range"/>.</summary>
        /// <exception cref="MatomoArgumentException">A site id is not valid.</exception>
        public static MatomoReportQuery Create(IEnumerable<int> siteIds, MatomoDateRange range, MatomoReportDefinition definition)
        {
            if (range is null) throw new ArgumentNullException(nameof(range));
            if (definition is null) throw new ArgumentNullException(nameof(definition));
            return new MatomoReportQuery(MatomoQueryChecks.SiteIds(siteIds), range, definition);
        }

        /// <summary>A report query; every value is checked here.</summary>
        /// <param name="report">The report method, <c>Module.action</c>.</param>
        /// <param name="siteIds">The sites, in the order their rows come.</param>
        /// <param name="period">The period of each table, or <see cref="MatomoPeriod.Range"/>.</param>
        /// <param name="start">The first day.</param>
        /// <param name="end">The last day.</param>
        /// <param name="segment">A segment as Matomo's UI writes it.</param>
        /// <param name="flat">True for the flattened report.</param>
        /// <param name="label">A label, or a path of labels joined by <c>&gt;</c>.</param>
        /// <param name="subtableId">The subtable to read.</param>
        /// <param name="filter">A pattern the label must match.</param>
        /// <param name="sortColumn">The column to sort by.</param>
        /// <param name="descending">True to sort from the largest value down.</param>
        /// <param name="columns">The metric columns to keep.</param>
        /// <param name="limit">The most rows of each table; null for all.</param>
        /// <param name="offset">The rows of each table to skip.</param>
        /// <exception cref="MatomoArgumentException">A value is not valid.</exception>
        public static MatomoReportQuery Create(string report, IEnumerable<int> siteIds, MatomoPeriod period, DateTime start, DateTime end,
            string? segment = null, bool flat = false, string? label = null, int? subtableId = null, string? filter = null,
            string? sortColumn = null, bool descending = false, IEnumerable<string>? columns = null, int? limit = null, int offset = 0)
        {
            var definition = MatomoReportDefinition.Create(report, segment, flat, label, subtableId, filter, sortColumn, descending, columns, limit, offset);
            return Create(siteIds, MatomoDateRange.Create(period, start, end), definition);
        }

        /// <summary>The sites asked for, in order; an answer for several sites is nested by site.</summary>
        public IReadOnlyList<int> SiteIds { get; }

        /// <summary>The period and the days asked for.</summary>
        public MatomoDateRange Range { get; }

        /// <summary>Which report, and how it is read.</summary>
        public MatomoReportDefinition Definition { get; }

        /// <summary>The report method, <c>Module.action</c>.</summary>
        public string Report => Definition.Report;

        /// <summary>The period of each table; <see cref="MatomoPeriod.Range"/> gives one table for the whole range.</summary>
        public MatomoPeriod Period => Range.Period;

        /// <summary>The first day asked for; the first period may begin before it (a week starts on Monday).</summary>
        public DateTime Start => Range.Start;

        /// <summary>The last day asked for.</summary>
        public DateTime End => Range.End;

        /// <summary>How many periods the range holds (1 for a range).</summary>
        public int PeriodCount => Range.PeriodCount;

        /// <summary>The segment as the user wrote it; empty for none.</summary>
        public string Segment => Definition.Segment;

        /// <summary>The metric columns to keep (<c>showColumns</c>); empty for all.</summary>
        public IReadOnlyList<string> Columns => Definition.Columns;

        /// <summary>The most rows of each table (<c>filter_limit</c>); null for every row.</summary>
        public int? Limit => Definition.Limit;

        /// <summary>The rows of each table to skip first (<c>filter_offset</c>).</summary>
        public int Offset => Definition.Offset;

        /// <summary>The request for the whole range.</summary>
        public MatomoRequest ToRequest() => ToRequest(Range);

        /// <summary>The request for <paramref name="part"/> of the range (a report read in parts).</summary>
        internal MatomoRequest ToRequest(MatomoDateRange part)
        {
            var parameters = new List<KeyValuePair<string, string>> { MatomoRequest.IdSite(SiteIds) };
            parameters.AddRange(part.Parameters());
            parameters.AddRange(Definition.Parameters());
            return new MatomoRequest(Report, parameters);
        }

        /// <summary>The report and what it asks for, for messages.</summary>
        public override string ToString() => $"{Report} ({Range})";
    }
}
