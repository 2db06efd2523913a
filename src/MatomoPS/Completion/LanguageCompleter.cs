using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// Completes -Language with the language folders of the site's pages: the top-level folders of its page report over
    /// the last 30 days whose names are language codes (<c>de</c>, <c>pt-br</c>), the busiest first, with their pageviews
    /// as the tooltip. One request per connection and site, kept for the session; nothing without a connection or when
    /// the server does not answer in time.
    /// </summary>
    public sealed class LanguageCompleter : IArgumentCompleter
    {
        private static readonly ConditionalWeakTable<MatomoConnection, ConcurrentDictionary<int, IReadOnlyList<(string Code, long Pageviews)>>> Known =
            new ConditionalWeakTable<MatomoConnection, ConcurrentDictionary<int, IReadOnlyList<(string Code, long Pageviews)>>>();

        /// <summary>The language folders that start with the word typed and are not typed already.</summary>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var connection = CompletionConnection.From(fakeBoundParameters);
            if (connection == null) return Enumerable.Empty<CompletionResult>();
            int siteId = CompletionReports.SiteOf(fakeBoundParameters) ?? connection.DefaultSiteId;
            string word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var typed = new HashSet<string>(BoundValues.Items(fakeBoundParameters?[parameterName]).OfType<string>()
                .Concat(BoundValues.TypedAfter(commandAst, parameterName).OfType<string>()), StringComparer.OrdinalIgnoreCase);
            // The word being completed is typed too, as far as it goes: it is not one to leave out.
            typed.Remove(word);
            return Folders(connection, siteId)
                .Where(folder => folder.Code.StartsWith(word, StringComparison.OrdinalIgnoreCase) && !typed.Contains(folder.Code))
                .Select(folder => new CompletionResult(folder.Code, folder.Code, CompletionResultType.ParameterValue,
                    $"{folder.Code}: {folder.Pageviews.ToString("N0", CultureInfo.CurrentCulture)} pageviews in the last 30 days"))
                .ToList();
        }

        private static IReadOnlyList<(string Code, long Pageviews)> Folders(MatomoConnection connection, int siteId)
        {
            var bySite = Known.GetOrCreateValue(connection);
            if (bySite.TryGetValue(siteId, out var known)) return known;
            var yesterday = MatomoSession.ForCurrentRunspace().Now.UtcDateTime.Date.AddDays(-1);
            using var patience = new CancellationTokenSource(CompletionConnection.Patience);
            try
            {
                var range = MatomoDateRange.Create(MatomoPeriod.Range, yesterday.AddDays(-29), yesterday);
                var byLabel = Task.Run(() => connection.Client.GetTopFoldersAsync(siteId, range, patience.Token)).GetAwaiter().GetResult();
                var folders = byLabel
                    .Select(pair => (Code: pair.Key.Trim('/'), Pageviews: pair.Value))
                    .Where(folder => MatomoLanguageCode.IsCode(folder.Code))
                    .GroupBy(folder => folder.Code, StringComparer.OrdinalIgnoreCase)
                    .Select(group => (Code: group.Key, Pageviews: group.Sum(folder => folder.Pageviews)))
                    .OrderByDescending(folder => folder.Pageviews).ThenBy(folder => folder.Code, StringComparer.Ordinal)
                    .ToList();
                bySite[siteId] = folders;
                return folders;
            }
            catch (Exception error) when (error is MatomoException || error is OperationCanceledException || error is MatomoArgumentException)
            {
                return Array.Empty<(string, long)>();
            }
        }
    }
}
