using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;

using MatomoPS.Client;

namespace MatomoPS.Messages
{
    /// <summary>What a column of a message table holds, which decides how its cells are written.</summary>
    internal enum MatomoMessageColumnKind
    {
        /// <summary>Text, dates and anything else: left-aligned.</summary>
        Text,

        /// <summary>Numbers only: right-aligned, with the culture's thousands separators.</summary>
        Number,

        /// <summary>
        /// Numbers that are a change against something compared (a property <c>Change</c>, or a name ending in
        /// <c>_change</c> or <c>Change</c>): right-aligned, signed, coloured up or down.
        /// </summary>
        Change,
    }

    /// <summary>
    /// Objects as a table for a message: the columns (every property of the objects in first-seen order, as Export-Csv
    /// would take them from all objects rather than the first, or the ones named) and each cell's value and text.
    /// </summary>
    internal sealed class MatomoMessageTable
    {
        private MatomoMessageTable(IReadOnlyList<string> columns, IReadOnlyList<MatomoMessageColumnKind> kinds, IReadOnlyList<object?[]> rows)
        {
            Columns = columns;
            Kinds = kinds;
            Rows = rows;
        }

        public IReadOnlyList<string> Columns { get; }

        public IReadOnlyList<MatomoMessageColumnKind> Kinds { get; }

        /// <summary>Each row's values, aligned with <see cref="Columns"/>; null where the object has no such property.</summary>
        public IReadOnlyList<object?[]> Rows { get; }

        /// <summary>The table of <paramref name="objects"/>.</summary>
        /// <param name="objects">Objects with properties.</param>
        /// <param name="properties">The columns to show, in order; null for every property.</param>
        /// <exception cref="MatomoArgumentException">A named property is on none of the objects.</exception>
        public static MatomoMessageTable FromObjects(IReadOnlyList<PSObject> objects, IReadOnlyList<string>? properties)
        {
            var seen = new List<string>();
            var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var item in objects)
                foreach (var property in item.Properties)
                    if (known.Add(property.Name)) seen.Add(property.Name);
            var columns = seen;
            if (properties != null)
            {
                var missing = properties.Where(p => !known.Contains(p)).ToList();
                if (missing.Count > 0)
                    throw new MatomoArgumentException(
                        $"-Property {string.Join(", ", missing)}: {(missing.Count == 1 ? "it is" : "they are")} on none of the rows, which have {string.Join(", ", seen)}.");
                columns = properties.Select(p => seen.First(s => string.Equals(s, p, StringComparison.OrdinalIgnoreCase))).ToList();
            }
            var rows = objects.Select(item => columns.Select(c => Unwrap(item.Properties[c]?.Value)).ToArray()).ToList();
            var kinds = columns.Select((name, c) => KindOf(name, rows.Select(r => r[c]))).ToList();
            return new MatomoMessageTable(columns, kinds, rows);
        }

        /// <summary>True for the names a comparison gives its change columns.</summary>
        public static bool IsChangeName(string name) =>
            name.Equals("Change", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("_change", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("Change", StringComparison.Ordinal);

        /// <summary>A cell's text: numbers with the culture's separators (a change with its sign), dates as yyyy-MM-dd.</summary>
        public static string Text(object? value, MatomoMessageColumnKind kind, CultureInfo culture)
        {
            switch (value)
            {
                case null: return string.Empty;
                case DateTime date:
                    return date.TimeOfDay == TimeSpan.Zero
                        ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                        : date.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
                case DateTimeOffset moment: return moment.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);
            }
            if (!IsNumber(value)) return Convert.ToString(value, culture) ?? string.Empty;
            // Doubles as doubles: a decimal cannot hold every double.
            string text = value is double || value is float
                ? Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("#,0.####", culture)
                : Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString("#,0.####", culture);
            return kind == MatomoMessageColumnKind.Change && Direction(value) > 0 ? "+" + text : text;
        }

        /// <summary>The sign of a change cell: 1 up, -1 down, 0 neither (or not a number).</summary>
        public static int Direction(object? value) => IsNumber(value) ? Math.Sign(Convert.ToDouble(value, CultureInfo.InvariantCulture)) : 0;

        private static MatomoMessageColumnKind KindOf(string name, IEnumerable<object?> values)
        {
            var present = values.Where(v => v != null).ToList();
            if (present.Count == 0 || !present.All(IsNumber)) return MatomoMessageColumnKind.Text;
            return IsChangeName(name) ? MatomoMessageColumnKind.Change : MatomoMessageColumnKind.Number;
        }

        private static bool IsNumber(object? value) => value is byte || value is sbyte || value is short || value is ushort || value is int
            || value is uint || value is long || value is ulong || value is decimal
            || (value is double d && !double.IsNaN(d) && !double.IsInfinity(d))
            || (value is float f && !float.IsNaN(f) && !float.IsInfinity(f));

        private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
    }
}
