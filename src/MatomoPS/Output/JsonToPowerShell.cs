using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MatomoPS
{
    /// <summary>
    /// Turns Matomo's JSON into what PowerShell users expect: PSCustomObjects, arrays, numbers and strings.
    /// An answer keyed by date (<c>{"2023-01-01":{...},"2023-01-02":{...}}</c>), or by site and then by date, becomes
    /// one object per date with a <c>Date</c> property (and <c>SiteId</c>) instead of one object with a property per date.
    /// An object with a key twice, which no object of PowerShell's can hold, is a <see cref="FormatException"/>: the
    /// client's call that runs the conversion turns it into an invalid answer of the server.
    /// </summary>
    internal static class JsonToPowerShell
    {
        private static readonly Regex PeriodKey = new Regex(@"^\d{4}(-\d{2}(-\d{2}(,\d{4}-\d{2}-\d{2})?)?)?$", RegexOptions.CultureInvariant);
        // Up to nine digits: a site id is an int.
        private static readonly Regex SiteKey = new Regex(@"^[1-9]\d{0,8}$", RegexOptions.CultureInvariant);

        /// <summary>The objects to write for an answer: one per list item, one per date of a date-keyed answer, else the answer.</summary>
        public static IEnumerable<object?> Rows(JsonElement root)
        {
            if (root.ValueKind == JsonValueKind.Array) return root.EnumerateArray().Select(Convert);
            if (IsKeyedBy(root, SiteKey) && root.EnumerateObject().All(site => IsKeyedBy(site.Value, PeriodKey)))
                return root.EnumerateObject().SelectMany(site => ByDate(site.Value, site.Name));
            if (IsKeyedBy(root, PeriodKey)) return ByDate(root, null);
            return new[] { Convert(root) };
        }

        public static object? Convert(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var result = new PSObject();
                    foreach (var property in element.EnumerateObject()) Add(result, property.Name, Convert(property.Value));
                    return result;
                case JsonValueKind.Array:
                    var items = new List<object?>(element.GetArrayLength());
                    foreach (var item in element.EnumerateArray()) items.Add(Convert(item));
                    return items.ToArray();
                case JsonValueKind.String:
                    return element.GetString();
                case JsonValueKind.Number:
                    if (element.TryGetInt32(out int small)) return small;
                    if (element.TryGetInt64(out long large)) return large;
                    return element.GetDouble();
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }

        /// <summary>
        /// One object per date: a number becomes <c>Value</c>, an object's properties follow <c>Date</c>, and a list
        /// (a report's rows) gives one object per row with <c>Date</c> in front. An empty period (<c>[]</c>) gives a
        /// row with the date alone, so no period goes missing.
        /// </summary>
        private static IEnumerable<object?> ByDate(JsonElement byDate, string? siteId)
        {
            foreach (var period in byDate.EnumerateObject())
            {
                var value = period.Value;
                if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0)
                {
                    foreach (var row in value.EnumerateArray()) yield return Row(siteId, period.Name, row);
                }
                else yield return Row(siteId, period.Name, value);
            }
        }

        private static PSObject Row(string? siteId, string date, JsonElement value)
        {
            var row = new PSObject();
            if (siteId != null) row.Properties.Add(new PSNoteProperty("SiteId", int.Parse(siteId, System.Globalization.CultureInfo.InvariantCulture)));
            row.Properties.Add(new PSNoteProperty("Date", date));
            if (value.ValueKind == JsonValueKind.Object)
                foreach (var property in value.EnumerateObject()) Add(row, property.Name, Convert(property.Value));
            else if (value.ValueKind != JsonValueKind.Array)
                row.Properties.Add(new PSNoteProperty("Value", Convert(value)));
            return row;
        }

        private static void Add(PSObject target, string name, object? value)
        {
            var held = target.Properties[name];
            if (held != null)
                throw new FormatException(held.Name == name ? $"it has the key '{name}' twice in one object."
                    : $"it has the keys '{held.Name}' and '{name}' in one object, which PowerShell's properties (their names ignore case) cannot tell apart.");
            target.Properties.Add(new PSNoteProperty(name, value));
        }

        private static bool IsKeyedBy(JsonElement element, Regex key) =>
            element.ValueKind == JsonValueKind.Object && element.EnumerateObject().Any() && element.EnumerateObject().All(property => key.IsMatch(property.Name));
    }
}
