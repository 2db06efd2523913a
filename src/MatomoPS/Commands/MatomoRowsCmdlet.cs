using System.Collections.Generic;
using System.Management.Automation;
using MatomoPS.Charts;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// The base of the commands that reshape rows without a request (tables, chart data, chart pages): rows are
    /// gathered from the pipeline and handed over at the end. Input of another type is refused at once; rows that
    /// cannot be arranged (mixed periods, clashing series) are one clear error; no input at all is a warning.
    /// Rows of visits give a series each; rows of a report give a series per label of one column (-Metric), the
    /// largest -Top labels and the rest as Others.
    /// </summary>
    public abstract class MatomoRowsCmdlet : PSCmdlet
    {
        /// <summary>How many labels of report rows are shown one by one unless -Top says otherwise.</summary>
        public const int DefaultTop = 10;

        private readonly List<MatomoSeriesRow> _rows = new List<MatomoSeriesRow>();
        private readonly List<MatomoReportRow> _reportRows = new List<MatomoReportRow>();
        private readonly List<MatomoChartData> _charts = new List<MatomoChartData>();

        /// <summary>For rows of Get-MatomoReport: the column to show, such as nb_visits or nb_hits.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Metric { get; set; }

        /// <summary>For rows of Get-MatomoReport: how many labels are shown one by one (those with the largest totals); the rest are added up as Others.</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int Top { get; set; } = DefaultTop;

        /// <summary>The rows of visits received so far, in pipeline order.</summary>
        protected IReadOnlyList<MatomoSeriesRow> Rows => _rows;

        /// <summary>True when rows of either kind came in.</summary>
        protected bool HasRows => _rows.Count > 0 || _reportRows.Count > 0;

        /// <summary>What the command takes, for the message that refuses anything else.</summary>
        protected virtual string Takes => "the rows of Get-MatomoVisits, Get-MatomoLanguageVisits or Get-MatomoReport";

        /// <summary>True for the commands that draw a chart, which also take the output of ConvertTo-MatomoChartData.</summary>
        private protected virtual bool TakesChartData => false;

        /// <summary>True when something to work on came in.</summary>
        protected bool HasInput => HasRows || _charts.Count > 0;

        /// <summary>Keeps each item; the subclass's <see cref="Accept"/> decides which types it takes.</summary>
        protected void Gather(IEnumerable<PSObject?> items)
        {
            foreach (var item in items)
            {
                object? value = item?.BaseObject;
                if (Accept(value)) continue;
                ThrowTerminatingError(new ErrorRecord(
                    new MatomoArgumentException($"{MyInvocation.MyCommand.Name} takes {Takes}, not {value?.GetType().FullName ?? "null"}."),
                    "MatomoInputInvalid", ErrorCategory.InvalidType, item));
            }
        }

        /// <summary>Keeps <paramref name="item"/> when the command takes it; rows are taken by every such command.</summary>
        protected virtual bool Accept(object? item)
        {
            if (item is MatomoSeriesRow row) _rows.Add(row);
            else if (item is MatomoReportRow reportRow) _reportRows.Add(reportRow);
            else if (item is MatomoChartData chart && TakesChartData) _charts.Add(chart);
            else return false;
            return true;
        }

        /// <summary>The rows arranged as series by periods: by series for visits, by label of -Metric for report rows.</summary>
        /// <exception cref="MatomoArgumentException">The rows cannot be arranged, or -Metric and -Top do not fit them.</exception>
        private protected MatomoSeriesGrid BuildGrid()
        {
            if (_rows.Count > 0 && _reportRows.Count > 0)
                throw new MatomoArgumentException("The input mixes rows of visits and rows of a report; give one kind.");
            if (_reportRows.Count > 0)
            {
                if (Metric == null)
                    throw new MatomoArgumentException("Report rows have a column per metric: name the one to show with -Metric, such as -Metric nb_visits.");
                return MatomoLabelGrid.FromReportRows(_reportRows, Metric, Top);
            }
            if (Metric != null || MyInvocation.BoundParameters.ContainsKey(nameof(Top)))
                throw new MatomoArgumentException($"-{(Metric != null ? nameof(Metric) : nameof(Top))} is for the rows of Get-MatomoReport; rows of visits carry one value each (ask Get-MatomoVisits -Metric for other counts).");
            return MatomoSeriesGrid.FromRows(_rows);
        }

        /// <summary>
        /// The one chart the input makes, and its title: -Title, else what the rows were about. Chart data from
        /// ConvertTo-MatomoChartData still knows its rows; chart data built by hand does not, and is titled Matomo.
        /// </summary>
        /// <exception cref="MatomoArgumentException">The input mixes rows and chart data, holds several charts, or its rows cannot be arranged.</exception>
        private protected (MatomoChartData Data, string Title) BuildChart(string? title)
        {
            if (HasRows && _charts.Count > 0)
                throw new MatomoArgumentException("The input mixes rows and chart data; give one or the other.");
            if (_charts.Count > 1)
                throw new MatomoArgumentException($"The input holds {_charts.Count} chart data objects; one chart is drawn at a time.");
            var data = _charts.Count == 1 ? _charts[0] : MatomoChartData.FromGrid(BuildGrid());
            return (data, title ?? data.Description?.DefaultTitle ?? "Matomo");
        }

        /// <summary>Hands everything gathered to <see cref="WriteResult"/>.</summary>
        protected override void EndProcessing()
        {
            if (!HasInput)
            {
                WriteWarning($"{MyInvocation.MyCommand.Name} received no rows, so it wrote nothing.");
                return;
            }
            try
            {
                WriteResult();
            }
            catch (MatomoArgumentException error)
            {
                ThrowTerminatingError(MatomoErrorRecords.Record(error, null));
            }
        }

        /// <summary>Writes the result; throws <see cref="MatomoArgumentException"/> for input it cannot arrange.</summary>
        protected abstract void WriteResult();
    }
}
