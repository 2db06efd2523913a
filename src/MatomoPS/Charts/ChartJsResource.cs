using System;
using System.IO;
using System.Text;

namespace MatomoPS
{
    /// <summary>Chart.js's UMD build, embedded in this assembly so chart pages need no network (see THIRD-PARTY-NOTICES.txt).</summary>
    internal static class ChartJsResource
    {
        public const string Name = "MatomoPS.chart.umd.min.js";
        private static readonly Lazy<string> Text = new Lazy<string>(Load);

        public static string Script => Text.Value;

        private static string Load()
        {
            using var stream = typeof(ChartJsResource).Assembly.GetManifestResourceStream(Name)
                ?? throw new InvalidOperationException($"The module assembly lacks its resource {Name}; rebuild it with build.ps1.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }
    }
}
