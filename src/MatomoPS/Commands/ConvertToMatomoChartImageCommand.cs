using System;
using System.Management.Automation;
using MatomoPS.Charts;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// ConvertTo-MatomoChartImage: rows (or chart data) in, the chart as PNG or SVG bytes out, with the content type and
    /// the alt text a mail attachment or an inline image needs. No file is written and no request is made.
    /// </summary>
    [Cmdlet(VerbsData.ConvertTo, "MatomoChartImage")]
    [OutputType(typeof(MatomoChartImage))]
    public sealed class ConvertToMatomoChartImageCommand : MatomoChartCmdlet
    {
        /// <summary>Rows or chart data.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        public PSObject[] InputObject { get; set; } = Array.Empty<PSObject>();

        /// <summary>Png (default) or Svg.</summary>
        [Parameter]
        [SingleEnumValue(typeof(MatomoChartFormat))]
        [ValidateSet(nameof(MatomoChartFormat.Png), nameof(MatomoChartFormat.Svg))]
        public MatomoChartFormat Format { get; set; } = MatomoChartFormat.Png;

        /// <summary>Checks the size before any input is read.</summary>
        protected override void BeginProcessing() => CheckImage(Format);

        /// <summary>Gathers rows or chart data.</summary>
        protected override void ProcessRecord() => Gather(InputObject);

        /// <summary>Draws the chart.</summary>
        protected override void WriteResult()
        {
            var (data, title) = BuildChart(Title);
            WriteObject(DrawImage(data, title, Format));
        }
    }
}
