using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;

namespace MatomoPS
{
    /// <summary>What PowerShell hands a parameter, a transformation or a completer: one value or a list, each possibly wrapped in a PSObject.</summary>
    internal static class BoundValues
    {
        /// <summary>The items of a bound value, unwrapped: the value itself, or each item of a list (a string is one value).</summary>
        public static IEnumerable<object?> Items(object? bound)
        {
            object? value = bound is PSObject wrapped ? wrapped.BaseObject : bound;
            if (value is IEnumerable list && !(value is string))
            {
                foreach (object? item in list) yield return item is PSObject inner ? inner.BaseObject : item;
            }
            else yield return value;
        }

        /// <summary>The site ids among the items: numbers, or texts of whole numbers.</summary>
        public static IEnumerable<int> SiteIds(object? bound)
        {
            foreach (object? item in Items(bound))
                if (item != null && int.TryParse(System.Convert.ToString(item, CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture, out int id))
                    yield return id;
        }
    }
}
