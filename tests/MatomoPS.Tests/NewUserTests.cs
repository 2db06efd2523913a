using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Tests
{
    /// <summary>What a new user ran into (issue 12): each test would have caught one of the defects found.</summary>
    public sealed class NewUserTests : SessionTest
    {
        private const string Week = "-Start 2025-06-02 -End 2025-06-08";

        public NewUserTests(ServerFixture fixture) : base(fixture) => ConnectTo();

        [Theory]
        [InlineData("-Metric Visits, Actions")]
        [InlineData("-Metric 'Visits,Actions'")]
        public void Two_metrics_give_two_series_in_the_order_given_fetched_at_once(string metrics)
        {
            int before = Fixture.Server.RequestCount;
            var rows = Rows(Shell.Run($"Get-MatomoVisits {Week} {metrics}"));

            Assert.Empty(Shell.Errors);
            Assert.Equal(14, rows.Length);
            Assert.Equal(new[] { MatomoMetric.Visits, MatomoMetric.Actions }, rows.Select(row => row.Metric).Distinct());
            var visits = Rows(Shell.Run($"Get-MatomoVisits {Week}"));
            var actions = Rows(Shell.Run($"Get-MatomoVisits {Week} -Metric Actions"));
            Assert.Equal(visits.Concat(actions).Select(row => row.Value), rows.Select(row => row.Value));
            // Two requests in flight at once for the two series, then one for each check.
            Assert.Equal(before + 4, Fixture.Server.RequestCount);
            Rows(Shell.Run($"Get-MatomoVisits {Week} {metrics} -ThrottleLimit 1"));
            Assert.Equal("API.getBulkRequest", Fixture.Server.Requests.Last().ApiMethod);
        }

        [Theory]
        [InlineData("Get-MatomoVisits -Period Week, Month", "Period")]
        [InlineData("Get-MatomoVisits -Period 'Week,Month'", "Period")]
        [InlineData("Get-MatomoLanguageVisits de -Period Day, Year", "Period")]
        [InlineData("Get-MatomoVisits -Period 7", "Period")]
        [InlineData("Get-MatomoVisits -Metric Visits, 9", "Metric")]
        [InlineData("Get-MatomoVisits | Export-MatomoChart -Path ./never.html -ChartType Line, Bar", "ChartType")]
        [InlineData("Get-MatomoVisits | Export-MatomoChart -Path ./never.html -Total SecondAxis, Hidden", "Total")]
        public void A_combined_value_for_an_enum_parameter_is_refused_before_any_request(string script, string parameter)
        {
            int before = Fixture.Server.RequestCount;
            Shell.Run(script);

            var error = Assert.Single(Shell.Errors);
            Assert.Contains($"parameter '{parameter}'", error.Exception.Message);
            Assert.Empty(Shell.Output);
            Assert.Equal(before, Fixture.Server.RequestCount);
        }

        [Fact]
        public void Every_enum_parameter_of_every_command_refuses_combined_values()
        {
            var unguarded = typeof(MatomoCmdlet).Assembly.GetTypes()
                .Where(type => typeof(System.Management.Automation.Cmdlet).IsAssignableFrom(type) && !type.IsAbstract)
                .SelectMany(type => type.GetProperties().Select(property => (Type: type, Property: property)))
                .Where(pair => pair.Property.IsDefined(typeof(System.Management.Automation.ParameterAttribute), true))
                .Where(pair => (pair.Property.PropertyType.IsArray ? pair.Property.PropertyType.GetElementType()! : pair.Property.PropertyType).IsEnum)
                .Where(pair => !pair.Property.IsDefined(typeof(SingleEnumValueAttribute), true))
                .Select(pair => $"{pair.Type.Name}.{pair.Property.Name}");

            Assert.Empty(unguarded);
        }

        [Fact]
        public void Site_ids_and_site_objects_bind_from_the_pipeline_and_travel_in_one_request()
        {
            int before = Fixture.Server.RequestCount;
            var byId = Rows(Shell.Run($"Get-MatomoId -All | Get-MatomoVisits {Week}"));
            var bySite = Rows(Shell.Run($"Get-MatomoSite | Get-MatomoVisits {Week}"));
            var byProperty = Rows(Shell.Run($"[pscustomobject]@{{ idsite = 2 }}, [pscustomobject]@{{ Id = 3 }} | Get-MatomoVisits {Week}"));

            Assert.Empty(Shell.Errors);
            Assert.Equal(new[] { 1, 2, 3 }, byId.Select(row => row.SiteId).Distinct());
            Assert.Equal(byId.Select(row => (row.SiteId, row.Key, row.Value)), bySite.Select(row => (row.SiteId, row.Key, row.Value)));
            Assert.Equal(new[] { 2, 3 }, byProperty.Select(row => row.SiteId).Distinct());
            // Get-MatomoId, Get-MatomoVisits; Get-MatomoSite, Get-MatomoVisits; Get-MatomoVisits.
            Assert.Equal(before + 5, Fixture.Server.RequestCount);
        }

        [Fact]
        public void Named_segment_series_come_in_the_order_given_with_the_total_last_and_their_exact_values()
        {
            int before = Fixture.Server.RequestCount;
            var rows = Rows(Shell.Run($"Get-MatomoVisits {Week} -Series ([ordered]@{{ German = 'pageUrl=@/de/'; Arabic = 'pageUrl=@/ar/'; English = 'pageUrl=@/en/' }}) -IncludeTotal"));

            Assert.Empty(Shell.Errors);
            Assert.Equal(new[] { "German", "Arabic", "English", "Total" }, rows.Select(row => row.Series).Distinct());
            Assert.Equal(new[] { "pageUrl=@/de/", "pageUrl=@/ar/", "pageUrl=@/en/", "" }, rows.Select(row => row.Segment).Distinct());
            foreach (var (name, code) in new[] { ("German", "de"), ("Arabic", "ar"), ("English", "en") })
                Assert.Equal(ExpectedVisits.Series(Fixture.Server.Api.Data, MatomoPeriod.Day, new DateTime(2025, 6, 2), new DateTime(2025, 6, 8), ExpectedVisits.LanguageSegment(code))
                    .Select(expected => expected.Value), rows.Where(row => row.Series == name).Select(row => row.Value));
            var total = Rows(Shell.Run($"Get-MatomoVisits {Week}"));
            Assert.Equal(total.Select(row => row.Value), rows.Where(row => row.Series == "Total").Select(row => row.Value));
            // Four series, throttle 4: four requests at once (and one for the check).
            Assert.Equal(before + 5, Fixture.Server.RequestCount);
        }

        [Fact]
        public void A_plain_hashtable_of_series_is_sorted_by_name_with_a_warning()
        {
            var rows = Rows(Shell.Run($"Get-MatomoVisits {Week} -Series @{{ Zulu = 'pageUrl=@/de/'; Alpha = 'pageUrl=@/en/' }}"));

            Assert.Empty(Shell.Errors);
            Assert.Equal(new[] { "Alpha", "Zulu" }, rows.Select(row => row.Series).Distinct());
            Assert.Contains("[ordered]", Assert.Single(Shell.Warnings));
        }

        [Theory]
        [InlineData("-Series ([ordered]@{ Total = 'pageUrl=@/de/' }) -IncludeTotal", "like the total")]
        [InlineData("-Series ([ordered]@{ App = '' })", "empty segment")]
        [InlineData("-Series ([ordered]@{ App = 'pageUrl' })", "not a condition")]
        [InlineData("-Series ([ordered]@{ App = 'pageUrl=@/a/' }) -Segment 'pageUrl=@/b/'", "Parameter set cannot be resolved")]
        public void Bad_series_are_refused_before_any_request(string arguments, string says)
        {
            int before = Fixture.Server.RequestCount;
            Shell.Run($"Get-MatomoVisits {Week} {arguments}");

            var error = Assert.Single(Shell.Errors);
            Assert.Contains(says, error.ErrorDetails?.Message ?? error.Exception.Message);
            Assert.Equal(before, Fixture.Server.RequestCount);
        }

        [Fact]
        public void A_site_given_twice_is_fetched_once_with_a_warning()
        {
            var rows = Rows(Shell.Run($"Get-MatomoVisits -SiteId 2, 2 {Week}"));

            Assert.Empty(Shell.Errors);
            Assert.Equal(7, rows.Length);
            Assert.Contains("site 2 is given more than once", Assert.Single(Shell.Warnings));
        }

        [Fact]
        public void Get_MatomoSite_lists_names_addresses_time_zones_and_currencies_and_picks_by_id()
        {
            var all = Shell.Run("Get-MatomoSite").Select(o => (MatomoSite)o.BaseObject).ToArray();
            var picked = Shell.Run("Get-MatomoSite -SiteId 3, 1").Select(o => (MatomoSite)o.BaseObject).ToArray();

            Assert.Empty(Shell.Errors);
            Assert.Equal(new[] { 1, 2, 3 }, all.Select(site => site.SiteId));
            Assert.All(all, site => Assert.False(string.IsNullOrEmpty(site.Name)));
            Assert.Equal("https://site1.example.org", all[0].MainUrl);
            Assert.Equal("UTC", all[0].Timezone);
            Assert.Equal("EUR", all[0].Currency);
            Assert.Equal(new[] { 3, 1 }, picked.Select(site => site.SiteId));
        }

        [Fact]
        public void Get_MatomoSite_names_a_site_the_token_may_not_view()
        {
            var sites = Shell.Run("Get-MatomoSite -SiteId 1, 9");

            Assert.Single(sites);
            var error = Assert.Single(Shell.Errors);
            Assert.Equal("MatomoSiteNotFound,MatomoPS.GetMatomoSiteCommand", error.FullyQualifiedErrorId);
            Assert.Contains("site 9", error.Exception.Message);
        }

        [Fact]
        public void The_default_table_shows_the_site_and_keeps_the_metric_column_narrow()
        {
            string text = string.Join("\n", Shell.Run($"Get-MatomoVisits {Week} -SiteId 1, 2 -Metric UniqueVisitors | Out-String -Width 120"));
            var lines = text.Split('\n').Where(line => line.Trim().Length > 0).ToArray();

            Assert.Empty(Shell.Errors);
            Assert.StartsWith("SiteId", lines[0].Trim());
            int metric = lines[0].IndexOf("Metric", StringComparison.Ordinal), value = lines[0].IndexOf("Value", StringComparison.Ordinal);
            Assert.InRange(value - metric, 6, 20);
            Assert.Contains(lines, line => line.TrimStart().StartsWith("2 "));
        }

        [Fact]
        public void The_wide_table_is_shown_as_a_table_with_a_column_per_series()
        {
            string text = string.Join("\n", Shell.Run($"'de', 'en', 'fr', 'es' | Get-MatomoLanguageVisits {Week} | ConvertTo-MatomoTable | Out-String -Width 120"));
            var header = text.Split('\n').First(line => line.Trim().Length > 0);

            Assert.Empty(Shell.Errors);
            Assert.Equal(new[] { "Label", "de", "en", "fr", "es", "Total" }, header.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            Assert.DoesNotContain("Key  ", text);
        }

        [Fact]
        public void A_wide_table_that_does_not_fit_keeps_the_Total_and_says_how_many_series_it_left_out()
        {
            // Sixty columns of two-digit counts and more: wider than Out-String's 120 characters.
            const int Languages = 60;
            string languages = string.Join(", ", FakeDataSet.Languages.Take(Languages).Select(code => $"'{code}'"));
            string script = $"{languages} | Get-MatomoLanguageVisits {Week} | ConvertTo-MatomoTable";
            var lines = string.Join("\n", Shell.Run($"{script} | Out-String -Width 120")).Split('\n').Where(line => line.Trim().Length > 0).ToList();
            var header = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);

            Assert.Empty(Shell.Errors);
            Assert.Equal("Label", header[0]);
            Assert.Equal("Total", header[^2]);
            int leftOut = int.Parse(Assert.Single(header.TakeLast(1), column => column.StartsWith('+'))[1..], System.Globalization.CultureInfo.InvariantCulture);
            // Label, the series shown, Total, +N: the series shown and the ones left out are the languages.
            Assert.Equal(Languages, header.Length - 3 + leftOut);
            Assert.InRange(leftOut, 1, Languages - 1);
            Assert.Equal(FakeDataSet.Languages.Take(Languages - leftOut), header.Skip(1).Take(Languages - leftOut));
            Assert.All(lines, line => Assert.True(line.TrimEnd().Length <= 120, line));
            // The objects keep every series: Date, Label, Key, the languages and Total.
            Assert.Equal(Languages + 4, Shell.Run($"{script} | Select-Object -First 1").Single().Properties.Count());
        }

        [Fact]
        public void The_connection_table_aligns_numbers_under_their_headers()
        {
            var lines = string.Join("\n", Shell.Run("Get-MatomoConnection | Out-String -Width 120")).Split('\n').Where(line => line.Trim().Length > 0).ToArray();

            int header = lines[0].IndexOf("TimeoutSec", StringComparison.Ordinal);
            Assert.Equal(header, lines[2].IndexOf("120", StringComparison.Ordinal));
        }

        [Fact]
        public void Invoke_MatomoApi_writes_a_row_per_date_of_a_date_keyed_answer()
        {
            var rows = Shell.Run("Invoke-MatomoApi VisitsSummary.get -Parameter @{ period = 'day'; date = '2025-06-02,2025-06-04' }");
            var visits = Rows(Shell.Run("Get-MatomoVisits -Start 2025-06-02 -End 2025-06-04"));

            Assert.Empty(Shell.Errors);
            Assert.Equal(new[] { "2025-06-02", "2025-06-03", "2025-06-04" }, rows.Select(row => (string)row.Properties["Date"].Value));
            Assert.Equal(visits.Select(row => row.Value), rows.Select(row => Convert.ToInt64(row.Properties["nb_visits"].Value)));
        }

        [Fact]
        public void Invoke_MatomoApi_gives_single_values_per_date_and_site_a_Value_and_a_SiteId()
        {
            var rows = Shell.Run("Invoke-MatomoApi VisitsSummary.getVisits -Parameter @{ idSite = '1,2'; period = 'month'; date = '2025-04-01,2025-05-31' }");

            Assert.Empty(Shell.Errors);
            Assert.Equal(new[] { (1, "2025-04"), (1, "2025-05"), (2, "2025-04"), (2, "2025-05") },
                rows.Select(row => ((int)row.Properties["SiteId"].Value, (string)row.Properties["Date"].Value)));
            Assert.All(rows, row => Assert.IsType<int>(row.Properties["Value"].Value));
        }

        [Fact]
        public void Labels_follow_the_culture_of_the_session()
        {
            var german = Rows(Shell.Run("[cultureinfo]::CurrentCulture = 'de-DE'; Get-MatomoVisits -Start 2025-01-06 -End 2025-01-19 -Period Week; Get-MatomoVisits -Start 2025-01-05 -End 2025-01-05"));
            var english = Rows(Shell.Run("[cultureinfo]::CurrentCulture = 'en-US'; Get-MatomoVisits -Start 2025-01-06 -End 2025-01-19 -Period Week; Get-MatomoVisits -Start 2025-01-05 -End 2025-01-05"));

            Assert.Equal(new[] { "KW 2", "KW 3", "05.01." }, german.Select(row => row.Label));
            Assert.Equal(new[] { "Week 2", "Week 3", "Jan 5" }, english.Select(row => row.Label));
            Assert.Equal(german.Select(row => row.Key), english.Select(row => row.Key));
        }

        [Fact]
        public void A_failed_bulk_request_gives_each_series_its_own_error_naming_it()
        {
            Fixture.Server.Faults.Add(new FakeFault { Status = 500, Html = "<html><body>Internal error</body></html>", Times = 0, When = request => request.ApiMethod == "API.getBulkRequest" });
            Shell.Run($"$Error.Clear(); 'de', 'en' | Get-MatomoLanguageVisits {Week} -ThrottleLimit 1 -ErrorAction SilentlyContinue; $Error.Count");

            Assert.Equal(3, Assert.Single(Shell.Output).BaseObject);
            var messages = Shell.Run("$Error | ForEach-Object { $_.ErrorDetails.Message }").Select(o => o.ToString()).ToArray();
            Assert.Equal(3, messages.Distinct().Count());
            Assert.Contains(messages, message => message!.StartsWith("Series 'de':"));
            Assert.Contains(messages, message => message!.StartsWith("Series 'Total':"));
        }

        [Fact]
        public void A_failed_Connect_Matomo_says_which_connection_stays_the_default()
        {
            Shell.Run("Connect-Matomo -Url $url -Token (ConvertTo-SecureString 'ffffffffffffffffffffffffffff0012' -AsPlainText -Force)", Vars());

            var error = Assert.Single(Shell.Errors);
            Assert.Contains($"{Fixture.Server.BaseUrl} (site 1) stays the default connection", error.ErrorDetails.Message);
            Assert.Equal(Fixture.Server.BaseUrl, Assert.Single(Shell.Run("(Get-MatomoConnection).Url")).BaseObject);
        }

        [Fact]
        public void Verbose_shows_a_request_when_it_starts_and_a_bulk_request_by_its_series()
        {
            Shell.Run($"'de', 'en' | Get-MatomoLanguageVisits {Week} -ThrottleLimit 1 -Verbose");

            Assert.Empty(Shell.Errors);
            int start = Shell.Verbose.FindIndex(line => line.StartsWith("POST API.getBulkRequest of 3 series"));
            int end = Shell.Verbose.FindIndex(line => line.StartsWith("API.getBulkRequest: HTTP 200"));
            Assert.True(start >= 0 && end > start, string.Join("\n", Shell.Verbose));
            Assert.EndsWith("): de, en, Total", Shell.Verbose[start]);
            Assert.True(Shell.Verbose[start].Length < 160, Shell.Verbose[start]);
        }
    }
}
