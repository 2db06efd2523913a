namespace MatomoPS.Client
{
    /// <summary>One metric of a report, as Matomo's report metadata describes it.</summary>
    public sealed class MatomoReportMetricInfo
    {
        /// <summary>The column name in the report's rows, such as <c>nb_visits</c>.</summary>
        public string Name { get; internal set; } = string.Empty;

        /// <summary>The metric's title in Matomo's UI, such as <c>Visits</c>.</summary>
        public string Title { get; internal set; } = string.Empty;

        /// <summary>What it counts, in Matomo's words; empty when Matomo gives no documentation.</summary>
        public string Documentation { get; internal set; } = string.Empty;

        /// <summary>Matomo's type of the metric, such as <c>number</c>, <c>percent</c>, <c>duration_s</c> or <c>money</c>; empty when not given.</summary>
        public string Type { get; internal set; } = string.Empty;

        /// <summary>True for a metric Matomo computes from others (a rate, an average); such values cannot be added up.</summary>
        public bool Processed { get; internal set; }

        /// <summary>The name and the title, such as <c>nb_visits (Visits)</c>.</summary>
        public override string ToString() => $"{Name} ({Title})";
    }
}
