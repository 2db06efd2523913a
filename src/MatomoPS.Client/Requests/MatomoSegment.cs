using System;
using System.Collections.Generic;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace MatomoPS.Client
{
    /// <summary>
    /// Segments as Matomo's UI writes them (<c>pageUrl=@/de/;browserCode==FF</c>), encoded the way the API
    /// needs them: each condition's value URL-encoded, so that <c>/</c>, <c>&amp;</c>, <c>,</c>, <c>;</c> or <c>%</c>
    /// in a value can neither split the condition nor smuggle a parameter.
    /// </summary>
    internal static class MatomoSegment
    {
        // Longest operators first, so "!=" is not read as "!" followed by "=".
        private static readonly string[] Operators = { "==", "!=", "<=", ">=", "=@", "!@", "=^", "=$", "<", ">" };
        private static readonly Regex Dimension = new Regex("^[A-Za-z][A-Za-z0-9_.]*$", RegexOptions.CultureInvariant);
        private static readonly Regex AlreadyEncoded = new Regex("^(?:[A-Za-z0-9_.~!*'()-]|%[0-9A-Fa-f]{2})*%[0-9A-Fa-f]{2}(?:[A-Za-z0-9_.~!*'()-]|%[0-9A-Fa-f]{2})*$", RegexOptions.CultureInvariant);

        /// <summary>
        /// A segment as given: trimmed, empty when none was given (null). A segment given as white space is refused: it
        /// would silently ask for all visits.
        /// </summary>
        /// <exception cref="MatomoArgumentException">The segment is given but blank.</exception>
        public static string Given(string? segment)
        {
            if (segment == null || segment.Length == 0) return string.Empty;
            if (segment.Trim().Length == 0)
                throw new MatomoArgumentException("The segment is blank; leave the segment out for all visits, or write a condition such as pageUrl=@/de/.");
            return segment.Trim();
        }

        /// <summary>
        /// Encodes each condition's value of a segment. A value that is already URL-encoded (only unreserved
        /// characters and <c>%XX</c> escapes) is left alone. Throws <see cref="MatomoArgumentException"/> for a condition
        /// without a dimension and operator.
        /// </summary>
        public static string Encode(string? segment)
        {
            if (string.IsNullOrWhiteSpace(segment)) return string.Empty;
            string text = segment!.Trim();
            return MapConditions(text, condition => EncodeCondition(condition, text, value => value));
        }

        /// <summary>
        /// Builds a segment from a template whose conditions hold <c>{0}</c>, such as <c>pageUrl=@/{0}/</c>: the
        /// template is split into conditions first and the code is put into each value before encoding, so a code
        /// with any characters stays inside its condition.
        /// </summary>
        public static string FromTemplate(string template, string code)
        {
            if (string.IsNullOrWhiteSpace(template)) throw new MatomoArgumentException("The segment template is empty.");
            if (template.IndexOf("{0}", StringComparison.Ordinal) < 0)
                throw new MatomoArgumentException($"The segment template '{template}' has no {{0}} where the code goes, such as pageUrl=@/{{0}}/.");
            if (string.IsNullOrWhiteSpace(code)) throw new MatomoArgumentException("A language code is empty.");
            return MapConditions(template, condition => EncodeCondition(condition, template, value => value.Replace("{0}", code.Trim())));
        }

        /// <summary>
        /// The segment of a report row as Matomo answers it (ready to put into a URL: each value encoded twice, such as
        /// <c>pageUrl==https%253A%252F%252Fexample.org%252Fen%252F</c>) written as a user writes a segment:
        /// <c>pageUrl==https://example.org/en/</c>. A value that holds <c>,</c> or <c>;</c>, or that would read as encoded
        /// already, stays encoded once, so <see cref="Encode"/> sends exactly the segment Matomo gave.
        /// </summary>
        public static string FromAnswer(string? answer) =>
            string.IsNullOrEmpty(answer) ? string.Empty : MapConditions(answer!, ReadableCondition);

        /// <summary>The readable form of a template for one code: what users see in the rows' Segment property.</summary>
        public static string Describe(string template, string code) => template.Replace("{0}", code.Trim());

        /// <summary>
        /// Each condition of a segment (the text between <c>;</c> and <c>,</c>) through <paramref name="map"/>, joined again
        /// by the same separators.
        /// </summary>
        private static string MapConditions(string segment, Func<string, string> map)
        {
            var result = new StringBuilder();
            int start = 0;
            for (int i = 0; i <= segment.Length; i++)
            {
                if (i < segment.Length && segment[i] != ';' && segment[i] != ',') continue;
                result.Append(map(segment.Substring(start, i - start)));
                if (i < segment.Length) result.Append(segment[i]);
                start = i + 1;
            }
            return result.ToString();
        }

        /// <summary>One condition of a segment Matomo answered, as a user writes it (see <see cref="FromAnswer"/>).</summary>
        private static string ReadableCondition(string condition)
        {
            int at = FindOperator(condition, out string op);
            if (at <= 0) return condition;
            // Once for the URL, once more as Matomo decodes each value (both the way PHP's urldecode does).
            string value = WebUtility.UrlDecode(WebUtility.UrlDecode(condition.Substring(at + op.Length)));
            bool keepEncoded = value.IndexOf(';') >= 0 || value.IndexOf(',') >= 0 || AlreadyEncoded.IsMatch(value);
            return condition.Substring(0, at + op.Length) + (keepEncoded ? Uri.EscapeDataString(value) : value);
        }

        private static string EncodeCondition(string condition, string whole, Func<string, string> fillValue)
        {
            int at = FindOperator(condition, out string op);
            string dimension = at > 0 ? condition.Substring(0, at).Trim() : string.Empty;
            if (!Dimension.IsMatch(dimension))
                throw new MatomoArgumentException($"'{condition}' in the segment '{whole}' is not a condition of the form dimension operator value, such as pageUrl=@/de/ (operators: {string.Join(" ", Operators)}).");
            string value = fillValue(condition.Substring(at + op.Length));
            return dimension + op + (AlreadyEncoded.IsMatch(value) ? value : Uri.EscapeDataString(value));
        }

        /// <summary>The position of the first operator in a condition, preferring the longest operator at that position.</summary>
        private static int FindOperator(string condition, out string found)
        {
            for (int i = 1; i < condition.Length; i++)
                foreach (string op in Operators)
                    if (string.CompareOrdinal(condition, i, op, 0, op.Length) == 0)
                    {
                        found = op;
                        return i;
                    }
            found = string.Empty;
            return -1;
        }
    }
}
