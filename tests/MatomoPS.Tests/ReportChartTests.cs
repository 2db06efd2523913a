using System;
using System.IO;
using System.Linq;
using MatomoPS.Charts;

namespace MatomoPS.Tests
{
    /// <summary>Charts and wide tables of report rows: a series per label of one column, the largest first, the rest as Others.</summary>
    public sealed class ReportChartTests : SessionTest
    {
        private const string Countries = "Get-MatomoReport UserCountry.getCountry -Period Month -Start 2025-01-01 -End 2025-03-31";

        public ReportChartTests(ServerFixture fixture) : base(fixture) => ConnectTo();

        [Fact]
        public void Chart_data_has_a_dataset_per_top_label_by_total_and_Others_sums_the_rest_per_period()
        {
            var rows = Shell.Run(Countries);
            var data = (MatomoChartData)Shell.Run(Countries + " | ConvertTo-MatomoChartData -Metric nb_visits -Top 2").Single().BaseObject;

            var byLabel = rows.GroupBy(r => (string)r.Properties["Label"].Value)
                .Select(g => (Label: g.Key, Months: g.OrderBy(r => (DateTime)r.Properties["Date"].Value).Select(r => (long)r.Properties["nb_visits"].Value).ToList()))
                .OrderByDescending(g => g.Months.Sum()).ToList();
            Assert.Equal(byLabel.Take(2).Select(g => g.Label).Append("Others"), data.Datasets.Select(d => d.Label));
            Assert.Equal(byLabel[0].Months, data.Datasets[0].Data);
            Assert.Equal(Enumerable.Range(0, 3).Select(m => byLabel.Skip(2).Sum(g => g.Months[m])), data.Datasets[2].Data);
            Assert.Equal(new[] { "2025-01", "2025-02", "2025-03" }, data.ExportLabels);
            Assert.Equal(new[] { "January", "February", "March" }, data.Labels);
        }

        [Fact]
        public void A_wide_table_has_a_column_per_top_label_and_Others()
        {
            var lines = Shell.Run(Countries + " | ConvertTo-MatomoTable -Metric nb_visits -Top 3");

            Assert.Empty(Shell.Errors);
            Assert.Equal(3, lines.Count);
            var columns = lines[0].Properties.Select(p => p.Name).ToList();
            Assert.Equal(new[] { "Date", "Label", "Key" }, columns.Take(3));
            Assert.Equal("Others", columns[^1]);
            Assert.Equal(7, columns.Count);
        }

        [Fact]
        public void A_chart_page_of_report_rows_is_titled_after_the_report_and_the_column()
        {
            string file = Path.Combine(Path.GetTempPath(), $"matomops-report-{Guid.NewGuid():N}.html");
            try
            {
                Shell.Run(Countries + " | Export-MatomoChart -Metric nb_visits -Path $file", new System.Collections.Generic.Dictionary<string, object?> { ["file"] = file });

                Assert.Empty(Shell.Errors);
                string page = File.ReadAllText(file);
                Assert.Contains("UserCountry.getCountry: nb_visits per month", page);
                Assert.Contains("\"Others\"", page);
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Theory]
        [InlineData(Countries + " | ConvertTo-MatomoChartData", "name the one to show with -Metric")]
        [InlineData("Get-MatomoReport Actions.getPageUrls -Period Month -Start 2025-01-01 -End 2025-03-31 | ConvertTo-MatomoTable -Metric bounce_rate", "cannot be added up")]
        [InlineData(Countries + " | ConvertTo-MatomoTable -Metric nb_hits", "No row has the column 'nb_hits'")]
        [InlineData("Get-MatomoVisits -Period Month -Start 2025-01-01 -End 2025-03-31 | ConvertTo-MatomoChartData -Metric nb_visits", "-Metric is for the rows of Get-MatomoReport")]
        [InlineData("@(" + Countries + ") + @(Get-MatomoReport DevicesDetection.getBrowsers -Period Month -Start 2025-01-01 -End 2025-03-31) | ConvertTo-MatomoTable -Metric nb_visits", "come from several reports")]
        public void Rows_that_cannot_be_charted_by_label_are_one_clear_error(string script, string message)
        {
            Shell.Run(script);

            var error = Assert.Single(Shell.Errors);
            Assert.Equal("MatomoInvalidArgument", error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains(message, error.ToString());
        }
    }
}
