using System;
using System.Text.RegularExpressions;

namespace MatomoPS.Client
{
    /// <summary>
    /// Pageviews of language folders read from Matomo's page report (<c>Actions.getPageUrls</c>) instead of one segment
    /// per language. Matomo archives its page report for every period anyway, and a folder row such as <c>de</c> holds
    /// the exact pageviews of every page below <c>/de/</c>: all languages come in one request, with no segment to archive.
    /// It counts a language's own pageviews, where a segment counts every action of the visits that touched the language;
    /// the two differ only for visits that cross languages.
    /// </summary>
    internal static class MatomoPageFolders
    {
        /// <summary>The report the folders are read from.</summary>
        public const string Report = "Actions.getPageUrls";

        // The folder at the top of the path: "pageUrl=@/{0}/" (a page URL that holds /de/, read as the folder de), or
        // "pageUrl=^https://host/{0}/" (a page URL that starts with the folder de of that host).
        private static readonly Regex TopFolder = new Regex(@"^pageUrl(=@|=\^[a-z][a-z0-9+.-]*://[^/\s;,]+)/\{0\}/$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        /// <summary>The segment templates whose languages are folders at the top of the path, as the page report reads them.</summary>
        public const string Supported = "pageUrl=@/{0}/ (the default) and pageUrl=^https://host/{0}/";

        /// <summary>Refuses a template whose language is not a folder at the top of the page path.</summary>
        /// <exception cref="MatomoArgumentException">The template names something else (a subdomain, a nested folder, a query parameter, several conditions).</exception>
        public static void CheckTemplate(string template)
        {
            if (template is null || !TopFolder.IsMatch(template.Trim()))
                throw new MatomoArgumentException(
                    $"The page report counts languages that are folders at the top of the page path: it supports the templates {Supported}. "
                    + $"'{template}' is not one of them; count it with segments instead.");
        }
    }
}
