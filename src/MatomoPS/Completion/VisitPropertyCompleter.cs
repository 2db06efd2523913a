using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>Completes -Property of Get-MatomoVisitLog with the properties of a visit; no request.</summary>
    public sealed class VisitPropertyCompleter : IArgumentCompleter
    {
        /// <summary>The properties that start with the word typed.</summary>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return MatomoVisitLogQuery.PropertyNames
                .Where(name => name.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                .Select(name => new CompletionResult(name, name, CompletionResultType.ParameterValue, name))
                .ToList();
        }
    }
}
