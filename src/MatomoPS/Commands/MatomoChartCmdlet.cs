using System;
using System.Management.Automation;
using MatomoPS.Charts;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// The base of the commands that draw the chart (Export-MatomoChart, ConvertTo-MatomoChartImage): its title, type,
    /// where the Total goes, and the image's size, checked with the format before any input is read.
    /// </summary>
    public abstract class MatomoChartCmdlet : MatomoRowsCmdlet
    {
        /// <summary>The chart title (and the page's); without it, what the rows are about (Visits per week).</summary>
        [Parameter]
        public string? Title { get; set; }

        /// <summary>Line (default) or bar chart.</summary>
        [Parameter]
        [SingleEnumValue(typeof(MatomoChartType))]
        public MatomoChartType ChartType { get; set; } = MatomoChartType.Line;

        /// <summary>Where the Total series is drawn when there are others: on a second y axis (default), on the same axis, or not at all (a page still shows it in its table).</summary>
        [Parameter]
        [SingleEnumValue(typeof(MatomoChartTotal))]
        public MatomoChartTotal Total { get; set; } = MatomoChartTotal.SecondAxis;

        /// <summary>For Png and Svg: the width in CSS pixels (960 unless told).</summary>
        [Parameter]
        [ValidateRange(MatomoChartImageParameters.Smallest, MatomoChartImageParameters.Largest)]
        public int Width { get; set; } = MatomoChartPicture.DefaultWidth;

        /// <summary>For Png and Svg: the height in CSS pixels (540 unless told).</summary>
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

        /// <summary>Ends the command before any input is read when the size parameters do not fit <paramref name="format"/>.</summary>
        private protected void CheckImage(MatomoChartFormat format)
        {
            try
            {
                MatomoChartImageParameters.Check(format, MyInvocation.BoundParameters, Width, Height, Scale);
            }
            catch (MatomoArgumentException error)
            {
                ThrowTerminatingError(MatomoErrorRecords.Record(error, null));
            }
        }

        /// <summary>The chart of the rows gathered as an image of <paramref name="format"/>.</summary>
        private protected MatomoChartImage DrawImage(MatomoChartData data, string title, MatomoChartFormat format) =>
            MatomoChartImage.Draw(data, title, ChartType, Total, DateTime.UtcNow, format, Width, Height, Scale);
    }
}
