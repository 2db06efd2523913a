namespace MatomoPS
{
    /// <summary>Where Get-MatomoLanguageVisits takes a language's numbers from.</summary>
    public enum MatomoLanguageSource
    {
        /// <summary>One segment per language (the template): visits or actions of the visits that touched the language.</summary>
        Segment,

        /// <summary>
        /// The page report's folder of each language: the language's own pageviews, every language in one request,
        /// no segment for the server to archive (with -Metric Actions only).
        /// </summary>
        PageReport,
    }
}
