using MatomoPS.Client;

namespace MatomoPS.Charts
{
    /// <summary>How a chart page draws its series.</summary>
    public enum MatomoChartType
    {
        Line,
        Bar,
    }
}
