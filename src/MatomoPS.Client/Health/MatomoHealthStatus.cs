namespace MatomoPS.Client
{
    /// <summary>How healthy a site is, from the worst of its checks; ordered, so <c>Failing</c> is beyond <c>Warning</c>.</summary>
    public enum MatomoHealthStatus
    {
        /// <summary>Every check ran and found nothing wrong.</summary>
        Ok = 0,

        /// <summary>Something needs a look (tracking silent, tracking failures, a check that could not run), but reports are intact.</summary>
        Warning = 1,

        /// <summary>Reports are wrong or missing: a day's archive holds fewer visits than the visit log.</summary>
        Failing = 2,
    }
}
