using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MatomoPS.Client
{
    /// <summary>
    /// Turns every shape of Matomo answer into typed data or a <see cref="MatomoException"/>:
    /// errors (<c>{"result":"error"}</c>), HTML pages, site id lists, and date-keyed series.
    /// </summary>
    public static class MatomoResponseParser
    {
        private const int SnippetLength = 160;

        /// <summary>Parses a raw answer, throwing <see cref="MatomoException"/> for Matomo errors and non-JSON answers.</summary>
        public static JsonDocument ParseDocument(int status, string? contentType, byte[] body, string method)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(body);
            }
            catch (JsonException)
            {
                throw NotJson(status, contentType, body, method);
            }

            if (TryReadError(document.RootElement, out string? message))
            {
                document.Dispose();
                throw new MatomoException(Classify(status, message!), $"Matomo refused {method}: {message}", method, status);
            }
            if (status < 200 || status > 299)
            {
                document.Dispose();
                var kind = IsTransientStatus(status) ? MatomoErrorKind.Transient : MatomoErrorKind.Protocol;
                throw new MatomoException(kind, $"Matomo answered {method} with HTTP {status}: {Snippet(body)}", method, status);
            }
            return document;
        }

        /// <summary>True for the statuses that proxies and Matomo use when a retry may heal: 429, 502, 503, 504.</summary>
        public static bool IsTransientStatus(int status) => status == 429 || status == 502 || status == 503 || status == 504;

        /// <summary>Reads <c>{"result":"error","message":...}</c>; the message comes back HTML-unescaped.</summary>
        public static bool TryReadError(JsonElement element, out string? message)
        {
            message = null;
            if (element.ValueKind != JsonValueKind.Object) return false;
            if (!element.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.String || result.GetString() != "error")
                return false;
            string raw = element.TryGetProperty("message", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString()! : "(no message)";
            message = WebUtility.HtmlDecode(raw).Trim();
            return true;
        }

        /// <summary>Sorts a Matomo error message into a kind, the way Matomo's own connector decides what can heal.</summary>
        public static MatomoErrorKind Classify(int status, string message)
        {
            if (Contains(message, "You can't access") || Contains(message, "access for the website") || Contains(message, "requires 'view' access")
                || Contains(message, "super user access") || Contains(message, "requires 'admin' access") || Contains(message, "requires 'write' access"))
                return MatomoErrorKind.Access;
            if (status == 401 || Contains(message, "Unable to authenticate") || Contains(message, "token_auth") || Contains(message, "Too many failed logins"))
                return MatomoErrorKind.Authentication;
            if (IsTransientStatus(status))
                return MatomoErrorKind.Transient;
            return MatomoErrorKind.InvalidRequest;
        }

        /// <summary>
        /// Reads the answer of <c>SitesManager.getSitesIdWithAtLeastViewAccess</c>: ids as numbers or as strings.
        /// </summary>
        public static IReadOnlyList<int> ReadSiteIds(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Array)
                throw Shape("SitesManager.getSitesIdWithAtLeastViewAccess", "a list of site ids", root);
            var ids = new List<int>(root.GetArrayLength());
            foreach (var item in root.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out int number))
                    ids.Add(number);
                else if (item.ValueKind == JsonValueKind.String && int.TryParse(item.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out int parsed))
                    ids.Add(parsed);
                else
                    throw Shape("SitesManager.getSitesIdWithAtLeastViewAccess", "a list of site ids", item);
            }
            return ids;
        }

        /// <summary>
        /// Reads a single-metric answer for one site: a date-keyed object (<c>{"2023-01-01":5,...}</c>)
        /// or a single period (<c>{"value":5}</c>, with <paramref name="singleKey"/> as its key).
        /// Empty periods (<c>0</c>, <c>[]</c>, <c>""</c>, <c>null</c>) read as 0.
        /// </summary>
        public static IReadOnlyList<KeyValuePair<string, long>> ReadDateKeyedValues(JsonElement element, string method, string singleKey)
        {
            if (element.ValueKind == JsonValueKind.Array && element.GetArrayLength() == 0)
                return Array.Empty<KeyValuePair<string, long>>();
            if (element.ValueKind != JsonValueKind.Object)
                throw Shape(method, "an object keyed by date", element);

            var values = new List<KeyValuePair<string, long>>();
            foreach (var property in element.EnumerateObject())
            {
                if (property.NameEquals("value") && values.Count == 0 && IsSingleProperty(element))
                    return new[] { new KeyValuePair<string, long>(singleKey, ReadCount(property.Value, method, singleKey)) };
                values.Add(new KeyValuePair<string, long>(property.Name, ReadCount(property.Value, method, property.Name)));
            }
            return values;
        }

        /// <summary>Reads one count: a number, a numeric string, or an empty period (<c>[]</c>, <c>""</c>, <c>null</c>, <c>{}</c>) as 0.</summary>
        public static long ReadCount(JsonElement value, string method, string key)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Number:
                    if (value.TryGetInt64(out long whole)) return whole;
                    double real = value.GetDouble();
                    if (real >= 0 && real == Math.Floor(real) && real < long.MaxValue) return (long)real;
                    break;
                case JsonValueKind.String:
                    string text = value.GetString()!;
                    if (text.Length == 0) return 0;
                    if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed)) return parsed;
                    break;
                case JsonValueKind.Null:
                    return 0;
                case JsonValueKind.Array:
                    if (value.GetArrayLength() == 0) return 0;
                    break;
                case JsonValueKind.Object:
                    if (IsEmptyObject(value)) return 0;
                    break;
            }
            throw Shape(method, $"a count for '{key}'", value);
        }

        internal static MatomoException Shape(string method, string expected, JsonElement actual)
        {
            string text = actual.GetRawText();
            if (text.Length > SnippetLength) text = text.Substring(0, SnippetLength) + "...";
            return new MatomoException(MatomoErrorKind.Protocol, $"Matomo's answer to {method} is not {expected}: {text}", method);
        }

        private static MatomoException NotJson(int status, string? contentType, byte[] body, string method)
        {
            var kind = IsTransientStatus(status) ? MatomoErrorKind.Transient : MatomoErrorKind.Protocol;
            string what = body.Length == 0 ? "an empty answer" : $"{(string.IsNullOrEmpty(contentType) ? "an answer" : contentType)} that is not JSON";
            string snippet = body.Length == 0 ? string.Empty : ": " + Snippet(body);
            return new MatomoException(kind, $"Matomo answered {method} with HTTP {status} and {what}{snippet}", method, status);
        }

        /// <summary>The first words of an answer, with HTML tags, scripts and styles removed, for error messages.</summary>
        public static string Snippet(byte[] body)
        {
            string text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 64 * 1024));
            text = Regex.Replace(text, "<(script|style|head)[^>]*>.*?</\\1\\s*>", " ", RegexOptions.IgnoreCase | RegexOptions.Singleline);
            text = Regex.Replace(text, "<[^>]*>", " ");
            text = WebUtility.HtmlDecode(text);
            text = Regex.Replace(text, "\\s+", " ").Trim();
            if (text.Length > SnippetLength) text = text.Substring(0, SnippetLength) + "...";
            return "'" + text + "'";
        }

        private static bool IsSingleProperty(JsonElement element)
        {
            int count = 0;
            foreach (var _ in element.EnumerateObject()) if (++count > 1) return false;
            return count == 1;
        }

        private static bool IsEmptyObject(JsonElement element)
        {
            foreach (var _ in element.EnumerateObject()) return false;
            return true;
        }

        private static bool Contains(string text, string part) => text.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
