using System;
using System.Linq;
using System.Management.Automation;
using FakeMatomo;

namespace MatomoPS.Tests
{
    /// <summary>
    /// The answers a real Matomo 5.1.2 gives when it refuses a login (tests/data/realmatomo holds them; the double gives
    /// the same, RealAnswersTests holds it to that), as a user of the cmdlets sees them. Matomo's default brute-force
    /// detection locks an address out after 20 failed logins within 60 minutes: every request then gets HTTP 500
    /// "Too many failed logins", as JSON when module and method are in the query string (MatomoPS's requests) and as
    /// an HTML page otherwise (a proxy that moves parameters, another client on the same address).
    /// </summary>
    public sealed class AuthenticationAnswerTests : SessionTest
    {
        // A double of its own: locking out the shared one would fail every other runspace test.
        private readonly FakeMatomoServer _server = FakeMatomoServer.Start(ServerFixture.ServerToday);

        public AuthenticationAnswerTests(ServerFixture fixture) : base(fixture) { }

        private ErrorRecord VisitsError()
        {
            int before = _server.RequestCount;
            Shell.Run("Get-MatomoVisits -Start 2025-06-01 -End 2025-06-07");
            // A lockout is not healed by asking again: every retry would only extend it.
            Assert.Equal(1, _server.RequestCount - before);
            return Assert.Single(Shell.Errors);
        }

        [Fact]
        public void A_locked_out_address_is_refused_at_once_without_retries()
        {
            ConnectTo(_server);
            _server.Api.LockOut();

            var error = VisitsError();

            Assert.Contains("Too many failed logins", error.Exception.Message);
        }

        [Fact]
        public void A_lockout_answered_in_json_says_what_happened_and_how_to_unblock()
        {
            ConnectTo(_server);
            _server.Api.LockOut();

            var error = VisitsError();

            Assert.Contains("Too many failed logins", error.Exception.Message);
            // The token is not what is wrong; the address is blocked. Matomo's administrator unblocks it, or it expires.
            string told = error.Exception.Message + " " + error.ErrorDetails?.RecommendedAction;
            Assert.Contains("login:unblock-blocked-ips", told);
            Assert.DoesNotContain("Check the token", told);
        }

        [Fact]
        public void A_lockout_answered_with_matomos_html_page_says_what_happened_and_how_to_unblock()
        {
            ConnectTo(_server);
            _server.Faults.Add(new FakeFault { Status = 500, Html = FakeErrorPage.Render(FakeMatomoApi.TooManyFailedLogins), Times = 0 });

            var error = VisitsError();

            Assert.Contains("Too many failed logins", error.Exception.Message);
            Assert.DoesNotContain("<", error.Exception.Message);
            Assert.Contains("login:unblock-blocked-ips", error.Exception.Message + " " + error.ErrorDetails?.RecommendedAction);
        }

        [Fact]
        public void A_token_refused_with_matomos_html_page_is_an_authentication_error()
        {
            // What Matomo 5.1.2 answers a wrong token when module and method come in the POST body
            // (tests/data/realmatomo/kit/VisitsSummary.get__wrong-token_POST_error.html).
            _server.Faults.Add(new FakeFault { Status = 401, Html = FakeErrorPage.Render(FakeMatomoApi.AuthenticationFailedInBody), Times = 0 });

            Shell.Run("Connect-Matomo -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force)",
                new System.Collections.Generic.Dictionary<string, object?> { ["url"] = _server.BaseUrl, ["token"] = FakeTokens.View });

            var error = Assert.Single(Shell.Errors);
            Assert.StartsWith("MatomoAuthenticationFailed", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
            Assert.Contains("Unable to authenticate with the provided token. It is either invalid or expired.", error.Exception.Message);
        }

        public override void Dispose()
        {
            base.Dispose();
            _server.Dispose();
        }
    }
}
