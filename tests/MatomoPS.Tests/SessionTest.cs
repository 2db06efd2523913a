using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Tests
{
    /// <summary>
    /// The base of the runspace tests. Each class has its own double and session (<see cref="ServerFixture"/>), with the
    /// fixture's clock and short retry pauses, so classes run side by side; each test starts disconnected, with no
    /// scripted faults, and leaves things that way.
    /// </summary>
    public abstract class SessionTest : IDisposable, IClassFixture<ServerFixture>
    {
        protected SessionTest(ServerFixture fixture) : this(fixture, fixture.Session) { }

        /// <summary>A test whose runspace uses <paramref name="session"/> (another clock) with the fixture's double.</summary>
        private protected SessionTest(ServerFixture fixture, MatomoSession session)
        {
            Fixture = fixture;
            Session = session;
            Fixture.Server.Faults.Clear();
            Session.Set(null);
            Shell = new PowerShellHost(session);
        }

        protected ServerFixture Fixture { get; }

        /// <summary>The session of the test's runspaces: its default connection is the one Connect-Matomo made there.</summary>
        private protected MatomoSession Session { get; }

        /// <summary>A runspace with the module imported; it keeps every stream of the last script.</summary>
        protected PowerShellHost Shell { get; }

        /// <summary>The variables most scripts use: <c>$url</c> of the shared double and <c>$token</c>.</summary>
        protected Dictionary<string, object?> Vars(string token = FakeTokens.View) => new()
        {
            ["url"] = Fixture.Server.BaseUrl,
            ["token"] = token,
        };

        /// <summary>The rows of Get-MatomoVisits in a script's output.</summary>
        protected static MatomoSeriesRow[] Rows(IEnumerable<PSObject> output) => output.Select(o => (MatomoSeriesRow)o.BaseObject).ToArray();

        /// <summary>Connect-Matomo to <paramref name="server"/> (the shared double by default), which must succeed.</summary>
        protected void ConnectTo(FakeMatomoServer? server = null, string token = FakeTokens.View)
        {
            Shell.Run("Connect-Matomo -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force)",
                new Dictionary<string, object?> { ["url"] = (server ?? Fixture.Server).BaseUrl, ["token"] = token });
            Assert.Empty(Shell.Errors);
        }

        public virtual void Dispose()
        {
            Fixture.Server.Faults.Clear();
            Session.Set(null);
            Shell.Dispose();
        }
    }
}
