using System.Management.Automation;
using MatomoPS.Charts;

namespace MatomoPS
{
    /// <summary>
    /// ConvertTo-MatomoChartData: rows in, Chart.js's <c>data</c> object out (labels, datasets, exportLabels),
    /// or its JSON with -AsJson. No request is made; the arranging lives in <see cref="MatomoSeriesGrid"/>.
    /// </summary>
    [Cmdlet(VerbsData.ConvertTo, "MatomoChartData")]
    [OutputType(typeof(MatomoChartData), typeof(string))]
    public sealed class ConvertToMatomoChartDataCommand : MatomoRowsCmdlet
    {
        /// <summary>The rows to chart.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        public PSObject[] InputObject { get; set; } = System.Array.Empty<PSObject>();

        /// <summary>Writes the JSON text instead of the object.</summary>
        [Parameter]
        public SwitchParameter AsJson { get; set; }

        /// <summary>Gathers the rows.</summary>
        protected override void ProcessRecord() => Gather(InputObject);

        /// <summary>Writes the chart data of every row received.</summary>
        protected override void WriteResult()
        {
            var data = MatomoChartData.FromGrid(BuildGrid());
            if (AsJson) WriteObject(data.ToJson());
            else WriteObject(data);
        }
    }
}
