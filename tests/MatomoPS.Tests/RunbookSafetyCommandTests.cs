using System;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Tests
{
    /// <summary>
    /// What a runbook left alone meets, as the commands show it: redirects that would take the token elsewhere,
    /// plain http by any way of connecting, a refused login told from a message that quotes token_auth, a failure
    /// inside one slot of a bulk answer, and an answer that cannot be read.
    /// </summary>
    [Collection(EnvironmentCollection.Name)]
    public sealed class RunbookSafetyCommandTests : SessionTest
    {
        private const string Connect = "Connect-Matomo -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force)";
        private const string Week = "-Start 2025-06-01 -End 2025-06-07";

        public RunbookSafetyCommandTests(ServerFixture fixture) : base(fixture)
        {
        }

        private FakeMatomoServer Server => Fixture.Server;

        private static System.Collections.Generic.Dictionary<string, object?> At(string url) => new() { ["url"] = url, ["token"] = FakeTokens.View };

        [Fact]
        public void Connect_Matomo_refuses_a_redirect_to_another_host_names_it_and_changes_nothing()
        {
            using var elsewhere = FakeFrontEnd.Answering("[{\"idsite\":1,\"name\":\"x\"}]", "127.0.0.2");
            using var front = FakeFrontEnd.Redirecting(307, elsewhere.BaseUrl + "matomo/");

            Shell.Run(Connect, At(front.BaseUrl));

            var error = Assert.Single(Shell.Errors);
            Assert.StartsWith("MatomoRedirectRefused", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
            Assert.Contains($"to {elsewhere.BaseUrl}matomo/", error.ErrorDetails.Message);
            Assert.Contains("-Url", error.ErrorDetails.RecommendedAction);
            Assert.Empty(elsewhere.Requests);
            Assert.Null(Session.Current);
        }

        [Fact]
        public void Connect_Matomo_follows_a_redirect_within_its_server_and_shows_the_address_it_uses()
        {
            using (var front = FakeFrontEnd.MovedWithin("old", "new", Server.BaseUrl, status: 308))
            {
                var connection = Shell.Run(Connect + " -PassThru", At(front.BaseUrl + "old/"));

                Assert.Empty(Shell.Errors);
                Assert.Equal(front.BaseUrl + "new/", ((MatomoConnection)connection.Single().BaseObject).Url);
                Assert.Contains(Shell.Warnings, warning => warning.Contains($"moved {front.BaseUrl}old/ to {front.BaseUrl}new/"));

                var rows = Rows(Shell.Run($"Get-MatomoVisits {Week}"));
                Assert.Equal(7, rows.Length);
                Assert.Single(front.Requests, request => request.Target.StartsWith("/old/"));
            }
        }

        [Fact]
        public void Plain_http_from_the_environment_warns_as_Connect_Matomo_does_once_per_connection()
        {
            using var host = SimulatedHosts.Add("matomo.example.test", Server.BaseUrl);
            try
            {
                Environment.SetEnvironmentVariable("MATOMO_URL", "http://matomo.example.test/matomo/");
                Environment.SetEnvironmentVariable("MATOMO_TOKEN", FakeTokens.View);

                var rows = Rows(Shell.Run($"Get-MatomoVisits {Week}"));
                Assert.Empty(Shell.Errors);
                Assert.Equal(7, rows.Length);
                var warning = Assert.Single(Shell.Warnings);
                Assert.Contains("http://matomo.example.test/matomo/ uses plain http", warning);

                Shell.Run($"Get-MatomoVisits {Week}");
                Assert.Empty(Shell.Warnings);
            }
            finally
            {
                Environment.SetEnvironmentVariable("MATOMO_URL", null);
                Environment.SetEnvironmentVariable("MATOMO_TOKEN", null);
            }
        }

        [Fact]
        public void A_message_that_quotes_token_auth_does_not_block_the_next_command()
        {
            ConnectTo();

            Shell.Run("Invoke-MatomoApi VisitsSummary.get -Parameter @{ idSite = 1; period = 'token_auth'; date = '2025-06-01' }");
            var error = Assert.Single(Shell.Errors);
            Assert.StartsWith("MatomoInvalidRequest", error.FullyQualifiedErrorId);

            Assert.Equal(7, Rows(Shell.Run($"Get-MatomoVisits {Week}")).Length);
            Assert.Empty(Shell.Errors);
        }

        [Fact]
        public void A_database_error_in_one_slot_of_a_bulk_answer_heals_within_the_retries()
        {
            ConnectTo();
            Server.Faults.Add(new FakeFault { BulkSlotError = "SQLSTATE[HY000] [2002] No such file or directory", BulkSlot = 1, Times = 1 });

            var rows = Rows(Shell.Run($"Get-MatomoVisits {Week} -Series ([ordered]@{{ German = 'pageUrl=@/de/'; English = 'pageUrl=@/en/' }}) -IncludeTotal -ThrottleLimit 1 -Verbose"));

            Assert.Empty(Shell.Errors);
            Assert.Equal(new[] { "German", "English", "Total" }, rows.Select(row => row.Series).Distinct());
            Assert.Equal(21, rows.Length);
            Assert.Contains(Shell.Verbose, line => line.Contains("1 of 3 series failed so"));
        }

        [Fact]
        public void An_answer_always_cut_off_is_said_so_with_advice_about_the_cut_not_the_url()
        {
            using var front = FakeFrontEnd.Start(_ => new FakeFrontEndAnswer(200, System.Text.Encoding.UTF8.GetBytes("[{\"idsite\":1,\"name\":\"Ex")) { WithoutLength = true });

            Shell.Run(Connect + " -MaxRetries 1", At(front.BaseUrl));

            var error = Assert.Single(Shell.Errors);
            Assert.StartsWith("MatomoInvalidResponse", error.FullyQualifiedErrorId);
            Assert.Contains("was cut off after", error.ErrorDetails.Message);
            Assert.Contains("cut off on its way", error.ErrorDetails.RecommendedAction);
            Assert.DoesNotContain("index.php", error.ErrorDetails.RecommendedAction);
            Assert.Equal(2, front.Requests.Count);
        }

        [Fact]
        public void A_broken_gzip_answer_is_an_invalid_result_with_advice_about_compression()
        {
            using var front = FakeFrontEnd.Start(_ =>
            {
                var answer = new FakeFrontEndAnswer(200, new byte[] { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4 });
                answer.Headers.Add(("Content-Encoding", "gzip"));
                return answer;
            });

            Shell.Run(Connect, At(front.BaseUrl));

            var error = Assert.Single(Shell.Errors);
            Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
            Assert.Contains("cannot be decompressed", error.ErrorDetails.Message);
            Assert.Contains("compression", error.ErrorDetails.RecommendedAction);
        }
    }
}
