using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Tests
{
    /// <summary>
    /// Test-MatomoHealth on the double (today 2025-06-30, noon UTC): bad input refused before any request, what each
    /// check finds and the status it gives, a token without admin access, and -FailOn.
    /// </summary>
    public sealed class HealthCommandTests : SessionTest
    {
        private static readonly DateTime Yesterday = ServerFixture.ServerToday.AddDays(-1);

        public HealthCommandTests(ServerFixture fixture) : base(fixture)
        {
        }

        private FakeMatomoApi Api => Fixture.Server.Api;

        private MatomoSiteHealth[] Health(string script)
        {
            var output = Shell.Run(script);
            Assert.All(Shell.Errors, error => Assert.Fail(error.ToString()));
            return output.Select(o => (MatomoSiteHealth)o.BaseObject).ToArray();
        }

        private static MatomoHealthCheck CheckOf(MatomoSiteHealth site, MatomoHealthCheckName name, DateTime? day = null) =>
            Assert.Single(site.Checks, check => check.Name == name && check.Date == day);

        public static TheoryData<string, string> BadInput => new()
        {
            { "Test-MatomoHealth -Start 2025-06-20 -End 2025-06-10", "-Start (2025-06-20) is after -End (2025-06-10)" },
            { "Test-MatomoHealth -Start 2025-07-01", "-Start (2025-07-01) is after yesterday, the default -End" },
            { "Test-MatomoHealth -End 2025-07-02", "-End is in the future" },
            { "Test-MatomoHealth -Start 2025-05-01 -End 2025-06-29", "covers 60 days; check at most 31" },
            { "Test-MatomoHealth -MaxSilence 0", "-MaxSilence must be longer than zero" },
            { "Test-MatomoHealth -FailOn Ok", "\"Ok\" does not belong to the set \"Warning,Failing\"" },
            { "Test-MatomoHealth -Check Archiving,Traffic", "Traffic" },
            { "Test-MatomoHealth -SiteId 0", "less than the minimum allowed range of 1" },
        };

        [Theory]
        [MemberData(nameof(BadInput))]
        public void Bad_input_gets_a_clear_error_before_any_request(string script, string says)
        {
            ConnectTo();
            int before = Fixture.Server.RequestCount;

            var output = Shell.Run(script);

            Assert.Empty(output);
            var error = Assert.Single(Shell.Errors);
            Assert.Contains(says, error.ErrorDetails?.Message ?? error.Exception.Message);
            Assert.Equal(before, Fixture.Server.RequestCount);
        }

        [Fact]
        public void A_healthy_site_is_Ok_with_every_check_and_the_numbers_behind_it()
        {
            ConnectTo();
            var days = new[] { Yesterday.AddDays(-1), Yesterday };
            Assert.All(days, day => Assert.NotEmpty(Api.Data.Visits(1, day)));

            var site = Assert.Single(Health("Test-MatomoHealth -SiteId 1"));

            Assert.Empty(Shell.Errors);
            Assert.Equal(MatomoHealthStatus.Ok, site.Status);
            Assert.Equal("Every check passed.", site.Reason);
            Assert.Equal(new[] { MatomoHealthCheckName.LatestVisit, MatomoHealthCheckName.TrackingFailures, MatomoHealthCheckName.Archiving, MatomoHealthCheckName.Archiving, MatomoHealthCheckName.Server },
                site.Checks.Select(check => check.Name));
            Assert.All(site.Checks, check => Assert.Equal(MatomoCheckStatus.Ok, check.Status));
            foreach (var day in days)
                Assert.Equal($"{Api.Data.Visits(1, day).Count} visits archived, as many as the visit log holds.", CheckOf(site, MatomoHealthCheckName.Archiving, day).Detail);
            var today = Api.Data.Visits(1, ServerFixture.ServerToday);
            var latest = FakeMatomoApi.VisitTime(ServerFixture.ServerToday, today.Count - 1, today.Count);
            Assert.Equal(new DateTimeOffset(latest, TimeSpan.Zero), site.LatestVisit);
            Assert.StartsWith($"The latest visit was at {latest:yyyy-MM-dd HH:mm:ss} (UTC)", CheckOf(site, MatomoHealthCheckName.LatestVisit).Detail);
            Assert.StartsWith("Matomo 5.1.2.", CheckOf(site, MatomoHealthCheckName.Server).Detail);
            Assert.Equal("5.1.2", site.MatomoVersion);
        }

        [Fact]
        public void Every_site_the_token_may_view_is_checked_by_default_in_two_requests()
        {
            ConnectTo();
            int before = Fixture.Server.RequestCount;

            var sites = Health("Test-MatomoHealth -ThrottleLimit 1");

            Assert.Empty(Shell.Errors);
            Assert.Equal(new[] { 1, 2, 3 }, sites.Select(site => site.SiteId));
            // One bulk request for versions, failures, latest visits and archives of all sites; one for the visit log.
            Assert.Equal(2, Fixture.Server.RequestCount - before);
        }

        [Fact]
        public void A_day_whose_archive_is_gone_is_Failing_without_browser_archiving_and_filled_in_with_it()
        {
            ConnectTo();
            var day = Yesterday;
            int visits = Api.Data.Visits(1, day).Count;
            Api.RemovedDayArchives.Add((1, day));
            try
            {
                Api.BrowserArchiving = false;
                var failing = Assert.Single(Health("Test-MatomoHealth -SiteId 1"));

                Assert.Equal(MatomoHealthStatus.Failing, failing.Status);
                var check = CheckOf(failing, MatomoHealthCheckName.Archiving, day);
                Assert.Equal(MatomoCheckStatus.Failing, check.Status);
                Assert.StartsWith("No visits archived, but the visit log holds visits: the day was not archived", check.Detail);
                Assert.Equal($"Archiving {day:yyyy-MM-dd}: {check.Detail}", failing.Reason);
                Assert.Equal(MatomoCheckStatus.Ok, CheckOf(failing, MatomoHealthCheckName.Archiving, day.AddDays(-1)).Status);

                Api.BrowserArchiving = true;
                var healed = Assert.Single(Health("Test-MatomoHealth -SiteId 1"));

                Assert.Equal(MatomoHealthStatus.Ok, healed.Status);
                Assert.Equal($"{visits} visits archived, as many as the visit log holds.", CheckOf(healed, MatomoHealthCheckName.Archiving, day).Detail);
            }
            finally
            {
                Api.BrowserArchiving = true;
                Api.RemovedDayArchives.Clear();
            }
        }

        [Fact]
        public void A_site_without_visits_is_a_tracking_warning_and_its_days_are_no_traffic()
        {
            ConnectTo();

            var site = Assert.Single(Health("Test-MatomoHealth -SiteId 3"));

            Assert.Equal(MatomoHealthStatus.Warning, site.Status);
            var latest = CheckOf(site, MatomoHealthCheckName.LatestVisit);
            Assert.Equal(MatomoCheckStatus.Warning, latest.Status);
            Assert.StartsWith("The visit log has no visit from", latest.Detail);
            Assert.Null(site.LatestVisit);
            Assert.Equal($"LatestVisit: {latest.Detail}", site.Reason);
            Assert.All(site.Checks.Where(check => check.Name == MatomoHealthCheckName.Archiving),
                check => Assert.Equal("No visits archived, and none in the visit log: no traffic.", check.Detail));
        }

        [Fact]
        public void Silence_longer_than_MaxSilence_is_a_warning_and_End_moves_the_check_back()
        {
            ConnectTo();

            var silent = Assert.Single(Health("Test-MatomoHealth -SiteId 1 -MaxSilence 00:05:00 -Start 2025-06-19 -End 2025-06-20"));
            var earlier = Assert.Single(Health("Test-MatomoHealth -SiteId 1 -Start 2025-06-19 -End 2025-06-20"));

            Assert.Equal(MatomoHealthStatus.Warning, silent.Status);
            Assert.Contains("before 2025-06-21 00:00 (UTC): silent longer than the 5 min allowed", CheckOf(silent, MatomoHealthCheckName.LatestVisit).Detail);
            Assert.Equal(MatomoHealthStatus.Ok, earlier.Status);
            Assert.Equal(new DateTime(2025, 6, 20), earlier.LatestVisit!.Value.Date);
        }

        [Fact]
        public void A_recorded_tracking_failure_is_a_warning_that_says_what_failed()
        {
            ConnectTo();
            Api.TrackingFailures.Add((2, 2, new DateTime(2025, 6, 29, 8, 15, 0), "https://intranet.example.org/start"));
            try
            {
                var sites = Health("Test-MatomoHealth -SiteId 1, 2 -Check TrackingFailures");

                Assert.Equal(MatomoHealthStatus.Ok, sites[0].Status);
                Assert.Equal(MatomoHealthStatus.Warning, sites[1].Status);
                Assert.Equal("TrackingFailures: Matomo recorded 1 tracking failure: Request was not authenticated but authentication was required. "
                    + "(since 2025-06-29 08:15:00 at https://intranet.example.org/start).", sites[1].Reason);
                Assert.Single(sites[1].Checks);
            }
            finally
            {
                Api.TrackingFailures.Clear();
            }
        }

        [Fact]
        public void A_token_without_admin_access_gets_a_permission_error_and_every_other_check()
        {
            ConnectTo(token: FakeTokens.SiteTwoViewer);

            var site = (MatomoSiteHealth)Assert.Single(Shell.Run("Test-MatomoHealth -Start 2025-06-26 -End 2025-06-27")).BaseObject;

            var error = Assert.Single(Shell.Errors);
            Assert.StartsWith("MatomoAccessDenied", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
            Assert.Contains(FakeMatomoApi.AdminAccessRequired, error.ErrorDetails.Message);
            Assert.Contains("could not check TrackingFailures of site 2 (NotChecked)", error.ErrorDetails.Message);
            Assert.Contains("-Check LatestVisit, Archiving, Server", error.ErrorDetails.RecommendedAction);
            Assert.Equal(2, site.SiteId);
            Assert.Equal(MatomoHealthStatus.Warning, site.Status);
            var failures = CheckOf(site, MatomoHealthCheckName.TrackingFailures);
            Assert.Equal(MatomoCheckStatus.NotChecked, failures.Status);
            Assert.StartsWith("Reading tracking failures needs admin access to the site", failures.Detail);
            Assert.All(site.Checks.Where(check => check.Name != MatomoHealthCheckName.TrackingFailures), check => Assert.Equal(MatomoCheckStatus.Ok, check.Status));
        }

        [Fact]
        public void Days_count_in_each_sites_time_zone()
        {
            ConnectTo(token: FakeTokens.SuperUser);

            var sites = Health("Test-MatomoHealth -SiteId 1, 5 -Check Archiving");

            // At noon UTC on 2025-06-30 it is already 2025-07-01 at Kiritimati (UTC+14): its yesterday is a day later.
            Assert.Equal(new DateTime?[] { new DateTime(2025, 6, 28), new DateTime(2025, 6, 29) }, sites[0].Checks.Select(check => check.Date));
            Assert.Equal(new DateTime?[] { new DateTime(2025, 6, 29), new DateTime(2025, 6, 30) }, sites[1].Checks.Select(check => check.Date));

            // 2025-06-30 is over at Kiritimati, not in UTC: site 1 has no day to check, and says so.
            var later = Health("Test-MatomoHealth -SiteId 1, 5 -Check Archiving -Start 2025-06-30");

            var none = Assert.Single(later[0].Checks);
            Assert.Equal(MatomoCheckStatus.NotChecked, none.Status);
            Assert.Equal("No day to check: the first day, 2025-06-30, is after 2025-06-29, yesterday in the site's time zone (UTC).", none.Detail);
            Assert.Equal(MatomoHealthStatus.Warning, later[0].Status);
            Assert.Equal(MatomoCheckStatus.Ok, Assert.Single(later[1].Checks).Status);
        }

        [Fact]
        public void A_time_zone_this_machine_does_not_know_counts_in_UTC_and_is_said()
        {
            ConnectTo(token: FakeTokens.SuperUser);

            var site = Assert.Single(Health("Test-MatomoHealth -SiteId 7 -Check Archiving"));

            var warning = Assert.Single(Shell.Warnings);
            Assert.StartsWith("The time zone 'Mars/Olympus_Mons' of site 7 is not known on this machine: its days and its latest visit count in UTC", warning);
            Assert.Equal(new DateTime?[] { Yesterday.AddDays(-1), Yesterday }, site.Checks.Select(check => check.Date));
        }

        [Fact]
        public void A_gateway_error_heals_by_retrying_and_the_health_is_the_same()
        {
            ConnectTo();
            Fixture.Server.Faults.Add(new FakeFault { Status = 502, Html = "<html><body>Bad Gateway</body></html>", Times = 1, When = request => request.ApiMethod == "API.getBulkRequest" });

            var sites = Health("Test-MatomoHealth -SiteId 1, 2 -ThrottleLimit 1 -Verbose");

            Assert.Contains(Shell.Verbose, line => line.Contains("502"));
            Assert.Equal(new[] { MatomoHealthStatus.Ok, MatomoHealthStatus.Ok }, sites.Select(site => site.Status));
        }

        [Fact]
        public void A_check_whose_slot_failed_on_a_database_error_is_asked_again_alone()
        {
            ConnectTo();
            // The first bulk request: site 1's slot is Matomo's database error, site 2's is answered.
            string failed = "{\"result\":\"error\",\"message\":\"" + FakeMatomoApi.DatabaseDownMessage + "\"}";
            Fixture.Server.Faults.Add(new FakeFault { Body = $"[{failed},{{\"value\":\"2025-06-30 10:00:00\"}}]", Times = 1, When = request => request.ApiMethod == "API.getBulkRequest" });
            int before = Fixture.Server.RequestCount;

            var sites = Health("Test-MatomoHealth -SiteId 1, 2 -Check LatestVisit -ThrottleLimit 1 -Verbose");

            Assert.Contains(Shell.Verbose, line => line.Contains("1 of 2 health checks failed so") && line.Contains("asking for them again"));
            Assert.Equal(2, Fixture.Server.RequestCount - before);
            var today = Api.Data.Visits(1, ServerFixture.ServerToday);
            Assert.Equal(new DateTimeOffset(FakeMatomoApi.VisitTime(ServerFixture.ServerToday, today.Count - 1, today.Count), TimeSpan.Zero), sites[0].LatestVisit);
            Assert.Equal(new DateTimeOffset(2025, 6, 30, 10, 0, 0, TimeSpan.Zero), sites[1].LatestVisit);
            Assert.All(sites, site => Assert.Equal(MatomoHealthStatus.Ok, site.Status));
        }

        [Fact]
        public void An_answer_that_cannot_be_read_is_a_check_not_run_never_Ok()
        {
            ConnectTo();
            Fixture.Server.Faults.Add(new FakeFault { Body = "{\"value\":42}", Times = 1, When = request => request.ApiMethod == "Live.getMostRecentVisitsDateTime" });

            var site = (MatomoSiteHealth)Assert.Single(Shell.Run("Test-MatomoHealth -SiteId 1 -Check LatestVisit")).BaseObject;

            var check = Assert.Single(site.Checks);
            Assert.Equal(MatomoCheckStatus.NotChecked, check.Status);
            Assert.Contains("Live.getMostRecentVisitsDateTime", check.Detail);
            Assert.Contains("cannot be read", check.Detail);
            Assert.Equal(MatomoHealthStatus.Warning, site.Status);
            Assert.Null(site.LatestVisit);
            var error = Assert.Single(Shell.Errors);
            Assert.Contains("could not check LatestVisit of site 1 (NotChecked)", error.ErrorDetails.Message);
        }

        [Fact]
        public void FailOn_ends_in_an_error_naming_the_sites_at_that_status_after_writing_every_site()
        {
            ConnectTo();
            const string Run = "$failure = $null; try { $null = Test-MatomoHealth -SiteId 1, 3 -FailOn {0} -OutVariable seen } catch { $failure = $_ }; $seen; if ($failure) { $failure }";

            var warning = Shell.Run(Run.Replace("{0}", "Warning"));
            var failing = Shell.Run(Run.Replace("{0}", "Failing"));

            Assert.Equal(3, warning.Count);
            Assert.Equal(new[] { 1, 3 }, warning.Take(2).Select(o => ((MatomoSiteHealth)o.BaseObject).SiteId));
            var error = Assert.IsType<ErrorRecord>(warning.Last().BaseObject);
            Assert.StartsWith("MatomoHealthWarning", error.FullyQualifiedErrorId);
            Assert.StartsWith("1 of 2 sites is Warning or worse: site 3 (New site without visits) is Warning: LatestVisit: The visit log has no visit", error.ErrorDetails.Message);
            Assert.DoesNotContain("site 1 ", error.ErrorDetails.Message);
            Assert.Equal(new[] { 3 }, (int[])error.TargetObject);
            Assert.Equal(2, failing.Count);
            Assert.All(failing, o => Assert.IsType<MatomoSiteHealth>(o.BaseObject));
        }
    }
}
