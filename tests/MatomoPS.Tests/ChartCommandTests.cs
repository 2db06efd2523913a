using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using FakeMatomo;
using MatomoPS.Client;
using MatomoPS.Charts;

namespace MatomoPS.Tests
{
    /// <summary>ConvertTo-MatomoChartData, ConvertTo-MatomoTable and Export-MatomoChart on rows the double serves.</summary>
    public sealed class ChartCommandTests : SessionTest
    {
        // Twelve ISO weeks, Monday 2025-04-07 to Sunday 2025-06-29, of German, English and Arabic pages plus the total.
        private const string Fetch =
            "Connect-Matomo -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force); " +
            "$rows = 'de', 'en', 'ar' | Get-MatomoLanguageVisits -Start 2025-04-07 -End 2025-06-29 -Period Week; ";

        private readonly string _folder = Path.Combine(Path.GetTempPath(), "matomops-charts-" + Guid.NewGuid().ToString("N"));

        public ChartCommandTests(ServerFixture fixture) : base(fixture) => Directory.CreateDirectory(_folder);

        public override void Dispose()
        {
            base.Dispose();
            Directory.Delete(_folder, recursive: true);
        }

        private Dictionary<string, object?> ChartVars(string? file = null) => new()
        {
            ["url"] = Fixture.Server.BaseUrl,
            ["token"] = FakeTokens.View,
            ["file"] = file ?? Path.Combine(_folder, "chart.html"),
        };

        private List<MatomoSeriesRow> Rows() => Shell.Run(Fetch + "$rows", ChartVars()).Select(o => (MatomoSeriesRow)o.BaseObject).ToList();

        [Fact]
        public void Chart_data_of_weeks_by_language_and_total_aligns_every_series_to_the_weeks()
        {
            var rows = Rows();
            var output = Shell.Run(Fetch + "$rows | ConvertTo-MatomoChartData", ChartVars());

            Assert.Empty(Shell.Errors);
            var data = Assert.IsType<MatomoChartData>(Assert.Single(output).BaseObject);
            Assert.Equal(12, data.Labels.Count);
            Assert.Equal("Week 15", data.Labels[0]);
            Assert.Equal("2025-04-07,2025-04-13", data.ExportLabels[0]);
            Assert.Equal("2025-06-23,2025-06-29", data.ExportLabels[11]);
            Assert.Equal(new[] { "de", "en", "ar", "Total" }, data.Datasets.Select(d => d.Label));
            foreach (var dataset in data.Datasets)
            {
                var expected = rows.Where(r => r.Series == dataset.Label).OrderBy(r => r.Date).Select(r => r.Value);
                Assert.Equal(expected, dataset.Data);
            }
            Assert.Contains(data.Datasets[3].Data, value => value > 0);
            Assert.Equal("rgb(0, 0, 0)", data.Datasets[3].BorderColor);
            Assert.Equal(3, data.Datasets.Take(3).Select(d => d.BorderColor).Distinct().Count());
        }

        [Fact]
        public void A_series_without_a_row_for_a_week_gets_zero_in_the_chart()
        {
            var output = Shell.Run(Fetch + "$rows | Where-Object { -not ($_.Series -eq 'ar' -and $_.Key -eq '2025-04-14,2025-04-20') } | ConvertTo-MatomoChartData", ChartVars());

            var data = (MatomoChartData)Assert.Single(output).BaseObject;
            var ar = data.Datasets.Single(d => d.Label == "ar");
            Assert.Equal(12, ar.Data.Count);
            Assert.Equal(0, ar.Data[1]);
            Assert.NotEqual(0, ar.Data[0]);
        }

        [Fact]
        public void AsJson_writes_chartjs_names_that_ConvertFrom_Json_reads_back()
        {
            var output = Shell.Run(Fetch + "$json = $rows | ConvertTo-MatomoChartData -AsJson; $json; $json | ConvertFrom-Json", ChartVars());

            Assert.Empty(Shell.Errors);
            Assert.Equal(2, output.Count);
            string json = Assert.IsType<string>(output[0].BaseObject);
            Assert.Contains("\"exportLabels\"", json);
            Assert.Contains("\"borderColor\"", json);
            Assert.DoesNotContain("\"Labels\"", json);
            var parsed = output[1];
            Assert.Equal(12, ((object[])parsed.Properties["labels"].Value).Length);
            var datasets = (object[])parsed.Properties["datasets"].Value;
            Assert.Equal(4, datasets.Length);
            Assert.Equal("Total", ((PSObject)datasets[3]).Properties["label"].Value);
        }

        [Fact]
        public void The_wide_table_has_a_line_per_week_and_a_column_per_series_and_exports_to_csv()
        {
            var rows = Rows();
            string csv = Path.Combine(_folder, "weeks.csv");
            var output = Shell.Run(Fetch + "$rows | ConvertTo-MatomoTable | Export-Csv -Path $file -NoTypeInformation; Import-Csv -Path $file", ChartVars(csv));

            Assert.Empty(Shell.Errors);
            string[] lines = File.ReadAllLines(csv);
            Assert.Equal("\"Date\",\"Label\",\"Key\",\"de\",\"en\",\"ar\",\"Total\"", lines[0]);
            Assert.Equal(13, lines.Length);
            Assert.Equal(12, output.Count);
            var week = output[5];
            Assert.Equal("2025-05-12,2025-05-18", week.Properties["Key"].Value);
            foreach (string series in new[] { "de", "en", "ar", "Total" })
            {
                long expected = rows.Single(r => r.Series == series && r.Key == "2025-05-12,2025-05-18").Value;
                Assert.Equal(expected.ToString(), week.Properties[series].Value);
            }
        }

        [Fact]
        public void The_wide_table_leaves_a_missing_value_empty_rather_than_inventing_zero()
        {
            var output = Shell.Run(Fetch + "$rows | Where-Object { -not ($_.Series -eq 'en' -and $_.Key -eq '2025-04-07,2025-04-13') } | ConvertTo-MatomoTable", ChartVars());

            Assert.Empty(Shell.Errors);
            Assert.Null(output[0].Properties["en"].Value);
            Assert.NotNull(output[1].Properties["en"].Value);
            Assert.IsType<DateTime>(output[0].Properties["Date"].Value);
        }

        [Fact]
        public void The_page_is_one_file_with_chartjs_inlined_and_no_external_reference()
        {
            string file = Path.Combine(_folder, "languages.html");
            var output = Shell.Run(Fetch + "$rows | Export-MatomoChart -Path $file -Title 'Languages per week' -PassThru", ChartVars(file));

            Assert.Empty(Shell.Errors);
            var info = Assert.IsType<FileInfo>(Assert.Single(output).BaseObject);
            Assert.Equal(file, info.FullName);
            Assert.Equal(new[] { "languages.html" }, Directory.GetFiles(_folder).Select(Path.GetFileName));
            string html = File.ReadAllText(file);
            Assert.Contains("Chart.js v4.6.1", html);
            Assert.Contains("<h1>Languages per week</h1>", html);
            Assert.DoesNotMatch(@"(?i)<(script|link|img|iframe)[^>]*\s(src|href)\s*=", html);
            Assert.DoesNotMatch(@"(?i)(src|href)\s*=\s*[""']?\s*(https?:)?//", html);
            Assert.Equal(12, Regex.Matches(html, "<tr><th scope=\"row\">").Count);
        }

        [Fact]
        public void Chart_data_from_the_pipeline_becomes_a_bar_chart_page()
        {
            string file = Path.Combine(_folder, "bars.html");
            Shell.Run(Fetch + "$rows | ConvertTo-MatomoChartData | Export-MatomoChart -Path $file -ChartType Bar", ChartVars(file));

            Assert.Empty(Shell.Errors);
            string html = File.ReadAllText(file);
            Assert.Equal("bar", ChartPageTests.Block(html, "chart-layout").GetProperty("type").GetString());
            // The chart data still knows its rows, so the page is titled as rows would be.
            Assert.Contains("<title>Visits per week</title>", html);
        }

        [Fact]
        public void An_existing_file_is_not_overwritten_without_Force()
        {
            string file = Path.Combine(_folder, "kept.html");
            File.WriteAllText(file, "keep me");

            Shell.Run(Fetch + "$rows | Export-MatomoChart -Path $file", ChartVars(file));

            var error = Assert.Single(Shell.Errors);
            Assert.Equal("MatomoChartFileExists,MatomoPS.ExportMatomoChartCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
            Assert.Contains("-Force", error.Exception.Message);
            Assert.Equal("keep me", File.ReadAllText(file));

            Shell.Run(Fetch + "$rows | Export-MatomoChart -Path $file -Force", ChartVars(file));
            Assert.Empty(Shell.Errors);
            Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(file));
        }

        [Fact]
        public void A_missing_folder_is_a_clear_error_before_anything_is_written()
        {
            string file = Path.Combine(_folder, "no-such-folder", "chart.html");

            Shell.Run(Fetch + "$rows | Export-MatomoChart -Path $file", ChartVars(file));

            var error = Assert.Single(Shell.Errors);
            Assert.Equal("MatomoChartFolderNotFound,MatomoPS.ExportMatomoChartCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Contains("no-such-folder", error.Exception.Message);
            Assert.False(Directory.Exists(Path.Combine(_folder, "no-such-folder")));
        }

        [Fact]
        public void No_rows_write_nothing_and_every_command_says_so_alike()
        {
            string file = Path.Combine(_folder, "empty.html");
            foreach (string command in new[] { "ConvertTo-MatomoChartData", "ConvertTo-MatomoTable", "Export-MatomoChart -Path $file" })
            {
                var output = Shell.Run("@() | " + command, ChartVars(file));

                Assert.Empty(Shell.Errors);
                Assert.Empty(output);
                Assert.Contains("received no rows, so it wrote nothing", Assert.Single(Shell.Warnings));
            }
            Assert.False(File.Exists(file));
        }

        [Fact]
        public void Input_that_is_neither_rows_nor_chart_data_is_refused()
        {
            string file = Path.Combine(_folder, "text.html");

            Shell.Run("'de', 'en' | Export-MatomoChart -Path $file", ChartVars(file));

            var error = Assert.Single(Shell.Errors);
            Assert.Equal(ErrorCategory.InvalidType, error.CategoryInfo.Category);
            Assert.Contains("System.String", error.Exception.Message);
            Assert.False(File.Exists(file));
        }

        [Fact]
        public void Rows_of_mixed_periods_are_a_clear_error_for_every_command()
        {
            const string mixed = "$month = 'de' | Get-MatomoLanguageVisits -Start 2025-04-01 -End 2025-04-30 -Period Month -NoTotal; $all = @($rows) + @($month); ";
            foreach (string command in new[] { "ConvertTo-MatomoChartData", "ConvertTo-MatomoTable", "Export-MatomoChart -Path $file" })
            {
                Shell.Run(Fetch + mixed + "$all | " + command, ChartVars());

                var error = Assert.Single(Shell.Errors);
                Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
                Assert.Contains("mix periods (Week, Month)", error.Exception.Message);
            }
            Assert.False(File.Exists(Path.Combine(_folder, "chart.html")));
        }

        [Fact]
        public void Two_series_that_would_share_a_column_are_a_clear_error()
        {
            Shell.Run(Fetch + "$rows | ForEach-Object { if ($_.Series -eq 'ar') { $_.Series = 'Key' }; $_ } | ConvertTo-MatomoTable", ChartVars());

            var error = Assert.Single(Shell.Errors);
            Assert.Contains("'Key'", error.Exception.Message);
            Assert.Empty(Shell.Output);
        }

        [Fact]
        public void A_path_outside_the_file_system_is_refused()
        {
            Shell.Run(Fetch + "$rows | Export-MatomoChart -Path variable:chart", ChartVars());

            var error = Assert.Single(Shell.Errors);
            Assert.Equal("MatomoChartPathNotFileSystem,MatomoPS.ExportMatomoChartCommand", error.FullyQualifiedErrorId);
            Assert.Empty(Shell.Run("Get-Variable -Name chart -ErrorAction Ignore"));
        }

        [Fact]
        public void WhatIf_writes_no_page()
        {
            string file = Path.Combine(_folder, "whatif.html");

            Shell.Run(Fetch + "$rows | Export-MatomoChart -Path $file -WhatIf", ChartVars(file));

            Assert.Empty(Shell.Errors);
            Assert.False(File.Exists(file));
        }
    }
}
