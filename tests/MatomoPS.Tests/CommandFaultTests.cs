using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Tests
{
    /// <summary>
    /// Faults as a user of the cmdlets sees them: healed calls with the right rows, errors with the right category,
    /// partial failure in a multi-series call, and Ctrl+C during a hung request.
    /// </summary>
    public sealed class CommandFaultTests : SessionTest
    {
        private const string Connect = "Connect-Matomo -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force)";
        private const string Week = "-Start 2025-06-01 -End 2025-06-07";
        public CommandFaultTests(ServerFixture fixture) : base(fixture) => ConnectTo();

        private FakeMatomoServer Server => Fixture.Server;


        private static Func<FakeRequestRecord, bool> Method(string method) => request => request.ApiMethod == method;

        private long[] ExpectedWeek(int site = 1) =>
            Enumerable.Range(0, 7).Select(day => (long)Server.Api.Data.Visits(site, new DateTime(2025, 6, 1).AddDays(day)).Count).ToArray();

        [Fact]
        public void Get_MatomoVisits_heals_after_two_gateway_errors()
        {
            Server.Faults.Add(new FakeFault { Status = 502, Html = "<html><body>Bad Gateway</body></html>", Times = 2, When = Method("VisitsSummary.getVisits") });
            int before = Server.RequestCount;

            var rows = Shell.Run($"Get-MatomoVisits {Week} -Verbose", Vars());

            Assert.Empty(Shell.Errors);
            Assert.Equal(ExpectedWeek(), rows.Select(row => (long)row.Properties["Value"].Value));
            Assert.Equal(3, Server.RequestCount - before);
            Assert.Equal(2, Shell.Verbose.Count(line => line.Contains("trying again")));
        }

        [Fact]
        public void A_server_that_stays_down_is_a_connection_error_that_explains_itself()
        {
            Server.Faults.Add(new FakeFault { Status = 503, Html = "<html><body><h1>Service Unavailable</h1></body></html>", Times = 0, When = Method("VisitsSummary.getVisits") });
            int before = Server.RequestCount;

            var rows = Shell.Run($"Get-MatomoVisits {Week}", Vars());

            Assert.Empty(rows);
            var error = Assert.Single(Shell.Errors);
            Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
            Assert.StartsWith("MatomoUnavailable", error.FullyQualifiedErrorId);
            Assert.Equal("Total", error.TargetObject);
            Assert.Contains("HTTP 503", error.Exception.Message);
            Assert.Contains("'Service Unavailable'", error.Exception.Message);
            Assert.Contains("Gave up after 4 attempts", error.Exception.Message);
            Assert.Contains("-MaxRetries", error.ErrorDetails.RecommendedAction);
            Assert.Equal(4, Server.RequestCount - before);
        }

        [Fact]
        public void Max_retries_of_the_connection_sets_the_number_of_tries()
        {
            Shell.Run(Connect + " -MaxRetries 1 -TimeoutSec 30", Vars());
            Server.Faults.Add(new FakeFault { Status = 429, Times = 0, When = Method("VisitsSummary.getVisits") });
            int before = Server.RequestCount;

            var connection = Shell.Run($"Get-MatomoVisits {Week}; Get-MatomoConnection", Vars()).Single();

            Assert.Equal(1, connection.Properties["MaxRetries"].Value);
            Assert.Equal(30, connection.Properties["TimeoutSec"].Value);
            Assert.Contains("Gave up after 2 attempts", Assert.Single(Shell.Errors).Exception.Message);
            Assert.Equal(2, Server.RequestCount - before);
        }

        [Fact]
        public void An_answer_that_keeps_being_cut_off_is_an_invalid_result()
        {
            Server.Faults.Add(new FakeFault { Truncate = true, Times = 0, When = Method("VisitsSummary.getVisits") });

            var rows = Shell.Run($"Get-MatomoVisits {Week}", Vars());

            Assert.Empty(rows);
            var error = Assert.Single(Shell.Errors);
            Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
            Assert.StartsWith("MatomoInvalidResponse", error.FullyQualifiedErrorId);
            Assert.Contains("was cut off after", error.Exception.Message);
            Assert.IsType<MatomoException>(error.Exception);
        }

        [Fact]
        public void A_failed_series_is_its_own_error_and_the_others_still_arrive()
        {
            Server.Faults.Add(new FakeFault { BulkSlotError = "The segment could not be processed.", BulkSlot = 1, Times = 0, When = Method("API.getBulkRequest") });

            var rows = Shell.Run($"Get-MatomoLanguageVisits -Language en, de {Week} -ThrottleLimit 1", Vars());

            Assert.Equal(new[] { "en", "Total" }, rows.Select(row => (string)row.Properties["Series"].Value).Distinct());
            Assert.Equal(14, rows.Count);
            var error = Assert.Single(Shell.Errors);
            Assert.Equal("de", error.TargetObject);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.StartsWith("MatomoInvalidRequest", error.FullyQualifiedErrorId);
            Assert.Contains("Series 'de'", error.Exception.Message);
        }

        [Fact]
        public void Error_action_stop_stops_at_the_first_failed_series()
        {
            Server.Faults.Add(new FakeFault { BulkSlotError = "The segment could not be processed.", BulkSlot = 1, Times = 0, When = Method("API.getBulkRequest") });

            // The rows that arrived before the stop are kept, as a runbook with try/catch would see them.
            var output = Shell.Run($@"
$arrived = [Collections.Generic.List[object]]::new()
try {{ Get-MatomoLanguageVisits -Language en, de, fr {Week} -ThrottleLimit 1 -ErrorAction Stop | ForEach-Object {{ $arrived.Add($_) }} }}
catch {{ $stoppedBy = $_ }}
$arrived
$stoppedBy", Vars());

            var rows = output.Take(output.Count - 1).ToList();
            Assert.All(rows, row => Assert.Equal("en", row.Properties["Series"].Value));
            Assert.Equal(7, rows.Count);
            var stoppedBy = Assert.IsType<ErrorRecord>(output.Last().BaseObject);
            Assert.Equal("de", stoppedBy.TargetObject);
            Assert.Contains("Series 'de'", stoppedBy.Exception.Message);
        }

        [Fact]
        public void A_series_whose_request_fails_after_its_retries_names_its_target_while_the_others_arrive()
        {
            Server.Faults.Add(new FakeFault { Status = 502, Times = 0, When = request => request.Parameter("segment")?.Contains("%2Fde%2F") == true });
            int before = Server.RequestCount;

            var rows = Shell.Run($"Get-MatomoLanguageVisits -Language en, de -NoBulk {Week}", Vars());

            Assert.Equal(new[] { "en", "Total" }, rows.Select(row => (string)row.Properties["Series"].Value).Distinct());
            var error = Assert.Single(Shell.Errors);
            Assert.Equal("de", error.TargetObject);
            Assert.StartsWith("MatomoUnavailable", error.FullyQualifiedErrorId);
            Assert.Equal(2 + 4, Server.RequestCount - before);
        }

        [Fact]
        public async Task Ctrl_C_ends_a_hung_request_although_the_timeout_is_long()
        {
            Server.Faults.Add(new FakeFault { Delay = TimeSpan.FromMinutes(10), Times = 0, When = Method("VisitsSummary.getVisits") });
            int before = Server.RequestCount;
            using var runspace = PowerShellHost.OpenRunspace(Session);
            using var shell = PowerShell.Create();
            shell.Runspace = runspace;
            shell.AddScript($"Get-MatomoConnection | Select-Object -ExpandProperty TimeoutSec; Get-MatomoVisits {Week}");

            var output = new PSDataCollection<PSObject>();
            var invocation = shell.BeginInvoke<PSObject, PSObject>(null, output);
            // Bounded waits only guard the suite against hanging; they assert nothing about speed.
            SpinWait.SpinUntil(() => Server.RequestCount > before, TimeSpan.FromSeconds(60));
            Assert.True(Server.RequestCount > before, "The request never reached the double.");
            var stop = Task.Run(() => shell.Stop());

            Assert.True(await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(60))) == stop, "Stop did not end the command.");
            Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
            Assert.Equal(120, Assert.Single(output).BaseObject);
            Assert.Equal(1, Server.RequestCount - before);
        }

        [Fact]
        public void Skipping_the_certificate_check_warns()
        {
            Shell.Run(Connect + " -SkipCertificateCheck", Vars());

            Assert.Empty(Shell.Errors);
            Assert.Contains(Shell.Warnings, warning => warning.Contains("-SkipCertificateCheck") && warning.Contains("token"));
        }

        [Fact]
        public void A_token_over_plain_http_to_anotherShell_gets_a_warning_and_loopback_does_not()
        {
            Shell.Run(Connect, Vars());
            Assert.Empty(Shell.Warnings);

            // 192.0.2.1 (reserved for documentation) is simulated as a host that refuses connections: nothing is sent
            // off this machine, and the connection fails after the warning.
            using var unreachable = SimulatedHosts.Add("192.0.2.1", null);
            Shell.Run("Connect-Matomo -Url http://192.0.2.1/matomo/ -Token (ConvertTo-SecureString $token -AsPlainText -Force) -TimeoutSec 1 -MaxRetries 0", Vars());

            var warning = Assert.Single(Shell.Warnings);
            Assert.Contains("http://192.0.2.1/matomo/ uses plain http", warning);
            Assert.StartsWith("MatomoUnavailable", Assert.Single(Shell.Errors).FullyQualifiedErrorId);
            Assert.Equal(Server.BaseUrl, Session.Current?.Url);
        }
    }
}
