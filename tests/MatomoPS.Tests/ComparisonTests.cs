using System;
using System.Linq;
using MatomoPS.Client;

namespace MatomoPS.Tests
{
    /// <summary>-Compare as a user checks it: the compared values equal the previous periods asked for separately.</summary>
    public sealed class ComparisonTests : SessionTest
    {
        public ComparisonTests(ServerFixture fixture) : base(fixture) => ConnectTo();

        private static double? ChangeOf(long now, long? before) => before is long b && b != 0 ? (now - b) / (double)b : null;

        [Theory]
        [InlineData("-Period Day -Start 2025-06-02 -End 2025-06-08 -Compare PreviousPeriod", "-Period Day -Start 2025-05-26 -End 2025-06-01")]
        [InlineData("-Period Week -Start 2025-06-02 -End 2025-06-15 -Compare PreviousPeriod", "-Period Week -Start 2025-05-19 -End 2025-06-01")]
        [InlineData("-Period Month -Start 2025-05-01 -End 2025-06-30 -Compare PreviousYear", "-Period Month -Start 2024-05-01 -End 2024-06-30")]
        [InlineData("-Period Day -Start 2025-06-02 -End 2025-06-03 -Compare PreviousYear", "-Period Day -Start 2024-06-02 -End 2024-06-03")]
        public void Each_row_has_the_value_of_the_period_it_is_compared_with_as_asked_separately(string compared, string previous)
        {
            int before = Fixture.Server.RequestCount;
            var rows = Shell.Run($"'de', 'en' | Get-MatomoLanguageVisits {compared}");
            int requests = Fixture.Server.RequestCount - before;
            var plain = Rows(Shell.Run($"'de', 'en' | Get-MatomoLanguageVisits {compared.Split(" -Compare")[0]}"));
            var expected = Rows(Shell.Run($"'de', 'en' | Get-MatomoLanguageVisits {previous}"));

            Assert.Empty(Shell.Errors);
            Assert.Equal(plain.Select(row => (row.Series, row.Key, row.Value)), Rows(rows).Select(row => (row.Series, row.Key, row.Value)));
            Assert.Equal(expected.Select(row => (row.Series, row.Key, (long?)row.Value)),
                rows.Select(row => ((string)row.Properties["Series"].Value, (string)row.Properties["PreviousKey"].Value, (long?)row.Properties["PreviousValue"].Value)));
            Assert.All(rows, row => Assert.Equal(ChangeOf((long)row.Properties["Value"].Value, (long?)row.Properties["PreviousValue"].Value), (double?)row.Properties["Change"].Value));
            // The compared periods travel in the same bulk requests: no more requests than the series alone.
            Assert.True(requests <= 4, $"{requests} requests");
        }

        [Fact]
        public void The_table_shows_the_previous_value_and_the_change()
        {
            string text = string.Join("\n", Shell.Run("Get-MatomoVisits -Period Week -Start 2025-06-16 -End 2025-06-22 -Compare PreviousPeriod | Out-String -Width 120"));
            var header = text.Split('\n').First(line => line.Trim().Length > 0).Split(' ', StringSplitOptions.RemoveEmptyEntries);

            Assert.Equal(new[] { "SiteId", "Date", "Label", "Series", "Value", "Previous", "Change" }, header);
            Assert.Matches(@"[+-]\d+\.\d%", text);
        }

        [Theory]
        [InlineData("-Period Month -Start 2025-06-01 -End 2025-06-30", "PreviousPeriod", "-Period Month -Start 2025-05-01 -End 2025-05-31")]
        [InlineData("-Period Range -Start 2025-06-01 -End 2025-06-14", "PreviousPeriod", "-Period Range -Start 2025-05-18 -End 2025-05-31")]
        [InlineData("-Period Week -Start 2025-06-02 -End 2025-06-15 -First 3", "PreviousYear", "-Period Week -Start 2024-06-03 -End 2024-06-16")]
        public void Report_rows_get_each_number_column_of_the_same_label_in_the_compared_period(string range, string comparison, string previous)
        {
            var rows = Shell.Run($"Get-MatomoReport Referrers.getReferrerType -SiteId 1, 2 {range} -Compare {comparison}");
            var before = Shell.Run($"Get-MatomoReport Referrers.getReferrerType -SiteId 1, 2 {previous}");

            Assert.Empty(Shell.Errors);
            Assert.NotEmpty(rows);
            var previousKeys = before.Select(row => (string)row.Properties["Key"].Value).Distinct().ToList();
            var currentKeys = rows.Select(row => (string)row.Properties["Key"].Value).Distinct().ToList();
            foreach (var row in rows)
            {
                string key = previousKeys[currentKeys.IndexOf((string)row.Properties["Key"].Value)];
                var match = before.FirstOrDefault(b => (int)b.Properties["SiteId"].Value == (int)row.Properties["SiteId"].Value
                    && (string)b.Properties["Key"].Value == key && (string)b.Properties["Label"].Value == (string)row.Properties["Label"].Value);
                Assert.Equal(match?.Properties["nb_visits"].Value, row.Properties["nb_visits_previous"].Value);
                Assert.Equal(ChangeOf((long)row.Properties["nb_visits"].Value, (long?)match?.Properties["nb_visits"].Value), (double?)row.Properties["nb_visits_change"].Value);
            }
            Assert.Contains(rows, row => row.Properties["nb_visits_previous"].Value != null);
        }
    }
}
