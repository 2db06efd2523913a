using System;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MatomoPS.Client
{
    /// <summary>The readable words of an answer that is not the JSON asked for: Matomo's HTML pages, a proxy's text.</summary>
    internal static class MatomoAnswerText
    {
        private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant;
        private static readonly Regex Hidden = new Regex("<(script|style|head)[^>]*>.*?</\\1\\s*>", Options);
        private static readonly Regex Tag = new Regex("<[^>]*>", RegexOptions.CultureInvariant);
        private static readonly Regex Space = new Regex("\\s+", RegexOptions.CultureInvariant);
        // Matomo's error page puts its message in the first <h2> of the content; its maintenance page in the <h1>.
        private static readonly Regex ErrorHeading = new Regex("<div class=\"content\">\\s*<h2>(.*?)</h2>", Options);
        private static readonly Regex Title = new Regex("<title>(.*?)</title>", Options);

        /// <summary>The first words of an answer in quotes, with HTML tags, scripts and styles removed.</summary>
        public static string Snippet(byte[] body) => "'" + MatomoExceptions.Quote(Text(body)) + "'";

        /// <summary>
        /// What a page says: the message of Matomo's error page (<c>&lt;h2&gt;</c>), else the page's words. Empty for an empty answer.
        /// </summary>
        public static string Message(byte[] body)
        {
            string raw = Raw(body);
            var heading = ErrorHeading.Match(raw);
            return heading.Success ? Readable(heading.Groups[1].Value) : Text(body);
        }

        /// <summary>The page's title, such as "Matomo is undergoing maintenance"; empty when it has none.</summary>
        public static string PageTitle(byte[] body)
        {
            var title = Title.Match(Raw(body));
            return title.Success ? Readable(title.Groups[1].Value) : string.Empty;
        }

        /// <summary>True when the answer's first character that is not white space can start a JSON value; HTML and empty answers cannot.</summary>
        public static bool StartsLikeJson(byte[] body)
        {
            // After a UTF-8 byte-order mark, if any, and white space.
            int at = body.Length >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF ? 3 : 0;
            while (at < body.Length && (body[at] == (byte)' ' || body[at] == (byte)'\t' || body[at] == (byte)'\r' || body[at] == (byte)'\n')) at++;
            if (at == body.Length) return false;
            byte first = body[at];
            return first == (byte)'{' || first == (byte)'[' || first == (byte)'"' || first == (byte)'-' || (first >= (byte)'0' && first <= (byte)'9')
                || first == (byte)'t' || first == (byte)'f' || first == (byte)'n';
        }

        /// <summary>
        /// True when an answer that starts an object or a list stops before closing it: cut off. A scan, not a parse
        /// (nothing is kept); JSON that is malformed rather than unfinished is left to the reader to report.
        /// </summary>
        public static bool EndsEarly(byte[] body)
        {
            var reader = new Utf8JsonReader(body, isFinalBlock: false, state: default);
            try
            {
                if (!reader.Read()) return true;
                if (reader.TokenType != JsonTokenType.StartObject && reader.TokenType != JsonTokenType.StartArray) return false;
                while (reader.Read())
                    if (reader.CurrentDepth == 0) return false;
                return true;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        /// <summary>How an answer is described in a message: "an empty answer", or its content type.</summary>
        public static string Describe(byte[] body, string? contentType) =>
            body.Length == 0 ? "an empty answer" : $"{(string.IsNullOrEmpty(contentType) ? "an answer" : contentType)} that is not JSON";

        private static string Text(byte[] body) => Readable(Hidden.Replace(Raw(body), " "));

        private static string Raw(byte[] body) => Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 64 * 1024));

        /// <summary>Text as a user reads it: HTML tags and entities removed, white space collapsed.</summary>
        internal static string Readable(string html) => Space.Replace(WebUtility.HtmlDecode(Tag.Replace(html, " ")), " ").Trim();
    }
}
