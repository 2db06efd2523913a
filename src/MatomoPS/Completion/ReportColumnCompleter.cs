using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace MatomoPS
{
    /// <summary>
    /// Completes -Sort and -Column of Get-MatomoReport with the columns of the report typed for -Report (its metrics, as
    /// the server's report list names them, and label for -Sort), the metric's title as the tooltip.
    /// </summary>
    public sealed class ReportColumnCompleter : IArgumentCompleter
    {
        /// <summary>The report's columns that start with the word typed.</summary>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var report = CompletionReports.Typed(fakeBoundParameters);
            if (report == null) return Enumerable.Empty<CompletionResult>();
            string word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var columns = report.Metrics.Select(metric => (metric.Name, Tip: metric.Title.Length > 0 ? metric.Title : metric.Name)).ToList();
            if (string.Equals(parameterName, "Sort", StringComparison.OrdinalIgnoreCase)) columns.Insert(0, ("label", "The row's label"));
            var typed = new HashSet<string>(BoundValues.Items(fakeBoundParameters?["Column"]).OfType<string>(), StringComparer.OrdinalIgnoreCase);
            return columns
                .GroupBy(column => column.Name, StringComparer.Ordinal).Select(group => group.First())
                .Where(column => column.Name.StartsWith(word, StringComparison.OrdinalIgnoreCase) && !typed.Contains(column.Name))
                .Select(column => new CompletionResult(column.Name, column.Name, CompletionResultType.ParameterValue, column.Tip))
                .ToList();
        }
    }
}
