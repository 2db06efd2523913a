using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using FakeMatomo;
using MatomoPS.Charts;

namespace MatomoPS.Tests
{
    /// <summary>Export-MatomoChart's page as a user gets it: caption, axes and -Total, on rows the double serves.</summary>
    public sealed class ChartExportTests : SessionTest
    {
        // Twelve ISO weeks, Monday 2025-04-07 to Sunday 2025-06-29, of German, English and Arabic pages plus the total.
        private const string Fetch =
            "Connect-Matomo -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force); " +
            "$rows = 'de', 'en', 'ar' | Get-MatomoLanguageVisits -Start 2025-04-07 -End 2025-06-29 -Period Week; ";

        private readonly string _folder = Path.Combine(Path.GetTempPath(), "matomops-export-" + Guid.NewGuid().ToString("N"));

        public ChartExportTests(ServerFixture fixture) : base(fixture) => Directory.CreateDirectory(_folder);

        public override void Dispose()
        {
            base.Dispose();
            Directory.Delete(_folder, recursive: true);
        }

        private string Export(string command)
        {
            string file = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".html");
            Shell.Run(Fetch + command, new Dictionary<string, object?>
            {
                ["url"] = Fixture.Server.BaseUrl, ["token"] = FakeTokens.View, ["file"] = file,
            });
            Assert.Empty(Shell.Errors);
            return File.ReadAllText(file);
        }

        private static string[] Labels(string html) =>
            ChartPageTests.Block(html, "chart-data").GetProperty("datasets").EnumerateArray().Select(d => d.GetProperty("label").GetString()!).ToArray();

        [Fact]
        public void The_page_says_which_site_and_days_it_shows_and_when_it_was_made()
        {
            string html = Export("$rows | Export-MatomoChart -Path $file");

            Assert.Matches(@"^Site 1 \u00b7 2025-04-07 to 2025-06-29 \u00b7 made \d{4}-\d\d-\d\d \d\d:\d\d UTC$", ChartPageTests.Caption(html));
            var layout = ChartPageTests.Block(html, "chart-layout");
            Assert.Equal("Week", layout.GetProperty("xTitle").GetString());
            Assert.Equal("Visits", layout.GetProperty("yTitle").GetString());
        }

        [Fact]
        public void By_default_the_total_gets_its_own_axis_on_the_right()
        {
            string html = Export("$rows | Export-MatomoChart -Path $file");

            var layout = ChartPageTests.Block(html, "chart-layout");
            Assert.True(layout.GetProperty("secondAxis").GetBoolean());
            Assert.Equal("Total (Visits)", layout.GetProperty("y2Title").GetString());
            var total = ChartPageTests.Block(html, "chart-data").GetProperty("datasets").EnumerateArray().Single(d => d.GetProperty("label").GetString() == "Total");
            Assert.Equal("y2", total.GetProperty("yAxisID").GetString());
        }

        [Fact]
        public void Total_Hidden_draws_the_languages_alone_and_keeps_the_total_in_the_table()
        {
            string html = Export("$rows | Export-MatomoChart -Path $file -Total Hidden");

            Assert.Equal(new[] { "de", "en", "ar" }, Labels(html));
            Assert.Contains("<th scope=\"col\">Total</th>", html);
            Assert.False(ChartPageTests.Block(html, "chart-layout").GetProperty("secondAxis").GetBoolean());
        }

        [Fact]
        public void Chart_data_keeps_its_rows_description_and_is_not_changed_by_the_export()
        {
            string html = Export("$data = $rows | ConvertTo-MatomoChartData; $data | Export-MatomoChart -Path $file; " +
                "$data.Datasets | Where-Object { $null -ne $_.YAxisId } | ForEach-Object Label");

            Assert.Empty(Shell.Output);
            Assert.StartsWith("Site 1 \u00b7 2025-04-07 to 2025-06-29 \u00b7 made ", ChartPageTests.Caption(html));
            Assert.Equal(new[] { "de", "en", "ar", "Total" }, Labels(html));
            Assert.Contains("\"yAxisID\":\"y2\"", ChartPageTests.Block(html, "chart-data").GetRawText());
        }

        [Fact]
        public void ConvertTo_MatomoChartData_json_has_no_axis_ids_for_a_page_of_ones_own()
        {
            Shell.Run(Fetch + "$rows | ConvertTo-MatomoChartData -AsJson", new Dictionary<string, object?> { ["url"] = Fixture.Server.BaseUrl, ["token"] = FakeTokens.View });

            Assert.Empty(Shell.Errors);
            string json = Assert.IsType<string>(Assert.Single(Shell.Output).BaseObject);
            Assert.DoesNotContain("yAxisID", json);
            Assert.Equal(4, Regex.Matches(json, "\"borderColor\"").Count);
        }
    }
}
