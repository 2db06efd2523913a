namespace MatomoPS.Client
{
    /// <summary>The checks of a site's health.</summary>
    public enum MatomoHealthCheckName
    {
        /// <summary>The latest visit in the visit log, against the longest silence allowed.</summary>
        LatestVisit,

        /// <summary>Tracking requests Matomo refused (<c>CoreAdminHome.getTrackingFailures</c>; needs admin access to the site).</summary>
        TrackingFailures,

        /// <summary>Per day, the archived visits against the visits of the visit log.</summary>
        Archiving,

        /// <summary>The server: its Matomo version, and what the API shows of its archiving settings.</summary>
        Server,
    }
}
