namespace MatomoPS.Client
{
    /// <summary>Progress of a multi-request fetch.</summary>
    public readonly struct MatomoFetchProgress
    {
        public MatomoFetchProgress(int completed, int total)
        {
            Completed = completed;
            Total = total;
        }

        public int Completed { get; }
        public int Total { get; }
    }
}
