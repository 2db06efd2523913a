using System.Management.Automation;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// The base of the commands that write series (Get-MatomoVisits, Get-MatomoLanguageVisits): the period of each row,
    /// what is counted, and how the series travel (bulk requests of -BatchSize, or one request each with -NoBulk).
    /// </summary>
    public abstract class MatomoSeriesCmdlet : MatomoPeriodsCmdlet
    {
        /// <summary>The period of each row: Day to Year (Range, one value for the whole range, is for reports).</summary>
        [Parameter]
        [SingleEnumValue(typeof(MatomoPeriod))]
        [SeriesPeriod]
        [ValidateRange(MatomoPeriod.Day, MatomoPeriod.Year)]
        public MatomoPeriod Period { get; set; } = MatomoPeriod.Day;

        /// <summary>What to count; several metrics give a series each (per language), in the order given.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SingleEnumValue(typeof(MatomoMetric), Many = true)]
        public MatomoMetric[] Metric { get; set; } = { MatomoMetric.Visits };

        /// <summary>The most series in one bulk request.</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int BatchSize { get; set; } = 50;

        /// <summary>One request per series instead of bulk requests, for servers or proxies that refuse API.getBulkRequest.</summary>
        [Parameter]
        public SwitchParameter NoBulk { get; set; }

        /// <summary>The output that fetches this command's series and writes their rows, as its parameters say.</summary>
        private protected MatomoSeriesOutput SeriesOutput() =>
            new MatomoSeriesOutput(this, Connections, new MatomoFetchOptions { UseBulk = !NoBulk, BatchSize = BatchSize, ThrottleLimit = ThrottleLimit }, NoCache, Refresh, Compare);
    }
}
