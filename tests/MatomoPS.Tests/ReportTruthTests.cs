using System;
using System.Linq;
using FakeMatomo;

namespace MatomoPS.Tests
{
    /// <summary>
    /// Get-MatomoReport says what Matomo would leave unsaid: a -Sort or -Column name the report does not have (Matomo
    /// ignores it), and tables Matomo cut when it archived them (an Others row). The double archives at most a few rows
    /// per table here, as a server with a low datatable_archiving_maximum_rows_* setting does.
    /// </summary>
    public sealed class ReportTruthTests : SessionTest
    {
        private const string May = "-Period Month -Start 2025-05-01 -End 2025-05-31";
        private const int RowLimit = 3;

        public ReportTruthTests(ServerFixture fixture) : base(fixture)
        {
            fixture.Server.Api.ArchivedRowLimit = RowLimit;
            ConnectTo();
        }

        [Fact]
        public void An_unknown_sort_column_is_refused_at_the_first_answer_listing_the_reports_columns()
        {
            var rows = Shell.Run($"Get-MatomoReport Actions.getPageUrls -Flat -Sort nb_nothing {May}");

            Assert.Empty(rows);
            string message = Assert.Single(Shell.Errors).ToString();
            Assert.Contains("-Sort nb_nothing", message);
            Assert.Contains("nb_hits", message);
            Assert.Contains("sum_time_spent", message);
            Assert.Equal("MatomoInvalidArgument", Shell.Errors[0].FullyQualifiedErrorId.Split(',')[0]);
        }

        [Fact]
        public void An_unknown_column_is_refused_and_known_ones_pass_even_when_the_report_list_does_not_name_them()
        {
            Assert.Empty(Shell.Run($"Get-MatomoReport Actions.getPageUrls -Column nb_hits, nb_nothing {May}"));
            string message = Assert.Single(Shell.Errors).ToString();
            Assert.Contains("-Column nb_nothing", message);
            Assert.DoesNotContain("-Column nb_hits", message);

            // sum_time_spent is in the rows, not in the server's report list; label is a column to sort by.
            var rows = Shell.Run($"Get-MatomoReport Actions.getPageUrls -Column sum_time_spent -Sort label {May}");
            Assert.Empty(Shell.Errors);
            Assert.NotEmpty(rows);
            Assert.All(rows, row => Assert.NotNull(row.Properties["sum_time_spent"]));
        }

        [Fact]
        public void The_Others_row_is_marked_and_one_warning_per_period_names_the_setting()
        {
            var rows = Shell.Run("Get-MatomoReport Actions.getPageUrls -SiteId 1, 2 -Period Month -Start 2025-05-01 -End 2025-06-30");

            Assert.Empty(Shell.Errors);
            var others = rows.Where(row => (bool)row.Properties["IsOthers"].Value).ToList();
            Assert.Equal(4, others.Count);
            Assert.All(others, row => Assert.Equal("Others", row.Properties["Label"].Value));
            Assert.Equal(RowLimit * 4 + 4, rows.Count);
            Assert.Equal(2, Shell.Warnings.Count);
            Assert.Contains("2025-05 (sites 1, 2)", Shell.Warnings[0]);
            Assert.Contains("2025-06 (sites 1, 2)", Shell.Warnings[1]);
            Assert.All(Shell.Warnings, warning => Assert.Contains("datatable_archiving_maximum_rows_actions", warning));
            // The Others row holds the rest: the rows add up to every pageview of the month.
            long hits = Fixture.Server.Api.Data.Visits(1, new DateTime(2025, 5, 1), new DateTime(2025, 5, 31)).Sum(visit => (long)visit.Actions);
            Assert.Equal(hits, rows.Where(row => (int)row.Properties["SiteId"].Value == 1 && (string)row.Properties["Key"].Value == "2025-05").Sum(row => (long)row.Properties["nb_hits"].Value));
        }

        [Fact]
        public void The_flat_reports_Others_row_is_told_by_its_mark()
        {
            var rows = Shell.Run($"Get-MatomoReport Actions.getPageUrls -Flat {May}");

            var others = Assert.Single(rows, row => (bool)row.Properties["IsOthers"].Value);
            Assert.Equal(true, others.Properties["is_summary"].Value);
            Assert.Contains("Actions.getPageUrls for 2025-05 (site 1)", Assert.Single(Shell.Warnings));
        }

        [Fact]
        public void A_page_report_with_an_Others_row_warns_that_folders_may_be_short()
        {
            var rows = Shell.Run($"'de', 'en' | Get-MatomoLanguageVisits -Source PageReport -Metric Actions {May}");

            Assert.Empty(Shell.Errors);
            Assert.NotEmpty(rows);
            string warning = Assert.Single(Shell.Warnings);
            Assert.Contains("page report of site 1 for 2025-05", warning);
            Assert.Contains("datatable_archiving_maximum_rows_actions", warning);
            Assert.Contains("short by up to", warning);
        }
    }
}
