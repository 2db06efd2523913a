using System;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace MatomoPS.Client
{
    /// <summary>The readable words of an answer that is not the JSON asked for: an HTML page, a proxy's text.</summary>
    internal static class MatomoAnswerText
    {
        private static readonly Regex Hidden = new Regex("<(script|style|head)[^>]*>.*?</\\1\\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant);
        private static readonly Regex Tag = new Regex("<[^>]*>", RegexOptions.CultureInvariant);
        private static readonly Regex Space = new Regex("\\s+", RegexOptions.CultureInvariant);

        /// <summary>The first words of an answer in quotes, with HTML tags, scripts and styles removed.</summary>
        public static string Snippet(byte[] body)
        {
            string text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 64 * 1024));
            text = Hidden.Replace(text, " ");
            text = Tag.Replace(text, " ");
            text = WebUtility.HtmlDecode(text);
            text = Space.Replace(text, " ").Trim();
            return "'" + MatomoFailures.Quote(text) + "'";
        }

        /// <summary>How an answer is described in a message: "an empty answer", or its content type.</summary>
        public static string Describe(byte[] body, string? contentType) =>
            body.Length == 0 ? "an empty answer" : $"{(string.IsNullOrEmpty(contentType) ? "an answer" : contentType)} that is not JSON";
    }
}
