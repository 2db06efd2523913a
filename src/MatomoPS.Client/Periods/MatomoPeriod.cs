namespace MatomoPS.Client
{
    /// <summary>The period each row of a report covers.</summary>
    public enum MatomoPeriod
    {
        /// <summary>One day.</summary>
        Day,
        /// <summary>One week, Monday to Sunday, as Matomo counts weeks.</summary>
        Week,
        /// <summary>One calendar month.</summary>
        Month,
        /// <summary>One calendar year.</summary>
        Year,
    }
}
