using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace MatomoPS.Client
{
    /// <summary>
    /// One series to fetch: a metric per period over a date range, for one or more sites, with or without a segment.
    /// Every check happens here, before any request.
    /// </summary>
    public sealed class MatomoSeriesQuery
    {
        /// <summary>The series name of a query without a segment.</summary>
        public const string TotalSeries = "Total";

        /// <summary>Matomo refuses dates before the first website went online (1991-08-06).</summary>
        public static readonly DateTime EarliestDate = new DateTime(1991, 8, 6);

        /// <summary>
        /// The last day asked for: 31 December of the ninth year after this one (by the machine's UTC clock). Matomo cuts
        /// every range at 31 December of the tenth year after its own clock's (5.1.2: Range::getMaxAllowedEndTimestamp)
        /// and answers fewer periods than asked; a year less keeps clear of a server whose clock is a little behind ours
        /// around New Year. It also keeps all period arithmetic far from <see cref="DateTime.MaxValue"/>.
        /// </summary>
        public static DateTime LatestDate => new DateTime(DateTime.UtcNow.Year + 9, 12, 31);

        private MatomoSeriesQuery(IReadOnlyList<int> siteIds, MatomoMetric metric, MatomoPeriod period, DateTime start, DateTime end,
            string segment, string encodedSegment, string series)
        {
            SiteIds = siteIds;
            Metric = metric;
            Period = period;
            Start = start;
            End = end;
            Segment = segment;
            EncodedSegment = encodedSegment;
            Series = series;
        }

        /// <summary>The sites asked for, in order; an answer for several sites is nested by site.</summary>
        public IReadOnlyList<int> SiteIds { get; }

        /// <summary>What is counted.</summary>
        public MatomoMetric Metric { get; }

        /// <summary>The period of each row.</summary>
        public MatomoPeriod Period { get; }

        /// <summary>The first day asked for; the first period may begin before it (a week starts on Monday).</summary>
        public DateTime Start { get; }

        /// <summary>The last day asked for.</summary>
        public DateTime End { get; }

        /// <summary>The segment as the user wrote it; empty for none.</summary>
        public string Segment { get; }

        /// <summary>The segment as it goes on the wire, each value URL-encoded.</summary>
        public string EncodedSegment { get; }

        /// <summary>The name rows of this query carry: <c>Total</c>, a language code, or the segment.</summary>
        public string Series { get; }

        /// <summary>A series of the whole traffic, or of one segment written as Matomo's UI writes it.</summary>
        /// <exception cref="MatomoArgumentException">A site id, the dates or the segment are not valid.</exception>
        public static MatomoSeriesQuery Create(IEnumerable<int> siteIds, MatomoMetric metric, MatomoPeriod period, DateTime start, DateTime end, string? segment = null)
        {
            string readable = segment?.Trim() ?? string.Empty;
            string encoded = MatomoSegment.Encode(readable);
            return Validated(siteIds, metric, period, start, end, readable, encoded, readable.Length == 0 ? TotalSeries : readable);
        }

        /// <summary>A named series of one segment, such as <c>App</c> for <c>pageUrl=@/api/app/</c>: the rows carry the name as their series.</summary>
        /// <exception cref="MatomoArgumentException">The name is empty, or a site id, the dates or the segment are not valid.</exception>
        public static MatomoSeriesQuery Named(IEnumerable<int> siteIds, MatomoMetric metric, MatomoPeriod period, DateTime start, DateTime end, string name, string segment)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new MatomoArgumentException("A series has an empty name; give each segment a name.");
            if (string.IsNullOrWhiteSpace(segment)) throw new MatomoArgumentException($"The series '{name.Trim()}' has an empty segment; a series of all visits is made by Create without a segment.");
            string readable = segment.Trim();
            return Validated(siteIds, metric, period, start, end, readable, MatomoSegment.Encode(readable), name.Trim());
        }

        /// <summary>The series of one language: <paramref name="template"/> with <c>{0}</c> as the code, such as <c>pageUrl=@/{0}/</c>.</summary>
        /// <exception cref="MatomoArgumentException">A site id, the dates, the template or the code are not valid.</exception>
        public static MatomoSeriesQuery ForLanguage(IEnumerable<int> siteIds, MatomoMetric metric, MatomoPeriod period, DateTime start, DateTime end, string template, string code)
        {
            string encoded = MatomoSegment.FromTemplate(template, code);
            return Validated(siteIds, metric, period, start, end, MatomoSegment.Describe(template, code), encoded, code.Trim());
        }

        private static MatomoSeriesQuery Validated(IEnumerable<int> siteIds, MatomoMetric metric, MatomoPeriod period, DateTime start, DateTime end,
            string segment, string encodedSegment, string series)
        {
            var ids = MatomoQueryChecks.SiteIds(siteIds);
            if (!Enum.IsDefined(typeof(MatomoMetric), metric)) throw new ArgumentOutOfRangeException(nameof(metric));
            if (!Enum.IsDefined(typeof(MatomoPeriod), period)) throw new ArgumentOutOfRangeException(nameof(period));
            if (period == MatomoPeriod.Range)
                throw new MatomoArgumentException("A series has a value per day, week, month or year; the period Range (the whole range as one value) is for reports.");
            (start, end) = MatomoQueryChecks.Dates(start, end);
            return new MatomoSeriesQuery(ids, metric, period, start, end, segment, encodedSegment, series);
        }

        /// <summary>
        /// The same series for other sites. Lets a caller check everything else before it knows the sites
        /// (when they come from a connection that is not resolved yet), so bad input never costs a request.
        /// </summary>
        public MatomoSeriesQuery WithSites(IEnumerable<int> siteIds) =>
            Validated(siteIds, Metric, Period, Start, End, Segment, EncodedSegment, Series);

        /// <summary>
        /// The same series for other sites and dates: a caller's default range may depend on the sites (each counts
        /// its days in its own time zone), known only once the sites are.
        /// </summary>
        /// <exception cref="MatomoArgumentException">A site id or the dates are not valid.</exception>
        public MatomoSeriesQuery WithSites(IEnumerable<int> siteIds, DateTime start, DateTime end) =>
            Validated(siteIds, Metric, Period, start, end, Segment, EncodedSegment, Series);

        /// <summary>The Matomo API method for the metric.</summary>
        public string ApiMethod => "VisitsSummary.get" + Metric switch
        {
            MatomoMetric.Visits => "Visits",
            MatomoMetric.Actions => "Actions",
            MatomoMetric.UniqueVisitors => "UniqueVisitors",
            _ => "Users",
        };

        /// <summary>The API request for this query.</summary>
        public MatomoRequest ToRequest()
        {
            var parameters = new List<KeyValuePair<string, string>>
            {
                MatomoRequest.IdSite(SiteIds),
                MatomoRequest.Pair("period", Period.ToString().ToLowerInvariant()),
                MatomoRequest.Pair("date", Iso(Start) + "," + Iso(End)),
            };
            if (EncodedSegment.Length > 0) parameters.Add(MatomoRequest.Pair("segment", EncodedSegment));
            return new MatomoRequest(ApiMethod, parameters);
        }

        internal static string Iso(DateTime date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        /// <summary>The series and what it asks for, for messages.</summary>
        public override string ToString() => $"{Series} ({ApiMethod} {Period.ToString().ToLowerInvariant()} {Iso(Start)},{Iso(End)})";
    }
}
