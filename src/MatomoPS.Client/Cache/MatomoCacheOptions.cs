using System;
using System.Collections.Generic;

namespace MatomoPS.Client
{
    /// <summary>
    /// How one fetch uses the cache of closed periods. A period is closed when its last day ended more than
    /// <see cref="SettleDays"/> days ago in every time zone; open and recently closed periods are always asked for,
    /// because Matomo archives them again when late tracking or a log import arrives.
    /// </summary>
    public sealed class MatomoCacheOptions
    {
        /// <summary>The default settle window: a week, after which late tracking, log imports and re-archiving are rare.</summary>
        public const int DefaultSettleDays = 7;

        /// <param name="cache">The cache.</param>
        /// <param name="viewableSites">The sites the connection's own site list holds: only their entries are served.</param>
        public MatomoCacheOptions(MatomoAnswerCache cache, IReadOnlyCollection<int> viewableSites)
        {
            Cache = cache ?? throw new ArgumentNullException(nameof(cache));
            ViewableSites = new HashSet<int>(viewableSites ?? throw new ArgumentNullException(nameof(viewableSites)));
        }

        /// <summary>The cache.</summary>
        public MatomoAnswerCache Cache { get; }

        /// <summary>The sites whose entries may be served.</summary>
        public ISet<int> ViewableSites { get; }

        /// <summary>Read and write, read only, or off.</summary>
        public MatomoCacheMode Mode { get; set; } = MatomoCacheMode.ReadWrite;

        /// <summary>True to ask again for every period and replace what the cache holds (-Refresh).</summary>
        public bool Refresh { get; set; }

        /// <summary>
        /// What else the answers depend on, as part of every key: for reports, the language Matomo writes their labels in
        /// (the token's user's, which the API does not name; see the module's use of it). Empty for none.
        /// </summary>
        public string Variant { get; set; } = string.Empty;

        /// <summary>Hears once when the cache folder cannot be written.</summary>
        public Action<string>? Warn { get; set; }

        /// <summary>The days after a period's end before it counts as closed.</summary>
        public int SettleDays { get; set; } = DefaultSettleDays;

        /// <summary>The last day a closed period may end on, for <paramref name="today"/>: a day more than the settle window, for time zones ahead of this machine's.</summary>
        internal DateTime ClosedUntil(DateTime today) => today.Date.AddDays(-(SettleDays + 1));

        /// <summary>True when entries may be read.</summary>
        internal bool Reads => Mode != MatomoCacheMode.Off && !Refresh;

        /// <summary>True when answers are kept.</summary>
        internal bool Writes => Mode == MatomoCacheMode.ReadWrite;
    }
}
