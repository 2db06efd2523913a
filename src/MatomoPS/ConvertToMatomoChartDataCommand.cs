using System;
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
    public sealed class ConvertToMatomoChartDataCommand : PSCmdlet
    {
        private readonly List<MatomoVisitsRow> _rows = new List<MatomoVisitsRow>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        public MatomoVisitsRow[] InputObject { get; set; } = Array.Empty<MatomoVisitsRow>();

        [Parameter]
        public SwitchParameter AsJson { get; set; }

        protected override void ProcessRecord() => _rows.AddRange(InputObject);

        protected override void EndProcessing()
        {
            if (_rows.Count == 0) return;
            MatomoChartData data;
            try
            {
                data = MatomoChartData.FromRows(_rows);
            }
            catch (ArgumentException error)
            {
                ThrowTerminatingError(MatomoErrors.Record(error, null));
                return;
            }
            if (AsJson) WriteObject(data.ToJson());
            else WriteObject(data);
        }
    }
}
