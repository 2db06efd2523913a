using System;
using System.Management.Automation;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// Clear-MatomoCache: deletes entries of the local cache of closed periods: all of them, or those of one server, one
    /// site, or periods that ended before a day. The next command asks the server for them again.
    /// </summary>
    [Cmdlet(VerbsCommon.Clear, "MatomoCache", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class ClearMatomoCacheCommand : PSCmdlet
    {
        /// <summary>Only the entries of this server (its address, as Get-MatomoConnection shows it).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Url { get; set; }

        /// <summary>Only the entries of these sites.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateRange(1, int.MaxValue)]
        public int[]? SiteId { get; set; }

        /// <summary>Only the entries of periods that ended before this day.</summary>
        [Parameter]
        [CalendarDate]
        public DateTime? Before { get; set; }

        /// <summary>The cache folder; default: MATOMOPS_CACHE, else the user's cache folder.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Deletes the entries selected, and says how many in -Verbose.</summary>
        protected override void EndProcessing()
        {
            string folder = Path == null ? MatomoAnswerCache.DefaultFolder() : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            var cache = MatomoConnectionCache.ForFolder(folder);
            string what = "the cache entries" + (Url == null ? string.Empty : " of " + Url) + (SiteId == null ? string.Empty : " of site(s) " + string.Join(", ", SiteId))
                + (Before == null ? string.Empty : " of periods that ended before " + Before.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            if (!ShouldProcess(cache.Folder, "Delete " + what)) return;
            int removed = 0;
            if (SiteId == null) removed = cache.Clear(Url, null, Before);
            else foreach (int site in SiteId) removed += cache.Clear(Url, site, Before);
            WriteVerbose($"Deleted {removed} entries ({what}) from {cache.Folder}.");
        }
    }
}
