using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// Rows of a series with -Compare: each row as it is, plus the period it is compared with (PreviousDate,
    /// PreviousKey), that period's value (PreviousValue) and the change as a fraction (Change: 0.12 is 12 % more; empty
    /// when the compared value is 0, as no fraction of nothing is a change).
    /// </summary>
    internal static class MatomoComparedRows
    {
        /// <summary>The type name of a compared row, in front of MatomoSeriesRow's: its table view shows the change.</summary>
        public const string TypeName = "MatomoPS.MatomoComparedSeriesRow";

        public static IEnumerable<PSObject> Of(IReadOnlyList<MatomoSeriesRow> rows, MatomoDateRange range, MatomoComparison comparison, IReadOnlyList<MatomoSeriesRow> compared)
        {
            var starts = MatomoComparedPeriods.Starts(range, comparison);
            var previous = compared.ToDictionary(row => (row.SiteId, row.Date));
            foreach (var row in rows)
            {
                var item = new PSObject(row);
                item.TypeNames.Insert(0, TypeName);
                previous.TryGetValue((row.SiteId, starts[row.Date]), out var before);
                item.Properties.Add(new PSNoteProperty("PreviousDate", before?.Date ?? starts[row.Date]));
                item.Properties.Add(new PSNoteProperty("PreviousKey", before?.Key));
                item.Properties.Add(new PSNoteProperty("PreviousValue", before?.Value));
                item.Properties.Add(new PSNoteProperty("Change", MatomoComparedPeriods.Change(row.Value, before?.Value)));
                yield return item;
            }
        }
    }
}
