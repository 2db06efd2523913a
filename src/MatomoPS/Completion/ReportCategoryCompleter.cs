using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace MatomoPS
{
    /// <summary>Completes -Category of Get-MatomoReportMetadata with the categories of the server's reports, quoted where they hold a space.</summary>
    public sealed class ReportCategoryCompleter : IArgumentCompleter
    {
        /// <summary>The categories that start with the word typed.</summary>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return CompletionReports.Of(fakeBoundParameters)
                .Select(report => report.Category)
                .Where(category => category.Length > 0 && category.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.Ordinal)
                .Select(category => new CompletionResult(category.IndexOf(' ') >= 0 ? "'" + category.Replace("'", "''") + "'" : category, category,
                    CompletionResultType.ParameterValue, category))
                .ToList();
        }
    }
}
