namespace MatomoPS.Drawing
{
    /// <summary>One thing a <see cref="Picture"/> shows, in the order drawn; coordinates in CSS pixels, y down.</summary>
    internal abstract class PictureItem
    {
        /// <summary>The series the item draws, if any: SVG writes it as <c>data-series</c>, so a reader can find a series.</summary>
        public string? Series { get; set; }
    }
}
