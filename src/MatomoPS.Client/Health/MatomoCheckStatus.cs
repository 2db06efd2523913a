namespace MatomoPS.Client
{
    /// <summary>What one health check found. A check that could not run is <c>NotChecked</c>, never <c>Ok</c>.</summary>
    public enum MatomoCheckStatus
    {
        /// <summary>The check ran and found nothing wrong.</summary>
        Ok = 0,

        /// <summary>The check could not run (no access, the server refused it); its site counts as at least <c>Warning</c>.</summary>
        NotChecked = 1,

        /// <summary>The check found something that needs a look.</summary>
        Warning = 2,

        /// <summary>The check found reports that are wrong or missing.</summary>
        Failing = 3,
    }
}
