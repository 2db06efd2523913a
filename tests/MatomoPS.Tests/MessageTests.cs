using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MatomoPS.Charts;

namespace MatomoPS.Tests
{
    /// <summary>
    /// The reports that leave the machine: ConvertTo-MatomoHtml's mail-safe HTML and ConvertTo-MatomoAdaptiveCard's card,
    /// as a mail client or Teams reads them.
    /// </summary>
    public sealed class MessageTests : SessionTest
    {
        private const string Fetch =
            "Connect-Matomo -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force); " +
            "$rows = 'de', 'en', 'ar' | Get-MatomoLanguageVisits -Start 2025-04-07 -End 2025-06-29 -Period Week; ";

        // Rows as a comparison will give them: a change column of each naming style, up, down and flat.
        private const string Compared =
            "$compared = @([pscustomobject]@{ Label = 'de'; Visits = 1234567; PreviousValue = 1200000; Change = 34567; nb_visits_change = 0.25 }, " +
            "[pscustomobject]@{ Label = 'en <b>'; Visits = 980; PreviousValue = 1000; Change = -20; nb_visits_change = -0.5 }, " +
            "[pscustomobject]@{ Label = 'ar'; Visits = 5; PreviousValue = 5; Change = 0; nb_visits_change = 0 }); ";

        public MessageTests(ServerFixture fixture) : base(fixture) { }

        private string Single(string script)
        {
            var output = Shell.Run(Fetch + Compared + script, Vars());
            Assert.Empty(Shell.Errors);
            return Assert.Single(output).ToString();
        }

        private static string Cell(string html, string text) =>
            Regex.Match(html, "<td[^>]*>" + Regex.Escape(text) + "</td>").Value;

        [Fact]
        public void The_html_has_no_script_no_style_block_and_nothing_from_elsewhere()
        {
            string html = Single("$image = $rows | ConvertTo-MatomoChartImage; $rows | ConvertTo-MatomoTable | ConvertTo-MatomoHtml -Title 'Visits <weekly>' -ChartImage $image");

            Assert.DoesNotMatch("(?i)<script", html);
            Assert.DoesNotMatch("(?i)<style", html);
            Assert.DoesNotMatch("(?i)<link", html);
            Assert.DoesNotMatch(@"(?i)(src|href|background)\s*=\s*""(https?:|//)", html);
            Assert.DoesNotMatch(@"(?i)url\(", html);
            Assert.Contains("<h1 style=\"", html);
            Assert.Contains("Visits &lt;weekly&gt;</h1>", html);
            Assert.Matches("<img src=\"data:image/png;base64,[A-Za-z0-9+/=]+\" alt=\"Line chart: Visits per week\\. Site 1", html);
            Assert.StartsWith("<!DOCTYPE html>", html);
        }

        [Fact]
        public void Numbers_are_right_aligned_with_the_cultures_separators_and_changes_are_signed_and_coloured()
        {
            string html = Single("$compared | ConvertTo-MatomoHtml -Fragment -Culture de-DE");

            Assert.StartsWith("<div", html);
            Assert.Contains("align=\"right\"", Cell(html, "1.234.567"));
            Assert.Contains("text-align:right", Cell(html, "1.200.000"));
            Assert.Contains("color:#116329", Cell(html, "+34.567"));
            Assert.Contains("color:#a40e26", Cell(html, "-20"));
            Assert.Contains("color:#116329", Cell(html, "+0,25"));
            Assert.Contains("color:#a40e26", Cell(html, "-0,5"));
            Assert.DoesNotContain("color:", Cell(html, "1.200.000"));
            Assert.Contains("align=\"left\"", Cell(html, "en &lt;b&gt;"));
            // No change is neither up nor down: 0, uncoloured.
            Assert.Equal(2, Regex.Matches(html, "<td[^>]*>0</td>").Count);
            Assert.DoesNotContain("color:", Cell(html, "0"));
        }

        [Fact]
        public void The_chart_can_be_an_attachment_referred_to_by_its_content_id()
        {
            string html = Single("$image = $rows | ConvertTo-MatomoChartImage -Scale 2; $rows | ConvertTo-MatomoHtml -ChartImage $image -ChartContentId chart@report -Property Label, Series, Value");

            Assert.Matches("<img src=\"cid:chart@report\" alt=\"Line chart[^\"]+\" width=\"960\"", html);
            Assert.Contains(">Series</th>", html);
            Assert.DoesNotContain(">SiteId</th>", html);
        }

        [Theory]
        [InlineData("'text' | ConvertTo-MatomoHtml", "takes objects with properties", ErrorCategory.InvalidType)]
        [InlineData("$compared | ConvertTo-MatomoHtml -Property Label, Nope", "-Property Nope: it is on none of the rows, which have Label, Visits, PreviousValue, Change, nb_visits_change", ErrorCategory.InvalidArgument)]
        [InlineData("$compared | ConvertTo-MatomoHtml -ChartContentId chart", "give the chart too, with -ChartImage", ErrorCategory.InvalidArgument)]
        [InlineData("$svg = $rows | ConvertTo-MatomoChartImage -Format Svg; $compared | ConvertTo-MatomoHtml -ChartImage $svg", "do not show SVG images", ErrorCategory.InvalidArgument)]
        public void Bad_input_is_one_clear_error_and_no_html(string script, string message, ErrorCategory category)
        {
            var output = Shell.Run(Fetch + Compared + script, Vars());

            var error = Assert.Single(Shell.Errors);
            Assert.Contains(message, error.Exception.Message);
            Assert.Equal(category, error.CategoryInfo.Category);
            Assert.DoesNotContain(output, o => o?.BaseObject is string);
        }

        // The shape of Adaptive Card 1.5 for the elements a card of ours may hold: required properties and their types.
        private static void AssertElement(JsonElement element)
        {
            Assert.Equal(JsonValueKind.Object, element.ValueKind);
            string type = element.GetProperty("type").GetString()!;
            switch (type)
            {
                case "TextBlock":
                    Assert.Equal(JsonValueKind.String, element.GetProperty("text").ValueKind);
                    foreach (var (name, allowed) in new[] { ("size", "Default Small Medium Large ExtraLarge"), ("weight", "Default Lighter Bolder"), ("color", "Default Dark Light Accent Good Warning Attention"), ("spacing", "None Small Default Medium Large ExtraLarge Padding"), ("style", "default heading") })
                        if (element.TryGetProperty(name, out var value)) Assert.Contains(value.GetString()!, allowed.Split(' '));
                    if (element.TryGetProperty("wrap", out var wrap)) Assert.True(wrap.ValueKind is JsonValueKind.True or JsonValueKind.False);
                    break;
                case "ColumnSet":
                    foreach (var column in element.GetProperty("columns").EnumerateArray())
                    {
                        Assert.Equal("Column", column.GetProperty("type").GetString());
                        foreach (var item in column.GetProperty("items").EnumerateArray()) AssertElement(item);
                    }
                    break;
                case "Table":
                    int columns = element.GetProperty("columns").GetArrayLength();
                    foreach (var column in element.GetProperty("columns").EnumerateArray()) Assert.Equal(JsonValueKind.Number, column.GetProperty("width").ValueKind);
                    foreach (var row in element.GetProperty("rows").EnumerateArray())
                    {
                        Assert.Equal("TableRow", row.GetProperty("type").GetString());
                        Assert.Equal(columns, row.GetProperty("cells").GetArrayLength());
                        foreach (var cell in row.GetProperty("cells").EnumerateArray())
                        {
                            Assert.Equal("TableCell", cell.GetProperty("type").GetString());
                            foreach (var item in cell.GetProperty("items").EnumerateArray()) AssertElement(item);
                        }
                    }
                    break;
                default:
                    Assert.Fail($"An element of type '{type}' is not one the card should hold.");
                    break;
            }
        }

        private static JsonElement AssertCard(string json)
        {
            var card = JsonDocument.Parse(json).RootElement;
            Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());
            Assert.Equal("1.5", card.GetProperty("version").GetString());
            Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", card.GetProperty("$schema").GetString());
            foreach (var element in card.GetProperty("body").EnumerateArray()) AssertElement(element);
            return card;
        }

        private static List<string> Texts(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.Object => element.EnumerateObject().SelectMany(p => p.Name == "text" && p.Value.ValueKind == JsonValueKind.String ? new List<string> { p.Value.GetString()! } : Texts(p.Value)).ToList(),
            JsonValueKind.Array => element.EnumerateArray().SelectMany(Texts).ToList(),
            _ => new List<string>(),
        };

        [Fact]
        public void The_card_has_the_adaptive_card_1_5_shape_a_title_the_key_figures_with_change_and_a_table()
        {
            var data = Shell.Run(Fetch + "$rows | ConvertTo-MatomoChartData", Vars()).Single().BaseObject as MatomoChartData;
            var card = AssertCard(Single("$rows | ConvertTo-MatomoAdaptiveCard -Title 'Visits last week' -Culture en-US"));

            var texts = Texts(card);
            Assert.Equal("Visits last week", texts[0]);
            Assert.StartsWith("Site 1 \u00b7 2025-04-07 to 2025-06-29", texts[1]);
            var total = data!.Datasets.Single(d => d.Label == "Total");
            Assert.Equal("Total, " + data.Labels[^1], texts[2]);
            Assert.Equal(total.Data[^1].ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-US")), texts[3]);
            long change = total.Data[^1] - total.Data[^2];
            Assert.Matches((change > 0 ? "^\u25B2 \\+" : change < 0 ? "^\u25BC \u2212" : "^= ") + Math.Abs(change).ToString("N0") + ".* vs " + data.Labels[^2] + "$", texts[4]);
            var table = card.GetProperty("body").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "Table");
            Assert.Equal(4, table.GetProperty("rows").GetArrayLength()); // the header, de, en, ar
            Assert.DoesNotContain(texts, t => t.Contains("not shown"));
        }

        [Fact]
        public void A_card_of_100_rows_stays_under_28_KB_and_says_how_many_it_leaves_out()
        {
            const string Hundred = "$data = [MatomoPS.Charts.MatomoChartData]::new(); $data.Labels.AddRange([string[]]('Week 25', 'Week 26')); " +
                "foreach ($i in 1..100) { $data.Datasets.Add([MatomoPS.Charts.MatomoChartDataset]@{ Label = \"/de/a-rather-long-folder-name/page-number-$i/index.html\"; Data = [Collections.Generic.List[long]]@([long](1000000 + $i), [long](1000000 - $i)); BorderColor = 'rgb(0, 114, 178)'; BackgroundColor = 'rgba(0, 114, 178, 0.5)' }) }; ";
            string json = Single(Hundred + "$data | ConvertTo-MatomoAdaptiveCard -MostRows 100 -AsWebhookPayload");

            Assert.True(Encoding.UTF8.GetByteCount(json) < 28 * 1024, $"{Encoding.UTF8.GetByteCount(json)} bytes");
            var payload = JsonDocument.Parse(json).RootElement;
            Assert.Equal("message", payload.GetProperty("type").GetString());
            var attachment = Assert.Single(payload.GetProperty("attachments").EnumerateArray().ToList());
            Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
            var card = AssertCard(attachment.GetProperty("content").GetRawText());
            int rows = card.GetProperty("body").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "Table").GetProperty("rows").GetArrayLength() - 1;
            var note = Regex.Match(Texts(card).Last(), @"^(\d+) of 100 rows not shown: a Teams card holds at most 28 KB");
            Assert.True(note.Success, Texts(card).Last());
            Assert.InRange(rows, 20, 99);
            Assert.Equal(100, rows + int.Parse(note.Groups[1].Value));

            var ten = AssertCard(Single(Hundred + "$data | ConvertTo-MatomoAdaptiveCard"));
            Assert.Equal("90 of 100 rows not shown: the card shows the 10 largest (-MostRows).", Texts(ten).Last());
        }
    }
}
