using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MatomoPS.Client;
using MatomoPS.Charts;

namespace MatomoPS
{
    /// <summary>
    /// ConvertTo-MatomoTable: rows in, one object per period out (Date, Label, Key, then a property per series),
    /// the wide shape Export-Csv and Excel want. A series without a row for a period gets an empty cell, not 0.
    /// The default table view fits the console: with more series than fit, it shows the first ones, then the last (the
    /// Total), then a column whose header says how many it left out; the objects keep every series.
    /// </summary>
    [Cmdlet(VerbsData.ConvertTo, "MatomoTable")]
    [OutputType(typeof(PSObject))]
    public sealed class ConvertToMatomoTableCommand : MatomoRowsCmdlet
    {
        /// <summary>The type name every row carries (after the name of its column set).</summary>
        public const string TypeName = MatomoTableView.BaseTypeName;
        private static readonly string[] FixedColumns = { "Date", "Label", "Key" };
        private const int DefaultWidth = 120;

        /// <summary>The rows to arrange.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        public PSObject[] InputObject { get; set; } = Array.Empty<PSObject>();

        /// <summary>Gathers the rows.</summary>
        protected override void ProcessRecord() => Gather(InputObject);

        /// <summary>Writes one object per period.</summary>
        protected override void WriteResult()
        {
            var grid = BuildGrid();
            CheckColumnNames(grid.Series);
            var shown = ShownSeries(grid, ConsoleWidth());
            int leftOut = grid.Series.Count - shown.Count;
            string viewName = MatomoTableView.TypeNameFor(leftOut == 0 ? shown : shown.Concat(new[] { "+" + leftOut }).ToList());
            bool hasView = MatomoTableView.EnsureSeries(this, viewName, shown, leftOut);
            for (int p = 0; p < grid.Periods.Count; p++)
            {
                var period = grid.Periods[p];
                var line = new PSObject();
                line.TypeNames.Insert(0, TypeName);
                if (hasView) line.TypeNames.Insert(0, viewName);
                line.Properties.Add(new PSNoteProperty("Date", period.Date));
                line.Properties.Add(new PSNoteProperty("Label", period.Label));
                line.Properties.Add(new PSNoteProperty("Key", period.Key));
                for (int s = 0; s < grid.Series.Count; s++)
                    line.Properties.Add(new PSNoteProperty(grid.Series[s], grid.Value(s, p)));
                WriteObject(line);
            }
        }

        /// <summary>The width the table is shown in: the console's, or 120 (Out-String's default) without one.</summary>
        private int ConsoleWidth()
        {
            try
            {
                int width = Host?.UI?.RawUI?.BufferSize.Width ?? 0;
                return width > 0 ? width : DefaultWidth;
            }
            catch (Exception error) when (error is NotImplementedException || error is System.Management.Automation.Host.HostException || error is System.IO.IOException)
            {
                return DefaultWidth;
            }
        }

        /// <summary>
        /// The series the table view shows: all that fit <paramref name="width"/> (the label first, each column as wide as
        /// its name or its widest number), else the first ones that fit with the last series (the Total, or Others of
        /// report rows) kept at the end and room for the column that says how many are left out. Every series stays a
        /// property of the objects: only the default view leaves some out.
        /// </summary>
        private static IReadOnlyList<string> ShownSeries(MatomoSeriesGrid grid, int width)
        {
            int Width(int s) => 1 + Math.Max(grid.Series[s].Length,
                Enumerable.Range(0, grid.Periods.Count).Select(p => grid.Value(s, p)?.ToString(System.Globalization.CultureInfo.CurrentCulture).Length ?? 0).DefaultIfEmpty(0).Max());
            int label = grid.Periods.Select(period => period.Label.Length).DefaultIfEmpty(0).Max();
            int all = label + Enumerable.Range(0, grid.Series.Count).Sum(Width);
            if (all < width || grid.Series.Count < 2) return grid.Series;
            int last = grid.Series.Count - 1;
            // The last series, and the column saying how many are left out ("+NN": its header and a space).
            int used = label + Width(last) + 1 + ("+" + grid.Series.Count).Length;
            var shown = new List<string>();
            for (int s = 0; s < last && used + Width(s) < width; s++)
            {
                used += Width(s);
                shown.Add(grid.Series[s]);
            }
            shown.Add(grid.Series[last]);
            return shown;
        }

        /// <summary>PowerShell property names ignore case: two series that differ only in case, or a series named like a fixed column, would collide.</summary>
        private static void CheckColumnNames(IReadOnlyList<string> series)
        {
            var seen = new HashSet<string>(FixedColumns, StringComparer.OrdinalIgnoreCase);
            foreach (string name in series)
            {
                if (string.IsNullOrEmpty(name))
                    throw new MatomoArgumentException("A series has an empty name and cannot become a column.");
                if (!seen.Add(name))
                    throw new MatomoArgumentException(FixedColumns.Contains(name, StringComparer.OrdinalIgnoreCase)
                        ? $"The series '{name}' has the name of a fixed column ({string.Join(", ", FixedColumns)}); rename it (e.g. -SegmentTemplate or Select-Object) before making a table."
                        : $"Two series, '{name}' and another differing only in case, would become the same column; PowerShell property names ignore case.");
            }
        }
    }
}
