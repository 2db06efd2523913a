namespace MatomoPS.Client
{
    /// <summary>Progress of a multi-request fetch.</summary>
    public readonly struct MatomoFetchProgress
    {
        /// <summary>Progress after <paramref name="completed"/> of <paramref name="total"/> requests ended.</summary>
        public MatomoFetchProgress(int completed, int total)
        {
            Completed = completed;
            Total = total;
        }

        /// <summary>Requests that have ended, successfully or not.</summary>
        public int Completed { get; }

        /// <summary>Requests the fetch makes in all.</summary>
        public int Total { get; }
    }
}
