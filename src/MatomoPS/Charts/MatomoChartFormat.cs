namespace MatomoPS.Charts
{
    /// <summary>What Export-MatomoChart writes: the interactive page, or the chart as an image.</summary>
    public enum MatomoChartFormat
    {
        /// <summary>One self-contained HTML page with Chart.js (interactive; needs a browser with JavaScript).</summary>
        Html,

        /// <summary>A PNG image, drawn in process (for mail attachments, inline mail images and chats).</summary>
        Png,

        /// <summary>An SVG image, drawn in process (sharp at any size; text stays text).</summary>
        Svg,
    }
}
