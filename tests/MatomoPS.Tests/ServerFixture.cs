using System;
using FakeMatomo;

namespace MatomoPS.Tests
{
    /// <summary>
    /// A Matomo double and a MatomoPS session of its own for one test class: classes run side by side, each with its own
    /// default connection, clock, request counts and scripted faults.
    /// </summary>
    public sealed class ServerFixture : IDisposable
    {
        public static readonly DateTime ServerToday = new DateTime(2025, 6, 30);

        /// <summary>The session's clock: noon UTC of <see cref="ServerToday"/>, so a UTC site's today is the double's.</summary>
        public static readonly DateTimeOffset ServerNow = new DateTimeOffset(ServerToday.AddHours(12), TimeSpan.Zero);

        /// <summary>
        /// Connections ask the doubles for every period unless a test turns the cache on with a folder of its own: doubles
        /// come and go on reused ports, so entries of one test must never answer another.
        /// </summary>
        static ServerFixture() => Environment.SetEnvironmentVariable("MATOMOPS_CACHE_MODE", "Off");

        public ServerFixture()
        {
            Server = FakeMatomoServer.Start(ServerToday);
            Session = NewSession(() => ServerNow);
        }

        public FakeMatomoServer Server { get; }

        /// <summary>The session the class's runspaces use.</summary>
        internal MatomoSession Session { get; }

        /// <summary>
        /// A session with <paramref name="now"/> as its clock; retry pauses are short (the number of retries stays the
        /// connection's own); made-up host names are answered in process (<see cref="SimulatedHosts"/>).
        /// </summary>
        internal static MatomoSession NewSession(Func<DateTimeOffset> now) => new MatomoSession(new MatomoSessionSettings(now, options =>
        {
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
            options.MaxRetryDelay = TimeSpan.FromMilliseconds(100);
        }, _ => new SimulatedHosts()));

        public void Dispose()
        {
            Session.Set(null);
            Server.Dispose();
        }
    }

    /// <summary>
    /// The tests that set MATOMO_URL, MATOMO_TOKEN or MATOMO_SITE_ID, which the whole process sees: they run on their
    /// own, after the others, so no other test meets their variables.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class EnvironmentCollection
    {
        public const string Name = "MatomoPS environment variables";
    }
}
