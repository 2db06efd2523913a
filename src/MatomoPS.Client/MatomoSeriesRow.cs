using System;

namespace MatomoPS.Client
{
    /// <summary>One number for one period of one series of one site: the row every report command writes.</summary>
    public sealed class MatomoSeriesRow
    {
        /// <summary>The Matomo site id.</summary>
        public int SiteId { get; set; }

        /// <summary>The series name: <c>Total</c> without a segment, a language code, or the segment.</summary>
        public string Series { get; set; } = MatomoSeriesQuery.TotalSeries;

        /// <summary>The segment as given (before encoding for the wire); empty for none.</summary>
        public string Segment { get; set; } = string.Empty;

        /// <summary>The period the row covers.</summary>
        public MatomoPeriod Period { get; set; }

        /// <summary>The first day of the period.</summary>
        public DateTime Date { get; set; }

        /// <summary>The last day of the period.</summary>
        public DateTime EndDate { get; set; }

        /// <summary>Matomo's own date key, such as <c>2023-01-05</c>, <c>2022-12-26,2023-01-01</c>, <c>2023-01</c> or <c>2023</c>.</summary>
        public string Key { get; set; } = string.Empty;

        /// <summary>A readable label: <c>05.01.</c>, <c>Week 1</c> or <c>KW 1</c>, <c>January</c>, <c>2023</c> (with the year outside the current one).</summary>
        public string Label { get; set; } = string.Empty;

        /// <summary>What <see cref="Value"/> counts.</summary>
        public MatomoMetric Metric { get; set; }

        /// <summary>The count; 0 for a period without data.</summary>
        public long Value { get; set; }

        /// <summary>The series, the period key and the value, such as <c>de 2023-01-05: 12</c>.</summary>
        public override string ToString() => $"{Series} {Key}: {Value}";
    }
}
