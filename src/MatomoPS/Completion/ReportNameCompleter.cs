using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// Completes -Report with the reports the server of the command's connection (-Connection, else the default) offers (API.getReportMetadata), named by
    /// Module.action with the report's name as the tooltip. The list is read once per connection and site and then kept,
    /// so only the first Tab waits for the server (at most a few seconds); without a connection nothing is offered.
    /// </summary>
    public sealed class ReportNameCompleter : IArgumentCompleter
    {
        /// <summary>The reports whose name starts with the word typed, or, when none does, whose name or title holds it.</summary>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var reports = CompletionReports.Of(fakeBoundParameters);
            string word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var distinct = reports.GroupBy(report => report.Report, StringComparer.Ordinal).Select(group => group.First()).ToList();
            var matches = distinct.Where(report => report.Report.StartsWith(word, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count == 0 && word.Length > 0)
                matches = distinct.Where(report => report.Report.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0
                    || report.Name.IndexOf(word, StringComparison.CurrentCultureIgnoreCase) >= 0).ToList();
            return matches.Select(report => new CompletionResult(report.Report, report.Report, CompletionResultType.ParameterValue,
                $"{report.Name} ({report.Category}{(report.Subcategory.Length > 0 ? " > " + report.Subcategory : string.Empty)})")).ToList();
        }
    }
}
