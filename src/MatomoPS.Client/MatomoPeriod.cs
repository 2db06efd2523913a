namespace MatomoPS.Client
{
    /// <summary>The period each row of a report covers.</summary>
    public enum MatomoPeriod
    {
        Day,
        Week,
        Month,
        Year,
    }
}
