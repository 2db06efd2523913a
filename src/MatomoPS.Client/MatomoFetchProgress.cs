namespace MatomoPS.Client
{
    /// <summary>
    /// How far a fetch of several requests has got, as the client tells it: first with nothing done (so the caller
    /// learns the total), then as each part ends. Series count requests; a report read in parts counts its periods.
    /// </summary>
    public readonly struct MatomoFetchProgress
    {
        /// <summary>Progress after <paramref name="completed"/> of <paramref name="total"/> <paramref name="unit"/> ended.</summary>
        public MatomoFetchProgress(int completed, int total, string unit = Requests)
        {
            Completed = completed;
            Total = total;
            Unit = unit;
        }

        /// <summary>The unit of a fetch of series: its HTTP requests.</summary>
        public const string Requests = "requests";

        /// <summary>The unit of a report read in parts: the periods written so far.</summary>
        public const string Periods = "periods";

        /// <summary>The parts that have ended, successfully or not.</summary>
        public int Completed { get; }

        /// <summary>The parts the fetch has in all.</summary>
        public int Total { get; }

        /// <summary>What is counted: <see cref="Requests"/> or <see cref="Periods"/>.</summary>
        public string Unit { get; }
    }
}
