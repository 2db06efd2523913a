using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Tests
{
    /// <summary>
    /// The base of the runspace tests. They share one double and the process-wide session (with the fixture's
    /// clock and short retry pauses), so each test starts disconnected, with no scripted faults, and leaves things that way.
    /// </summary>
    public abstract class SessionTest : IDisposable
    {
        protected SessionTest(ServerFixture fixture)
        {
            Fixture = fixture;
            Fixture.Server.Faults.Clear();
            MatomoSession.Set(null);
        }

        protected ServerFixture Fixture { get; }

        /// <summary>A runspace with the module imported; it keeps every stream of the last script.</summary>
        protected PowerShellHost Shell { get; } = new PowerShellHost();

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
            MatomoSession.Set(null);
            Shell.Dispose();
        }
    }
}
