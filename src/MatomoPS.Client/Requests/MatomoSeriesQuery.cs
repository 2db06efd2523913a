using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace MatomoPS.Client
{
    /// <summary>
    /// One series to fetch: what it counts (<see cref="MatomoSeriesDefinition"/>), for which sites, over which range.
    /// Built once, from parts each checked when made; the sites are checked here, before any request.
    /// </summary>
    public sealed class MatomoSeriesQuery
    {
        /// <summary>The series name of a query without a segment.</summary>
        public const string TotalSeries = MatomoSeriesDefinition.TotalSeries;

        private MatomoSeriesQuery(IReadOnlyList<int> siteIds, MatomoDateRange range, MatomoSeriesDefinition definition)
        {
            SiteIds = siteIds;
            Range = range;
            Definition = definition;
        }

        /// <summary>The series of <paramref name="definition"/> for <paramref name="siteIds"/> over <paramref name="range"/>.</summary>
        /// <exception cref="MatomoArgumentException">A site id is not valid, or the range is a single <see cref="MatomoPeriod.Range"/>.</exception>
        public static MatomoSeriesQuery Create(IEnumerable<int> siteIds, MatomoDateRange range, MatomoSeriesDefinition definition)
        {
            if (range is null) throw new ArgumentNullException(nameof(range));
            if (definition is null) throw new ArgumentNullException(nameof(definition));
            var ids = MatomoQueryChecks.SiteIds(siteIds);
            if (range.Period == MatomoPeriod.Range)
                throw new MatomoArgumentException("A series has a value per day, week, month or year; the period Range (the whole range as one value) is for reports.");
            return new MatomoSeriesQuery(ids, range, definition);
        }

        /// <summary>A series of the whole traffic, or of one segment written as Matomo's UI writes it.</summary>
        /// <exception cref="MatomoArgumentException">A site id, the dates or the segment are not valid.</exception>
        public static MatomoSeriesQuery Create(IEnumerable<int> siteIds, MatomoMetric metric, MatomoPeriod period, DateTime start, DateTime end, string? segment = null) =>
            Create(siteIds, MatomoDateRange.Create(period, start, end), MatomoSeriesDefinition.Of(metric, segment));

        /// <summary>A named series of one segment, such as <c>App</c> for <c>pageUrl=@/api/app/</c>: the rows carry the name as their series.</summary>
        /// <exception cref="MatomoArgumentException">The name is empty, or a site id, the dates or the segment are not valid.</exception>
        public static MatomoSeriesQuery Named(IEnumerable<int> siteIds, MatomoMetric metric, MatomoPeriod period, DateTime start, DateTime end, string name, string segment) =>
            Create(siteIds, MatomoDateRange.Create(period, start, end), MatomoSeriesDefinition.Named(metric, name, segment));

        /// <summary>The series of one language: <paramref name="template"/> with <c>{0}</c> as the code, such as <c>pageUrl=@/{0}/</c>.</summary>
        /// <exception cref="MatomoArgumentException">A site id, the dates, the template or the code are not valid.</exception>
        public static MatomoSeriesQuery ForLanguage(IEnumerable<int> siteIds, MatomoMetric metric, MatomoPeriod period, DateTime start, DateTime end, string template, string code) =>
            Create(siteIds, MatomoDateRange.Create(period, start, end), MatomoSeriesDefinition.ForLanguage(metric, template, code));

        /// <summary>The sites asked for, in order; an answer for several sites is nested by site.</summary>
        public IReadOnlyList<int> SiteIds { get; }

        /// <summary>The period and the days asked for.</summary>
        public MatomoDateRange Range { get; }

        /// <summary>What the series counts and what its rows are called.</summary>
        public MatomoSeriesDefinition Definition { get; }

        /// <summary>What is counted.</summary>
        public MatomoMetric Metric => Definition.Metric;

        /// <summary>The period of each row.</summary>
        public MatomoPeriod Period => Range.Period;

        /// <summary>The first day asked for; the first period may begin before it (a week starts on Monday).</summary>
        public DateTime Start => Range.Start;

        /// <summary>The last day asked for.</summary>
        public DateTime End => Range.End;

        /// <summary>The segment as the user wrote it; empty for none.</summary>
        public string Segment => Definition.Segment;

        /// <summary>The segment as it goes on the wire, each value URL-encoded.</summary>
        public string EncodedSegment => Definition.EncodedSegment;

        /// <summary>The name rows of this query carry: <c>Total</c>, a language code, or the segment.</summary>
        public string Series => Definition.Name;

        /// <summary>The Matomo API method for the metric.</summary>
        public string ApiMethod => Definition.ApiMethod;

        /// <summary>The API request for this query.</summary>
        public MatomoRequest ToRequest()
        {
            var parameters = new List<KeyValuePair<string, string>> { MatomoRequest.IdSite(SiteIds) };
            parameters.AddRange(Range.Parameters());
            if (EncodedSegment.Length > 0) parameters.Add(MatomoRequest.Pair("segment", EncodedSegment));
            return new MatomoRequest(ApiMethod, parameters);
        }

        /// <summary>The series and what it asks for, for messages.</summary>
        public override string ToString() => $"{Series} ({ApiMethod} {Range})";
    }
}
