using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using FakeMatomo;
using MatomoPS.Charts;
using StbImageSharp;

namespace MatomoPS.Tests
{
    /// <summary>
    /// The chart as PNG and SVG, as a viewer gets it: the PNG decoded by another decoder (size, ink, a colour per series,
    /// the total's axis on the right), the SVG read as XML (a path per series, axis titles as text).
    /// </summary>
    public sealed class ChartImageTests : SessionTest
    {
        // Twelve ISO weeks of German, English and Arabic pages plus the total.
        private const string Fetch =
            "Connect-Matomo -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force); " +
            "$rows = 'de', 'en', 'ar' | Get-MatomoLanguageVisits -Start 2025-04-07 -End 2025-06-29 -Period Week; ";

        private static readonly string[] Series = { "de", "en", "ar", "Total" };

        private readonly string _folder = Path.Combine(Path.GetTempPath(), "matomops-image-" + Guid.NewGuid().ToString("N"));

        public ChartImageTests(ServerFixture fixture) : base(fixture) => Directory.CreateDirectory(_folder);

        public override void Dispose()
        {
            base.Dispose();
            Directory.Delete(_folder, recursive: true);
        }

        private List<PSObject> Run(string command, string? file = null)
        {
            var variables = Vars();
            variables["file"] = file;
            var output = Shell.Run(Fetch + command, variables).ToList();
            Assert.Empty(Shell.Errors);
            return output;
        }

        private MatomoChartImage Image(string parameters) =>
            Assert.IsType<MatomoChartImage>(Assert.Single(Run("$rows | ConvertTo-MatomoChartImage " + parameters)).BaseObject);

        private static ImageResult Decode(byte[] png) => ImageResult.FromMemory(png, ColorComponents.RedGreenBlue);

        private static (byte R, byte G, byte B) Rgb(string css)
        {
            var match = Regex.Match(css, @"rgba?\((\d+), (\d+), (\d+)");
            return (byte.Parse(match.Groups[1].Value), byte.Parse(match.Groups[2].Value), byte.Parse(match.Groups[3].Value));
        }

        private static int CountColor(ImageResult image, (byte R, byte G, byte B) color, int fromX = 0)
        {
            int count = 0;
            for (int y = 0; y < image.Height; y++)
                for (int x = fromX; x < image.Width; x++)
                {
                    int at = (y * image.Width + x) * 3;
                    if (image.Data[at] == color.R && image.Data[at + 1] == color.G && image.Data[at + 2] == color.B) count++;
                }
            return count;
        }

        private static int CountInk(ImageResult image, int fromX, int toY) =>
            Enumerable.Range(0, toY).Sum(y => Enumerable.Range(fromX, image.Width - fromX)
                .Count(x => image.Data[(y * image.Width + x) * 3] < 200));

        [Fact]
        public void The_png_has_the_size_asked_for_at_the_scale_asked_for_and_is_not_blank()
        {
            var image = Image("-Width 800 -Height 450 -Scale 2");

            var png = Decode(image.Bytes);
            Assert.Equal((1600, 900), (png.Width, png.Height));
            Assert.Equal((800, 450, 2.0), (image.Width, image.Height, image.Scale));
            Assert.Equal("image/png", image.ContentType);
            int white = CountColor(png, (255, 255, 255));
            Assert.InRange(white, png.Width * png.Height / 2, png.Width * png.Height * 98 / 100);
        }

        [Fact]
        public void Every_series_is_drawn_in_its_own_colour_of_the_palette()
        {
            var colors = Run("$rows | ConvertTo-MatomoChartData | ForEach-Object Datasets | ForEach-Object { $_.Label + '=' + $_.BorderColor }")
                .Select(o => o.ToString().Split('=')).ToDictionary(p => p[0], p => Rgb(p[1]));
            var png = Decode(Image("").Bytes);

            Assert.Equal(Series, colors.Keys);
            Assert.Equal(4, colors.Values.Distinct().Count());
            // A line of twelve weeks across the plot covers far more pixels in its exact colour than its legend swatch's outline (48).
            foreach (var (series, color) in colors)
                Assert.True(CountColor(png, color) > 600, $"{series} ({color}) has {CountColor(png, color)} pixels of its colour");
        }

        [Fact]
        public void The_total_gets_an_axis_of_its_own_on_the_right_unless_told_otherwise()
        {
            var ownAxis = Decode(Image("").Bytes);
            var sameAxis = Decode(Image("-Total SameAxis").Bytes);
            var hidden = Decode(Image("-Total Hidden").Bytes);

            // The picture's right edge, above the period labels, holds the right axis's title and nothing else.
            int strip = ownAxis.Width * 97 / 100, aboveLabels = ownAxis.Height * 80 / 100;
            Assert.True(CountInk(ownAxis, strip, aboveLabels) > 100, "the right axis has a title");
            Assert.Equal(0, CountInk(sameAxis, strip, aboveLabels));
            Assert.Equal(0, CountColor(hidden, (0, 0, 0)));
            Assert.True(CountColor(sameAxis, (0, 0, 0)) > 600, "the total is drawn in black");
        }

        [Fact]
        public void The_svg_has_one_path_per_series_and_its_axis_titles_as_text()
        {
            var image = Image("-Format Svg -Width 700 -Height 400");

            var svg = XDocument.Parse(System.Text.Encoding.UTF8.GetString(image.Bytes));
            XNamespace ns = "http://www.w3.org/2000/svg";
            Assert.Equal(("700", "400"), ((string)svg.Root!.Attribute("width")!, (string)svg.Root.Attribute("height")!));
            var lines = svg.Descendants(ns + "path").Where(p => p.Attribute("data-series") != null).ToList();
            Assert.Equal(Series, lines.Select(p => (string)p.Attribute("data-series")!));
            // A point per week.
            Assert.All(lines, line => Assert.Equal(12, Regex.Matches((string)line.Attribute("d")!, "[ML]").Count));
            var axisTitles = svg.Descendants(ns + "text").Where(t => (string?)t.Attribute("class") == "axis-title").Select(t => t.Value);
            Assert.Equal(new[] { "Week", "Visits", "Total (Visits)" }, axisTitles);
            Assert.Equal("Visits per week", svg.Descendants(ns + "text").Single(t => (string?)t.Attribute("class") == "title").Value);
            Assert.Matches(@"^Site 1 \u00b7 2025-04-07 to 2025-06-29 \u00b7 made ", svg.Descendants(ns + "text").Single(t => (string?)t.Attribute("class") == "caption").Value);
            Assert.Equal(image.AltText, svg.Root.Element(ns + "title")!.Value);
            Assert.Contains("Total (right axis)", image.AltText);
        }

        [Fact]
        public void Export_MatomoChart_writes_the_format_its_extension_names()
        {
            string png = Path.Combine(_folder, "chart.png"), svg = Path.Combine(_folder, "chart.svg"), named = Path.Combine(_folder, "chart.img");
            Run("$rows | Export-MatomoChart -Path $file", png);
            Run("$rows | Export-MatomoChart -Path $file", svg);
            Run("$rows | Export-MatomoChart -Path $file -Format Png -Width 400 -Height 300", named);

            Assert.Equal((960, 540), (Decode(File.ReadAllBytes(png)).Width, Decode(File.ReadAllBytes(png)).Height));
            Assert.Equal("svg", XDocument.Load(svg).Root!.Name.LocalName);
            Assert.Equal(400, Decode(File.ReadAllBytes(named)).Width);
        }

        [Theory]
        [InlineData("chart.txt", "", "has no chart extension (.html, .png or .svg)")]
        [InlineData("chart.png", "-Format Svg", "-Format Svg does not match the file 'chart.png', whose extension says Png")]
        [InlineData("chart.svg", "-Scale 2", "-Scale is for PNG images")]
        [InlineData("chart.html", "-Width 800", "-Width is for images (-Format Png or Svg)")]
        [InlineData("chart.png", "-Width 6000 -Height 6000 -Scale 2", "would have 144,000,000 pixels; the most is 36,000,000")]
        public void Export_MatomoChart_refuses_what_it_would_ignore_before_reading_any_row(string name, string parameters, string message)
        {
            string file = Path.Combine(_folder, name);
            // The rows come from a script block that would fail if it ran: the refusal comes first.
            Shell.Run($"& {{ throw 'input was read' }} | Export-MatomoChart -Path $file {parameters}", new Dictionary<string, object?> { ["file"] = file });

            var error = Assert.Single(Shell.Errors);
            Assert.Contains(message, error.Exception.Message);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.False(File.Exists(file));
        }

        [Fact]
        public void A_legend_too_long_for_the_picture_says_how_many_series_it_leaves_out()
        {
            string script = "$data = [MatomoPS.Charts.MatomoChartData]::new(); $data.Labels.AddRange([string[]]('Jan', 'Feb')); " +
                "foreach ($i in 1..150) { $data.Datasets.Add([MatomoPS.Charts.MatomoChartDataset]@{ Label = \"/de/page-$i/\"; Data = [Collections.Generic.List[long]]@([long]$i, [long]($i * 2)); BorderColor = 'rgb(0, 114, 178)'; BackgroundColor = 'rgba(0, 114, 178, 0.5)' }) }; " +
                "$data | ConvertTo-MatomoChartImage -Format Svg -Width 600 -Height 400";
            var image = (MatomoChartImage)Assert.Single(Shell.Run(script)).BaseObject;
            Assert.Empty(Shell.Errors);

            var svg = XDocument.Parse(System.Text.Encoding.UTF8.GetString(image.Bytes));
            var legend = svg.Descendants().Where(t => (string?)t.Attribute("class") == "legend").Select(t => t.Value).ToList();
            var more = Regex.Match(legend.Last(), @"^and (\d+) more series");
            Assert.True(more.Success, legend.Last());
            Assert.Equal(150, legend.Count - 1 + int.Parse(more.Groups[1].Value));
        }

        [Fact]
        public void A_colour_an_image_cannot_draw_is_an_error_that_names_the_dataset()
        {
            Shell.Run("$data = [MatomoPS.Charts.MatomoChartData]::new(); $data.Labels.Add('Jan'); " +
                "$data.Datasets.Add([MatomoPS.Charts.MatomoChartDataset]@{ Label = 'de'; Data = [Collections.Generic.List[long]]@([long]1); BorderColor = 'hotpink'; BackgroundColor = 'pink' }); " +
                "$data | ConvertTo-MatomoChartImage");

            var error = Assert.Single(Shell.Errors);
            Assert.Contains("The dataset 'de' has the colour 'hotpink'", error.Exception.Message);
            Assert.Empty(Shell.Output);
        }
    
        [Fact]
        public void Numbers_below_zero_are_an_error_rather_than_lines_under_the_axis()
        {
            Shell.Run("$data = [MatomoPS.Charts.MatomoChartData]::new(); $data.Labels.AddRange([string[]]('Jan', 'Feb')); " +
                "$data.Datasets.Add([MatomoPS.Charts.MatomoChartDataset]@{ Label = 'delta'; Data = [Collections.Generic.List[long]]@([long]5, [long]-3); BorderColor = 'rgb(0, 0, 0)'; BackgroundColor = 'rgb(0, 0, 0)' }); " +
                "$data | ConvertTo-MatomoChartImage -Format Svg");

            var error = Assert.Single(Shell.Errors);
            Assert.Contains("The dataset 'delta' has numbers below zero", error.Exception.Message);
            Assert.Empty(Shell.Output);
        }
    }
}
