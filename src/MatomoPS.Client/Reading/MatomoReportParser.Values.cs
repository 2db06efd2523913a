using System;
using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace MatomoPS.Client
{
    internal sealed partial class MatomoReportParser
    {
        // Counts repeat: the small ones are boxed once, not once per row.
        private static readonly object[] SmallNumbers = BoxSmallNumbers(1024);
        private static readonly object True = true, False = false;

        /// <summary>A column's value: a number (also one sent as text, as Matomo does for some day columns), text, true or false, or the JSON of a nested value.</summary>
        private object? Value(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    if (Utf8Parser.TryParse(reader.ValueSpan, out long whole, out int used) && used == reader.ValueSpan.Length) return Box(whole);
                    return reader.GetDouble();
                case JsonTokenType.String:
                    if (!reader.ValueIsEscaped && TryNumber(reader.ValueSpan, out object? number)) return number;
                    return reader.GetString();
                case JsonTokenType.True: return True;
                case JsonTokenType.False: return False;
                case JsonTokenType.Null: return null;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    int start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    return Encoding.UTF8.GetString(_body, start, (int)reader.BytesConsumed - start);
                default:
                    throw Shape(ref reader, "a column value");
            }
        }

        private static bool TryNumber(ReadOnlySpan<byte> text, out object? number)
        {
            number = null;
            if (text.Length == 0 || text.Length > 32 || !(text[0] == '-' || (text[0] >= '0' && text[0] <= '9'))) return false;
            if (Utf8Parser.TryParse(text, out long whole, out int used) && used == text.Length) number = Box(whole);
            else if (Utf8Parser.TryParse(text, out double real, out used) && used == text.Length) number = real;
            return number != null;
        }

        private static object Box(long value) => value >= 0 && value < SmallNumbers.Length ? SmallNumbers[value] : value;

        private static string ReadLabel(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                // Matomo keeps labels HTML-escaped, as it received them ("A &amp; B"); users read them unescaped.
                string text = reader.GetString()!;
                return text.IndexOf('&') >= 0 ? WebUtility.HtmlDecode(text) : text;
            }
            if (reader.TokenType == JsonTokenType.Number) return Encoding.UTF8.GetString(reader.ValueSpan.ToArray());
            if (reader.TokenType != JsonTokenType.Null) reader.Skip();
            return string.Empty;
        }

        private int? ReadSubtableId(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int id)) return id;
            if (reader.TokenType == JsonTokenType.String && int.TryParse(reader.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out id)) return id;
            if (reader.TokenType == JsonTokenType.Null) return null;
            throw Shape(ref reader, "a subtable id");
        }

        private static object[] BoxSmallNumbers(int count)
        {
            var boxes = new object[count];
            for (int i = 0; i < count; i++) boxes[i] = (long)i;
            return boxes;
        }
    }
}
