using System;
using System.Net;
using System.Text.Json;

namespace MatomoPS.Client
{
    /// <summary>Matomo's error answer, <c>{"result":"error","message":"..."}</c>: alone, or in a slot of a bulk answer.</summary>
    internal static class MatomoErrorEnvelope
    {
        private const string NoMessage = "(no message)";

        /// <summary>
        /// Reads the envelope from a raw answer without parsing all of it: an envelope has at most two properties,
        /// so a long report answer is told apart after its first few tokens.
        /// </summary>
        public static bool TryRead(byte[] body, out string message)
        {
            message = string.Empty;
            try
            {
                var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
                bool isError = false;
                string? text = null;
                for (int property = 0; reader.Read() && reader.TokenType == JsonTokenType.PropertyName; property++)
                {
                    if (property >= 2) return false;
                    bool isResult = reader.ValueTextEquals("result"), isMessage = reader.ValueTextEquals("message");
                    if (!reader.Read()) return false;
                    if (isResult) isError = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("error");
                    else if (isMessage && reader.TokenType == JsonTokenType.String) text = reader.GetString();
                    else reader.Skip();
                }
                if (!isError) return false;
                message = Decode(text);
                return true;
            }
            catch (JsonException)
            {
                return false;
            }
            catch (InvalidOperationException)
            {
                // A message that is not UTF-8 is no message of Matomo's: the reader says what is wrong with the answer.
                return false;
            }
        }

        /// <summary>Reads the envelope from a parsed element, such as one slot of a bulk answer.</summary>
        public static bool TryRead(JsonElement element, out string message)
        {
            message = string.Empty;
            if (element.ValueKind != JsonValueKind.Object) return false;
            if (!element.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.String || result.GetString() != "error")
                return false;
            message = Decode(element.TryGetProperty("message", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null);
            return true;
        }

        /// <summary>Matomo HTML-escapes its messages (<c>&amp;#039;</c>); users read them unescaped.</summary>
        private static string Decode(string? raw) => raw == null ? NoMessage : WebUtility.HtmlDecode(raw).Trim();
    }
}
