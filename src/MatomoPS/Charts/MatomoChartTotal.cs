namespace MatomoPS.Charts
{
    /// <summary>
    /// Where a chart page draws the <c>Total</c> series, which often dwarfs the others. It matters only when
    /// the chart holds a total and other series; a chart of totals alone, or of no total, is drawn the same way
    /// whatever is chosen.
    /// </summary>
    public enum MatomoChartTotal
    {
        /// <summary>The total on a second y axis on the right, so the other series keep the height of the left axis.</summary>
        SecondAxis,

        /// <summary>The total on the same y axis as the other series.</summary>
        SameAxis,

        /// <summary>The total is not drawn; it stays in the table of numbers under the chart.</summary>
        Hidden,
    }
}
