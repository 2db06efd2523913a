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
    public sealed class ConvertToMatomoChartImageCommand : MatomoRowsCmdlet
    {
        /// <summary>Rows or chart data.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        public PSObject[] InputObject { get; set; } = Array.Empty<PSObject>();

        /// <summary>Png (default) or Svg.</summary>
        [Parameter]
        [SingleEnumValue(typeof(MatomoChartFormat))]
        [ValidateSet(nameof(MatomoChartFormat.Png), nameof(MatomoChartFormat.Svg))]
        public MatomoChartFormat Format { get; set; } = MatomoChartFormat.Png;

        /// <summary>The chart title; without it, what the rows are about (Visits per week).</summary>
        [Parameter]
        public string? Title { get; set; }

        /// <summary>Line (default) or bar chart.</summary>
        [Parameter]
        [SingleEnumValue(typeof(MatomoChartType))]
        public MatomoChartType ChartType { get; set; } = MatomoChartType.Line;

        /// <summary>Where the Total series is drawn when there are others: on a second y axis (default), on the same axis, or not at all.</summary>
        [Parameter]
        [SingleEnumValue(typeof(MatomoChartTotal))]
        public MatomoChartTotal Total { get; set; } = MatomoChartTotal.SecondAxis;

        /// <summary>The width in CSS pixels (960 unless told).</summary>
        [Parameter]
        [ValidateRange(MatomoChartImageParameters.Smallest, MatomoChartImageParameters.Largest)]
        public int Width { get; set; } = MatomoChartPicture.DefaultWidth;

        /// <summary>The height in CSS pixels (540 unless told).</summary>
        [Parameter]
        [ValidateRange(MatomoChartImageParameters.Smallest, MatomoChartImageParameters.Largest)]
        public int Height { get; set; } = MatomoChartPicture.DefaultHeight;

        /// <summary>For Png: image pixels per CSS pixel, 2 for high-DPI screens and mail (1 unless told).</summary>
        [Parameter]
        [ValidateRange(MatomoChartImageParameters.SmallestScale, MatomoChartImageParameters.LargestScale)]
        public double Scale { get; set; } = 1;

        /// <inheritdoc />
        protected override string Takes => "the rows of Get-MatomoVisits, Get-MatomoLanguageVisits or Get-MatomoReport, or the output of ConvertTo-MatomoChartData";

        /// <inheritdoc />
        private protected override bool TakesChartData => true;

        /// <summary>Checks the size before any input is read.</summary>
        protected override void BeginProcessing()
        {
            try
            {
                MatomoChartImageParameters.Check(Format, MyInvocation.BoundParameters, Width, Height, Scale);
            }
            catch (MatomoArgumentException error)
            {
                ThrowTerminatingError(MatomoErrorRecords.Record(error, null));
            }
        }

        /// <summary>Gathers rows or chart data.</summary>
        protected override void ProcessRecord() => Gather(InputObject);

        /// <summary>Draws the chart.</summary>
        protected override void WriteResult()
        {
            var (data, title) = BuildChart(Title);
            WriteObject(MatomoChartImage.Draw(data, title, ChartType, Total, DateTime.UtcNow, Format, Width, Height, Scale));
        }
    }
}
