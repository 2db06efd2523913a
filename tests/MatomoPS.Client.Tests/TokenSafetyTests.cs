using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Client.Tests
{
    /// <summary>
    /// The token stays the client's: no caller's parameter replaces it, a refused login is told from a message that
    /// only quotes the word token_auth, and a server that echoes it in any case or in pieces never gets it shown.
    /// </summary>
    public sealed class TokenSafetyTests : FaultTestBase
    {
        [Theory]
        [InlineData("token_auth[]")]
        [InlineData("token_auth[0]")]
        [InlineData("TOKEN_AUTH")]
        [InlineData("token.auth")]
        [InlineData("token auth")]
        [InlineData(" token_auth")]
        [InlineData("token[auth")]
        [InlineData("format[]")]
        [InlineData("Method")]
        public void A_parameter_that_PHP_files_under_a_reserved_name_is_refused(string name)
        {
            var error = Assert.Throws<MatomoArgumentException>(() =>
                new MatomoRequest("API.getMatomoVersion", new[] { new KeyValuePair<string, string>(name, "x") }));

            Assert.Contains("set by MatomoPS itself", error.Message);
        }

        [Theory]
        [InlineData("token_authority")]
        [InlineData("my_token_auth")]
        [InlineData("idSite")]
        public void Names_that_only_look_alike_pass(string name) =>
            Assert.Equal(name, new MatomoRequest("API.getMatomoVersion", new[] { new KeyValuePair<string, string>(name, "x") }).Parameters[0].Key);

        [Fact]
        public async Task A_message_that_quotes_token_auth_is_a_refused_request_and_does_not_block_the_connection()
        {
            using var client = Client();
            var request = new MatomoRequest("VisitsSummary.get", new Dictionary<string, string> { ["idSite"] = "1", ["period"] = "token_auth", ["date"] = "2025-06-01" });

            var error = await Assert.ThrowsAsync<MatomoException>(() => client.CallAsync(request));
            Assert.Equal(MatomoErrorKind.InvalidRequest, error.Kind);
            Assert.Contains("The period 'token_auth' is not supported", error.Message);

            // The next call is sent, and answered.
            Assert.Equal(new[] { 1, 2, 3 }, await client.GetSiteIdsAsync());
        }

        [Fact]
        public async Task A_method_name_holding_token_auth_is_refused_by_Matomo_not_taken_for_a_wrong_token()
        {
            using var client = Client();

            var error = await Assert.ThrowsAsync<MatomoException>(() => client.CallAsync(new MatomoRequest("VisitsSummary.get&token_auth=x")));

            Assert.NotEqual(MatomoErrorKind.Authentication, error.Kind);
            Assert.Equal(new[] { 1, 2, 3 }, await client.GetSiteIdsAsync());
        }

        [Fact]
        public async Task A_wrong_token_is_still_a_refused_login_and_is_not_sent_again()
        {
            using var client = FakeServerFixture.NewClient(Server.BaseUrl, "ffffffffffffffffffffffffffffffff");

            var first = await Assert.ThrowsAsync<MatomoException>(() => client.GetSiteIdsAsync());
            var second = await Assert.ThrowsAsync<MatomoException>(() => client.GetSiteIdsAsync());

            Assert.Equal(MatomoErrorKind.Authentication, first.Kind);
            Assert.Contains("was not sent", second.Message);
            Assert.Equal(1, Server.RequestCount);
        }

        [Theory]
        [InlineData("upper")]
        [InlineData("split")]
        [InlineData("cut")]
        public async Task A_token_echoed_in_another_case_or_in_pieces_is_hidden_in_messages_and_log_lines(string how)
        {
            string token = FakeTokens.View;
            string echoed = how switch
            {
                "upper" => token.ToUpperInvariant(),
                "split" => token.Substring(0, 16) + "<br/>\n" + token.Substring(16),
                _ => new string('x', 140) + token,
            };
            Server.Faults.Add(new FakeFault { Status = 500, Html = $"<html><body><div class=\"content\"><h2>Bad token {echoed}</h2></div></body></html>", Times = 0 });
            using var client = Client(options => options.MaxRetries = 0);

            var error = await Assert.ThrowsAsync<MatomoException>(() => client.GetSiteIdsAsync());

            foreach (string shown in new[] { error.Message, error.ServerMessage ?? string.Empty }.Concat(Log))
                for (int start = 0; start + MatomoTokenPieceLength <= token.Length; start++)
                    Assert.DoesNotContain(token.Substring(start, MatomoTokenPieceLength), shown, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("********", error.Message);
        }

        /// <summary>No run of this many characters of the token may be shown.</summary>
        private const int MatomoTokenPieceLength = 6;
    }
}
