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
    /// </summary>
    [Cmdlet(VerbsData.ConvertTo, "MatomoTable")]
    [OutputType(typeof(PSObject))]
    public sealed class ConvertToMatomoTableCommand : MatomoRowsCmdlet
    {
        /// <summary>The type name every row carries (after the name of its column set).</summary>
        public const string TypeName = MatomoTableView.BaseTypeName;
        private static readonly string[] FixedColumns = { "Date", "Label", "Key" };

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
            string viewName = MatomoTableView.TypeNameFor(grid.Series);
            bool hasView = MatomoTableView.Ensure(this, viewName, grid.Series);
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
