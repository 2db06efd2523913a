using System.Linq;
using System.Management.Automation;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Tests
{
    /// <summary>
    /// Every command meets an answer whose bytes are not UTF-8, as a proxy that garbles a character sends it: an invalid
    /// answer (InvalidResult) that names the server and the method, with advice that blames the server or a proxy,
    /// never an unexplained error of .NET's (NotSpecified), and never rows.
    /// </summary>
    public sealed class UnreadableAnswerCommandTests : SessionTest
    {
        private const string Week = "-Start 2025-06-01 -End 2025-06-07";
        private const string Connect = "Connect-Matomo -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force)";

        public UnreadableAnswerCommandTests(ServerFixture fixture) : base(fixture) { }

        public static TheoryData<string, string, string> Commands => new TheoryData<string, string, string>
        {
            { $"Get-MatomoVisits {Week}", "VisitsSummary.getVisits", "\"2025-06-03" },
            { $"Get-MatomoLanguageVisits -Language en, de {Week} -ThrottleLimit 1", MatomoRequest.BulkMethod, "\"2025-06-03" },
            { $"Get-MatomoReport UserCountry.getCountry -Period Month {Week}", "UserCountry.getCountry", "\"label\":\"" },
            { "Get-MatomoReportMetadata", "API.getReportMetadata", "\"name\":\"" },
            { "Get-MatomoSite", "SitesManager.getSitesWithAtLeastViewAccess", "\"name\":\"" },
            { "Invoke-MatomoApi VisitsSummary.get -Parameter @{ period = 'day'; date = '2025-06-01,2025-06-03' }", "VisitsSummary.get", "\"2025-06-02" },
            { Connect, "SitesManager.getSitesWithAtLeastViewAccess", "\"name\":\"" },
        };

        [Theory]
        [MemberData(nameof(Commands))]
        public void An_answer_that_is_not_utf8_is_an_invalid_result_that_blames_the_server_or_a_proxy(string command, string method, string garbleAfter)
        {
            ConnectTo();
            Fixture.Server.Faults.Add(new FakeFault { InvalidUtf8After = garbleAfter, Times = 0, When = request => request.ApiMethod == method });

            var output = Shell.Run(command, Vars());

            Assert.DoesNotContain(output, o => o.BaseObject is not MatomoConnection);
            Assert.NotEmpty(Shell.Errors);
            Assert.All(Shell.Errors, error =>
            {
                Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
                Assert.StartsWith("MatomoInvalidResponse", error.FullyQualifiedErrorId);
                var failure = Assert.IsType<MatomoException>(error.Exception);
                Assert.Equal(MatomoErrorKind.Protocol, failure.Kind);
                Assert.Contains(Fixture.Server.BaseUrl, error.Exception.Message);
                Assert.Contains(method, error.Exception.Message);
                Assert.Contains("not UTF-8", error.Exception.Message);
                Assert.Contains("proxy", error.ErrorDetails.RecommendedAction);
                Assert.DoesNotContain("index.php", error.ErrorDetails.RecommendedAction);
            });
        }

        [Fact]
        public void Get_MatomoVisits_with_a_period_twice_names_the_series_and_the_period()
        {
            ConnectTo();
            Fixture.Server.Faults.Add(new FakeFault
            {
                Body = "{\"2025-06-01\":1,\"2025-06-02\":2,\"2025-06-02\":200,\"2025-06-03\":3}",
                Times = 0,
                When = request => request.ApiMethod == "VisitsSummary.getVisits",
            });

            var output = Shell.Run("Get-MatomoVisits -Start 2025-06-01 -End 2025-06-03", Vars());

            Assert.Empty(output);
            var error = Assert.Single(Shell.Errors);
            Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
            Assert.Equal("Total", error.TargetObject);
            Assert.Contains("Series 'Total'", error.Exception.Message);
            Assert.Contains("the period '2025-06-02' of site 1 twice", error.Exception.Message);
            Assert.Contains(Fixture.Server.BaseUrl, error.Exception.Message);
            Assert.Contains("proxy", error.ErrorDetails.RecommendedAction);
        }

        [Fact]
        public void Invoke_MatomoApi_with_a_key_twice_is_an_invalid_result()
        {
            ConnectTo();
            Fixture.Server.Faults.Add(new FakeFault { Body = "{\"nb_visits\":1,\"nb_visits\":2}", Times = 0, When = request => request.ApiMethod == "VisitsSummary.get" });

            var output = Shell.Run("Invoke-MatomoApi VisitsSummary.get -Parameter @{ period = 'day'; date = '2025-06-01' }", Vars());

            Assert.Empty(output);
            var error = Assert.Single(Shell.Errors);
            Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
            Assert.Contains("the key 'nb_visits' twice", error.Exception.Message);
            Assert.Contains(Fixture.Server.BaseUrl, error.Exception.Message);
        }
    }
}
