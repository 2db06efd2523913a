using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

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

        /// <summary>
        /// The constants typed after <paramref name="parameterName"/> in the command line (<c>-SiteId 1, 2, </c>,
        /// <c>-Language de, en, </c>): PowerShell does not bind a list that is still being typed, so completers read the
        /// command's syntax tree too.
        /// </summary>
        public static IEnumerable<object> TypedAfter(CommandAst? command, string parameterName)
        {
            if (command == null) yield break;
            var elements = command.CommandElements;
            for (int i = 0; i < elements.Count - 1; i++)
            {
                if (!(elements[i] is CommandParameterAst parameter)
                    || !parameterName.StartsWith(parameter.ParameterName, StringComparison.OrdinalIgnoreCase)) continue;
                foreach (var constant in elements[i + 1].FindAll(ast => ast is ConstantExpressionAst, false).Cast<ConstantExpressionAst>())
                    if (constant.Value != null) yield return constant.Value;
            }
        }
    }
}
