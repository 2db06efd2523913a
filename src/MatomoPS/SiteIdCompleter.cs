using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace MatomoPS
{
    /// <summary>
    /// Completes -SiteId with the sites the current connection may view. Completion must be instant and
    /// offline, so it uses the list Connect-Matomo received and never calls the server.
    /// </summary>
    public sealed class SiteIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var connection = MatomoSession.Current;
            if (connection == null) return Enumerable.Empty<CompletionResult>();
            string prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return connection.AvailableSiteIds
                .Select(id => id.ToString(CultureInfo.InvariantCulture))
                .Where(id => id.StartsWith(prefix, System.StringComparison.Ordinal))
                .Select(id => new CompletionResult(id, id, CompletionResultType.ParameterValue,
                    id == connection.SiteId.ToString(CultureInfo.InvariantCulture) ? $"Site {id} (the connection's default)" : $"Site {id}"))
                .ToList();
        }
    }
}
