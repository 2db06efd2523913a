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
        /// <summary>
        /// The whole date range as one period: Matomo answers it as one table (reports only; a series of visits has a
        /// value per day, week, month or year).
        /// </summary>
        Range,
    }
}
