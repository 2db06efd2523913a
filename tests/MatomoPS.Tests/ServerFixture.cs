using System;
using FakeMatomo;

namespace MatomoPS.Tests
{
    /// <summary>One Matomo double for all runspace tests (they share the process-wide session, so they run one at a time).</summary>
    public sealed class ServerFixture : IDisposable
    {
        public static readonly DateTime ServerToday = new DateTime(2025, 6, 30);

        public ServerFixture()
        {
            Server = FakeMatomoServer.Start(ServerToday);
            MatomoSession.Today = () => ServerToday;
        }

        public FakeMatomoServer Server { get; }

        public void Dispose()
        {
            MatomoSession.Set(null);
            Server.Dispose();
        }
    }

    [CollectionDefinition(Name)]
    public sealed class SessionCollection : ICollectionFixture<ServerFixture>
    {
        public const string Name = "MatomoPS session";
    }
}
