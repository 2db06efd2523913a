using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace MatomoPS
{
    /// <summary>
    /// Completes -SiteId with the sites the current connection may view, named in the list and tooltip, leaving out
    /// ids already typed. Completion must be instant and offline, so it uses the list the connection received and
    /// never calls the server.
    /// </summary>
    public sealed class SiteIdCompleter : IArgumentCompleter
    {
        /// <summary>The completions for the word being typed.</summary>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var connection = CompletionConnection.From(fakeBoundParameters);
            if (connection == null) return Enumerable.Empty<CompletionResult>();
            string prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var typed = new HashSet<int>(BoundValues.SiteIds(fakeBoundParameters?[parameterName]).Concat(BoundValues.TypedAfter(commandAst, parameterName).OfType<int>()));
            // The word being completed is bound too, as far as it is typed: it is not one to leave out.
            if (int.TryParse(prefix, NumberStyles.None, CultureInfo.InvariantCulture, out int partial)) typed.Remove(partial);
            return connection.Sites
                .Where(site => !typed.Contains(site.SiteId))
                .Where(site => site.SiteId.ToString(CultureInfo.InvariantCulture).StartsWith(prefix, StringComparison.Ordinal)
                    || (prefix.Length > 0 && site.Name.StartsWith(prefix, StringComparison.CurrentCultureIgnoreCase)))
                .Select(site =>
                {
                    string id = site.SiteId.ToString(CultureInfo.InvariantCulture);
                    string tip = site.SiteId == connection.DefaultSiteId ? $"{site.Name} ({site.MainUrl}), the connection's default site" : $"{site.Name} ({site.MainUrl})";
                    return new CompletionResult(id, $"{id} {site.Name}", CompletionResultType.ParameterValue, tip);
                })
                .ToList();
        }
    }
}
