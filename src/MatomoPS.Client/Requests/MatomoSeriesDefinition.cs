using System;

namespace MatomoPS.Client
{
    /// <summary>
    /// What a series counts and what its rows are called: a metric, of all visits or of one segment. Checked once when
    /// made, before any site or date is known; a <see cref="MatomoSeriesQuery"/> adds the sites and the range.
    /// </summary>
    public sealed class MatomoSeriesDefinition
    {
        /// <summary>The series name of a series without a segment.</summary>
        public const string TotalSeries = "Total";

        private MatomoSeriesDefinition(MatomoMetric metric, string segment, string encodedSegment, string name)
        {
            if (!Enum.IsDefined(typeof(MatomoMetric), metric)) throw new ArgumentOutOfRangeException(nameof(metric));
            Metric = metric;
            Segment = segment;
            EncodedSegment = encodedSegment;
            Name = name;
        }

        /// <summary>What is counted.</summary>
        public MatomoMetric Metric { get; }

        /// <summary>The segment as the user wrote it; empty for none.</summary>
        public string Segment { get; }

        /// <summary>The segment as it goes on the wire, each value URL-encoded.</summary>
        public string EncodedSegment { get; }

        /// <summary>The name rows of this series carry: <c>Total</c>, a language code, a name given, or the segment.</summary>
        public string Name { get; }

        /// <summary>All visits, or one segment written as Matomo's UI writes it (the segment names the series).</summary>
        /// <exception cref="MatomoArgumentException">The segment is not valid.</exception>
        public static MatomoSeriesDefinition Of(MatomoMetric metric, string? segment = null)
        {
            string readable = MatomoSegment.Given(segment);
            return new MatomoSeriesDefinition(metric, readable, MatomoSegment.Encode(readable), readable.Length == 0 ? TotalSeries : readable);
        }

        /// <summary>A named series of one segment, such as <c>App</c> for <c>pageUrl=@/api/app/</c>: the rows carry the name.</summary>
        /// <exception cref="MatomoArgumentException">The name or the segment is empty, or the segment is not valid.</exception>
        public static MatomoSeriesDefinition Named(MatomoMetric metric, string name, string segment)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new MatomoArgumentException("A series has an empty name; give each segment a name.");
            if (string.IsNullOrWhiteSpace(segment))
                throw new MatomoArgumentException($"The series '{name.Trim()}' has an empty segment; a series of all visits is made by Create without a segment.");
            string readable = segment.Trim();
            return new MatomoSeriesDefinition(metric, readable, MatomoSegment.Encode(readable), name.Trim());
        }

        /// <summary>The series of one language: <paramref name="template"/> with <c>{0}</c> as the code, such as <c>pageUrl=@/{0}/</c>.</summary>
        /// <exception cref="MatomoArgumentException">The template or the code is not valid.</exception>
        public static MatomoSeriesDefinition ForLanguage(MatomoMetric metric, string template, string code)
        {
            string encoded = MatomoSegment.FromTemplate(template, code);
            return new MatomoSeriesDefinition(metric, MatomoSegment.Describe(template, code), encoded, code.Trim());
        }

        /// <summary>The Matomo API method for the metric.</summary>
        public string ApiMethod => "VisitsSummary.get" + Metric switch
        {
            MatomoMetric.Visits => "Visits",
            MatomoMetric.Actions => "Actions",
            MatomoMetric.UniqueVisitors => "UniqueVisitors",
            _ => "Users",
        };
    }
}
