using System;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Client.Tests
{
    /// <summary>One Matomo double for a test class; its clock is fixed so data and labels are stable.</summary>
    public sealed class FakeServerFixture : IDisposable
    {
        public static readonly DateTime ServerToday = new DateTime(2025, 6, 30);

        public FakeServerFixture() => Server = FakeMatomoServer.Start(ServerToday);

        public FakeMatomoServer Server { get; }

        public MatomoClient Client(string token = FakeTokens.View, Action<MatomoClientOptions>? configure = null) =>
            NewClient(Server.BaseUrl, token, configure);

        public static MatomoClient NewClient(string baseUrl, string token = FakeTokens.View, Action<MatomoClientOptions>? configure = null)
        {
            var options = new MatomoClientOptions(MatomoEndpoint.Resolve(baseUrl), MatomoToken.FromPlainText(token))
            {
                RetryBaseDelay = TimeSpan.FromMilliseconds(10),
                MaxRetryDelay = TimeSpan.FromMilliseconds(200),
                Today = () => ServerToday,
            };
            configure?.Invoke(options);
            return new MatomoClient(options);
        }

        public void Dispose() => Server.Dispose();
    }
}
