namespace MatomoPS.Client
{
    /// <summary>A single number Matomo counts per period; each maps to one <c>VisitsSummary</c> method.</summary>
    public enum MatomoMetric
    {
        /// <summary><c>VisitsSummary.getVisits</c>: visits.</summary>
        Visits,
        /// <summary><c>VisitsSummary.getActions</c>: actions (page views, downloads, outlinks...).</summary>
        Actions,
        /// <summary><c>VisitsSummary.getUniqueVisitors</c>: unique visitors (not processed for years by default).</summary>
        UniqueVisitors,
        /// <summary><c>VisitsSummary.getUsers</c>: logged-in users (not processed for years by default).</summary>
        Users,
    }
}
