using System;

namespace MatomoPS.Client
{
    /// <summary>What the local cache holds, and how it served this process: Get-MatomoCacheInfo's object.</summary>
    public sealed class MatomoCacheInfo
    {
        /// <summary>The cache folder.</summary>
        public string Path { get; internal set; } = string.Empty;

        /// <summary>True when the folder can be written; false when the cache is read at most.</summary>
        public bool Writable { get; internal set; }

        /// <summary>The entries (one per site, period and question).</summary>
        public int Entries { get; internal set; }

        /// <summary>The bytes the entries take.</summary>
        public long SizeBytes { get; internal set; }

        /// <summary>The most the entries may take; the least recently used go first beyond it.</summary>
        public long MaxSizeBytes { get; internal set; }

        /// <summary>When the oldest entry was written (UTC); null for an empty cache.</summary>
        public DateTime? Oldest { get; internal set; }

        /// <summary>Periods served from the cache in this process.</summary>
        public long Hits { get; internal set; }

        /// <summary>Closed periods that were not in the cache in this process, so were asked for.</summary>
        public long Misses { get; internal set; }
    }
}
