using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;

namespace FakeMatomo
{
    /// <summary>
    /// A segment decoded the way Matomo decodes it: split on <c>;</c> (AND) and <c>,</c> (OR, binding tighter),
    /// each condition split at its first operator, each value URL-decoded once.
    /// </summary>
    public sealed class FakeSegment
    {
        private static readonly string[] Operators = { "==", "!=", "<=", ">=", "=@", "!@", "=^", "=$", "<", ">" };
        private static readonly HashSet<string> Dimensions = new HashSet<string> { "pageUrl", "pageTitle", "languageCode", "browserCode", "userId", "actions", "visitorId", "referrerType", "countryCode" };
        private readonly List<List<Condition>> _allOf;

        private FakeSegment(List<List<Condition>> allOf, string definition)
        {
            _allOf = allOf;
            Definition = definition;
        }

        /// <summary>A segment no visit matches: the reports of a segment the server never processed.</summary>
        public static readonly FakeSegment Nothing = new FakeSegment(new List<List<Condition>> { new List<Condition>() }, string.Empty);

        /// <summary>The segment parameter as received (values still encoded).</summary>
        public string Definition { get; }

        /// <summary>Parses a segment parameter; throws <see cref="FakeApiException"/> with Matomo's message when it is not valid.</summary>
        public static FakeSegment Parse(string definition)
        {
            var allOf = new List<List<Condition>>();
            foreach (string andPart in definition.Split(';'))
            {
                var anyOf = new List<Condition>();
                foreach (string orPart in andPart.Split(','))
                    anyOf.Add(ParseCondition(orPart, definition));
                allOf.Add(anyOf);
            }
            return new FakeSegment(allOf, definition);
        }

        /// <summary>
        /// True when some action of the visit, together with the visit, meets the whole segment: as in Matomo's SQL, which
        /// joins each visit to its actions, two conditions on the page URL joined by AND must hold for the same action
        /// (<c>pageUrl=@/en/;pageUrl=@/de/</c> finds no visit that went from /en/ to /de/). The segment then selects the
        /// whole visit, with all its actions.
        /// </summary>
        public bool Matches(FakeVisit visit) =>
            visit.PageUrls.Any(url => _allOf.All(anyOf => anyOf.Any(condition => condition.Matches(visit, url))));

        /// <summary>The decoded values, for tests that check what the double understood.</summary>
        public IEnumerable<string> Values => _allOf.SelectMany(anyOf => anyOf).Select(condition => condition.Value);

        private static Condition ParseCondition(string text, string definition)
        {
            for (int i = 1; i < text.Length; i++)
                foreach (string op in Operators)
                    if (string.CompareOrdinal(text, i, op, 0, op.Length) == 0)
                    {
                        string dimension = text.Substring(0, i);
                        if (!Dimensions.Contains(dimension))
                            throw new FakeApiException($"Segment '{dimension}' is not a supported segment.");
                        return new Condition(dimension, op, WebUtility.UrlDecode(text.Substring(i + op.Length)));
                    }
            throw new FakeApiException($"The segment condition '{text}' is not valid.");
        }

        private sealed class Condition
        {
            public Condition(string dimension, string op, string value)
            {
                Dimension = dimension;
                Operator = op;
                Value = value;
            }

            public string Dimension { get; }
            public string Operator { get; }
            public string Value { get; }

            /// <summary>The condition for one visit and one of its actions (the page URL <paramref name="url"/>).</summary>
            public bool Matches(FakeVisit visit, string url)
            {
                switch (Dimension)
                {
                    case "pageUrl":
                        // Matomo 4+: a negative condition on an action dimension means "no action of the visit matches".
                        if (Operator == "!=") return !visit.PageUrls.Any(other => Compare(other, "=="));
                        if (Operator == "!@") return !visit.PageUrls.Any(other => Compare(other, "=@"));
                        return Compare(url, Operator);
                    case "pageTitle":
                        if (Operator == "!=") return !visit.PageUrls.Any(other => Compare(FakePages.Title(other), "=="));
                        if (Operator == "!@") return !visit.PageUrls.Any(other => Compare(FakePages.Title(other), "=@"));
                        return Compare(FakePages.Title(url), Operator);
                    case "languageCode": return Compare(visit.LanguageCode, Operator);
                    case "referrerType": return Compare(visit.ReferrerType, Operator);
                    case "countryCode": return Compare(visit.CountryCode, Operator);
                    case "browserCode": return Compare(visit.BrowserCode, Operator);
                    case "userId": return Compare(visit.UserId ?? string.Empty, Operator);
                    case "visitorId": return Compare(visit.VisitorId.ToString(CultureInfo.InvariantCulture), Operator);
                    default: return Compare(visit.Actions.ToString(CultureInfo.InvariantCulture), Operator);
                }
            }

            private bool Compare(string actual, string op)
            {
                switch (op)
                {
                    case "==": return string.Equals(actual, Value, StringComparison.OrdinalIgnoreCase);
                    case "!=": return !string.Equals(actual, Value, StringComparison.OrdinalIgnoreCase);
                    case "=@": return actual.IndexOf(Value, StringComparison.OrdinalIgnoreCase) >= 0;
                    case "!@": return actual.IndexOf(Value, StringComparison.OrdinalIgnoreCase) < 0;
                    case "=^": return actual.StartsWith(Value, StringComparison.OrdinalIgnoreCase);
                    case "=$": return actual.EndsWith(Value, StringComparison.OrdinalIgnoreCase);
                    default:
                        if (!double.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out double left)
                            || !double.TryParse(Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double right))
                            return false;
                        return op switch { "<" => left < right, ">" => left > right, "<=" => left <= right, _ => left >= right };
                }
            }
        }
    }
}
