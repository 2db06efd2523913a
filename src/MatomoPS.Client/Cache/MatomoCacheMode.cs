namespace MatomoPS.Client
{
    /// <summary>How a connection uses the local cache of closed periods.</summary>
    public enum MatomoCacheMode
    {
        /// <summary>Closed periods are read from the cache and what the server sends for them is kept (the default).</summary>
        ReadWrite,

        /// <summary>Closed periods are read from the cache; nothing is written to it (a shared or read-only cache).</summary>
        ReadOnly,

        /// <summary>The cache is neither read nor written: every period is asked for.</summary>
        Off,
    }
}
