using System;
using FakeMatomo;

namespace MatomoPS.Tests
{
    /// <summary>One Matomo double for all runspace tests (they share the process-wide session, so they run one at a time).</summary>
    public sealed class ServerFixture : IDisposable
    {
        public static readonly DateTime ServerToday = new DateTime(2025, 6, 30);

        /// <summary>The session's clock: noon UTC of <see cref="ServerToday"/>, so a UTC site's today is the double's.</summary>
        public static readonly DateTimeOffset ServerNow = new DateTimeOffset(ServerToday.AddHours(12), TimeSpan.Zero);

        private readonly IDisposable _settings;

        /// <summary>
        /// The double's clock is the session's clock; retry pauses are short (the number of retries stays the connection's own);
        /// made-up host names are answered in process (<see cref="SimulatedHosts"/>).
        /// </summary>
        public ServerFixture()
        {
            Server = FakeMatomoServer.Start(ServerToday);
            _settings = MatomoSession.UseSettings(new MatomoSessionSettings(() => ServerNow, options =>
            {
                options.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
                options.MaxRetryDelay = TimeSpan.FromMilliseconds(100);
            }, _ => new SimulatedHosts()));
        }

        public FakeMatomoServer Server { get; }

        public void Dispose()
        {
            MatomoSession.Set(null);
            _settings.Dispose();
            Server.Dispose();
        }
    }

    [CollectionDefinition(Name)]
    public sealed class SessionCollection : ICollectionFixture<ServerFixture>
    {
        public const string Name = "MatomoPS session";
    }
}
