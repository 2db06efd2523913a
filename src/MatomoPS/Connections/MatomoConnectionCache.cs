using System;
using System.Collections.Concurrent;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// How a connection uses the local cache of closed periods: its mode, folder and settle window. Connections that
    /// name one folder share one cache object in the process (its hits and misses are the session's). The defaults:
    /// read and write (or <c>MATOMOPS_CACHE_MODE</c>), the user's cache folder (or <c>MATOMOPS_CACHE</c>), 7 days.
    /// </summary>
    public sealed class MatomoConnectionCache
    {
        /// <summary>The environment variable that sets the mode of connections that do not choose one.</summary>
        public const string ModeVariable = "MATOMOPS_CACHE_MODE";

        private static readonly ConcurrentDictionary<string, MatomoAnswerCache> Stores =
            new ConcurrentDictionary<string, MatomoAnswerCache>(StringComparer.Ordinal);

        /// <param name="mode">The mode; null for the default.</param>
        /// <param name="folder">The folder; null for the default.</param>
        /// <param name="settleDays">The settle window in days; null for the default.</param>
        /// <exception cref="MatomoArgumentException">MATOMOPS_CACHE_MODE holds no mode, or the folder is not a path.</exception>
        public MatomoConnectionCache(MatomoCacheMode? mode = null, string? folder = null, int? settleDays = null)
        {
            Mode = mode ?? DefaultMode();
            Store = ForFolder(folder ?? MatomoAnswerCache.DefaultFolder());
            SettleDays = settleDays ?? MatomoCacheOptions.DefaultSettleDays;
        }

        /// <summary>Read and write, read only, or off.</summary>
        public MatomoCacheMode Mode { get; }

        /// <summary>The cache.</summary>
        public MatomoAnswerCache Store { get; }

        /// <summary>The days after a period's end before it is served from the cache.</summary>
        public int SettleDays { get; }

        /// <summary>The cache object of <paramref name="folder"/>, one per folder in the process.</summary>
        public static MatomoAnswerCache ForFolder(string folder)
        {
            string full;
            try
            {
                full = System.IO.Path.GetFullPath(folder);
            }
            catch (Exception error) when (error is ArgumentException || error is NotSupportedException || error is System.IO.PathTooLongException)
            {
                throw new MatomoArgumentException($"The cache folder '{folder}' is not a path: {error.Message}");
            }
            return Stores.GetOrAdd(full, path => new MatomoAnswerCache(path));
        }

        /// <summary>
        /// How one fetch of a command uses the cache with <paramref name="connection"/>: null with -NoCache or a cache
        /// that is off; -Refresh asks again and replaces. Entries are served only for the sites of the connection's own list.
        /// </summary>
        internal MatomoCacheOptions? For(MatomoConnection connection, bool noCache, bool refresh, Action<string> warn)
        {
            if (noCache || Mode == MatomoCacheMode.Off) return null;
            return new MatomoCacheOptions(Store, connection.AvailableSiteIds)
            {
                Mode = Mode,
                Refresh = refresh,
                SettleDays = SettleDays,
                Warn = problem => warn($"{problem} Set {MatomoAnswerCache.FolderVariable} or Connect-Matomo -CachePath to a folder you may write, or -Cache Off."),
            };
        }

        private static MatomoCacheMode DefaultMode()
        {
            string? given = Environment.GetEnvironmentVariable(ModeVariable);
            if (string.IsNullOrWhiteSpace(given)) return MatomoCacheMode.ReadWrite;
            if (Enum.TryParse(given!.Trim(), true, out MatomoCacheMode mode) && Enum.IsDefined(typeof(MatomoCacheMode), mode)) return mode;
            throw new MatomoArgumentException($"{ModeVariable} is '{given}'; give ReadWrite, ReadOnly or Off.");
        }
    }
}
