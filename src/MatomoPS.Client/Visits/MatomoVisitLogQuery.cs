using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace MatomoPS.Client
{
    /// <summary>
    /// A read of one site's visit log (<c>Live.getLastVisitsDetails</c>): the days (the site's own, as Matomo counts
    /// them), a segment, and which properties of each visit to ask for. Checked once, when made.
    /// </summary>
    public sealed class MatomoVisitLogQuery
    {
        internal const string Method = "Live.getLastVisitsDetails";

        // Each property of MatomoVisit and the columns of Matomo's answer it is read from.
        private static readonly Dictionary<string, string[]> ColumnsOf = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["SiteId"] = new[] { "idSite" },
            ["VisitId"] = new[] { "idVisit" },
            ["VisitorId"] = new[] { "visitorId" },
            ["FirstActionTime"] = new[] { "firstActionTimestamp" },
            ["LastActionTime"] = new[] { "lastActionTimestamp" },
            ["FirstActionSiteTime"] = new[] { "firstActionTimestamp" },
            ["LastActionSiteTime"] = new[] { "lastActionTimestamp" },
            ["Actions"] = new[] { "actions" },
            ["DurationSeconds"] = new[] { "visitDuration" },
            ["VisitorType"] = new[] { "visitorType" },
            ["VisitCount"] = new[] { "visitCount" },
            ["UserId"] = new[] { "userId" },
            ["ReferrerType"] = new[] { "referrerType" },
            ["ReferrerName"] = new[] { "referrerName" },
            ["ReferrerKeyword"] = new[] { "referrerKeyword" },
            ["ReferrerUrl"] = new[] { "referrerUrl" },
            ["CountryCode"] = new[] { "countryCode" },
            ["Country"] = new[] { "country" },
            ["Region"] = new[] { "region" },
            ["City"] = new[] { "city" },
            ["DeviceType"] = new[] { "deviceType" },
            ["DeviceBrand"] = new[] { "deviceBrand" },
            ["DeviceModel"] = new[] { "deviceModel" },
            ["OperatingSystem"] = new[] { "operatingSystem" },
            ["Browser"] = new[] { "browserName" },
            ["BrowserVersion"] = new[] { "browserVersion" },
            ["LanguageCode"] = new[] { "languageCode" },
            ["Goals"] = new[] { "goalConversions" },
            ["ActionDetails"] = new[] { "actionDetails" },
        };

        // What every read needs whatever was asked: where a visit is (its site, id and last action time, the cursor).
        private static readonly string[] Always = { "SiteId", "VisitId", "LastActionTime" };

        private readonly string _encodedSegment;

        private MatomoVisitLogQuery(int siteId, MatomoDateRange range, string segment, IReadOnlyList<string> properties, MatomoTimeZone zone)
        {
            SiteId = siteId;
            Range = range;
            Segment = segment;
            _encodedSegment = MatomoSegment.Encode(segment);
            Properties = properties;
            Zone = zone;
        }

        /// <summary>
        /// The visit log of <paramref name="siteId"/> from <paramref name="start"/> to <paramref name="end"/> (days of the
        /// site's zone <paramref name="zone"/>), within <paramref name="segment"/>; only <paramref name="properties"/> of
        /// each visit (names of <see cref="MatomoVisit"/>' properties), or all of them when none are given.
        /// </summary>
        /// <exception cref="MatomoArgumentException">A value is not valid, or a property is not one of a visit's.</exception>
        public static MatomoVisitLogQuery Create(int siteId, DateTime start, DateTime end, string? segment = null,
            IEnumerable<string>? properties = null, MatomoTimeZone? zone = null)
        {
            MatomoQueryChecks.SiteId(siteId);
            var range = MatomoDateRange.Create(MatomoPeriod.Range, start, end);
            string given = MatomoSegment.Given(segment);
            var asked = new List<string>();
            foreach (string name in properties ?? Enumerable.Empty<string>())
            {
                string trimmed = (name ?? string.Empty).Trim();
                string? known = ColumnsOf.Keys.FirstOrDefault(key => string.Equals(key, trimmed, StringComparison.OrdinalIgnoreCase));
                if (known == null)
                    throw new MatomoArgumentException($"'{name}' is not a property of a visit; give one or more of {string.Join(", ", ColumnsOf.Keys)}.");
                if (!asked.Contains(known)) asked.Add(known);
            }
            return new MatomoVisitLogQuery(siteId, range, given, asked, zone ?? MatomoTimeZone.Utc);
        }

        /// <summary>The names of the properties a visit has, in the order of <see cref="MatomoVisit"/>.</summary>
        public static IReadOnlyList<string> PropertyNames { get; } = ColumnsOf.Keys.ToList();

        /// <summary>The site.</summary>
        public int SiteId { get; }

        /// <summary>The days asked for (period range), in the site's time zone.</summary>
        public MatomoDateRange Range { get; }

        /// <summary>The first day.</summary>
        public DateTime Start => Range.Start;

        /// <summary>The last day.</summary>
        public DateTime End => Range.End;

        /// <summary>The segment as given; empty for none.</summary>
        public string Segment { get; }

        /// <summary>The properties asked for; empty for every property.</summary>
        public IReadOnlyList<string> Properties { get; }

        /// <summary>The site's time zone, in which its days begin and its clock times are given.</summary>
        public MatomoTimeZone Zone { get; }

        /// <summary>True when the visits' actions are read (every property, or ActionDetails among them).</summary>
        public bool WithActions => Properties.Count == 0 || Properties.Contains("ActionDetails");

        /// <summary>True when <paramref name="property"/> is read.</summary>
        internal bool Reads(string property) => Properties.Count == 0 || Always.Contains(property) || Properties.Contains(property);

        /// <summary>The UTC time at which the first day begins.</summary>
        public DateTime StartUtc => Zone.StartOfDayUtc(Start);

        /// <summary>The UTC time at which the day after the last begins: visits last active before it are in the range.</summary>
        public DateTime EndUtc => Zone.StartOfDayUtc(End.AddDays(1));

        /// <summary>
        /// One page: the visits last active from <paramref name="from"/> to <paramref name="to"/> (days of the range), after
        /// <paramref name="minTimestamp"/> when given (Matomo's <c>minTimestamp</c>: later than it), oldest first,
        /// <paramref name="limit"/> of them.
        /// </summary>
        internal MatomoRequest ToRequest(DateTime from, DateTime to, int limit, long? minTimestamp)
        {
            var parameters = new List<KeyValuePair<string, string>> { MatomoRequest.IdSite(new[] { SiteId }) };
            parameters.AddRange(Range.Part(from, to).Parameters());
            if (Segment.Length > 0) parameters.Add(MatomoRequest.Pair("segment", _encodedSegment));
            parameters.Add(MatomoRequest.Pair("filter_limit", limit.ToString(CultureInfo.InvariantCulture)));
            parameters.Add(MatomoRequest.Pair("filter_sort_order", "asc"));
            if (minTimestamp.HasValue) parameters.Add(MatomoRequest.Pair("minTimestamp", minTimestamp.Value.ToString(CultureInfo.InvariantCulture)));
            if (!WithActions) parameters.Add(MatomoRequest.Pair("doNotFetchActions", "1"));
            if (Properties.Count > 0)
            {
                var columns = Always.Concat(Properties).SelectMany(property => ColumnsOf[property]).Distinct();
                parameters.Add(MatomoRequest.Pair("showColumns", string.Join(",", columns)));
            }
            return new MatomoRequest(Method, parameters);
        }

        /// <summary>The site and days, for messages.</summary>
        public override string ToString() => $"the visit log of site {SiteId} ({MatomoDateRange.Iso(Start)} to {MatomoDateRange.Iso(End)})";
    }
}
