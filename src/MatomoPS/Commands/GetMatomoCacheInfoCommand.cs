using System.Management.Automation;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// Get-MatomoCacheInfo: where the local cache of closed periods is, how much it holds, since when, and how it served
    /// this session (hits and misses).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "MatomoCacheInfo")]
    [OutputType(typeof(MatomoCacheInfo))]
    public sealed class GetMatomoCacheInfoCommand : PSCmdlet
    {
        /// <summary>The cache folder; default: MATOMOPS_CACHE, else the user's cache folder.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Writes the cache's information.</summary>
        protected override void EndProcessing()
        {
            string folder = Path == null ? MatomoAnswerCache.DefaultFolder() : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            WriteObject(MatomoConnectionCache.ForFolder(folder).Info());
        }
    }
}
