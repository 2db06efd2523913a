using System.Collections.Generic;
using System.Management.Automation;
using MatomoPS.Client;
using MatomoPS.Client.Charts;

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
        [Parameter]
        public SwitchParameter AsJson { get; set; }

        protected override void WriteFrom(IReadOnlyList<MatomoVisitsRow> rows)
        {
            var data = MatomoChartData.FromRows(rows);
            if (AsJson) WriteObject(data.ToJson());
            else WriteObject(data);
        }
    }
}
