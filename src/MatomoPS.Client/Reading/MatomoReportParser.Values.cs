using System;
using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;

namespace MatomoPS.Client
{
    internal sealed partial class MatomoReportParser
    {
        /// <summary>
        /// Adds a column's value as a cell: a number (also one sent as text, as Matomo does for some day columns), a text
        /// (where it is in the answer), true or false, null, or the JSON of a nested value.
        /// </summary>
        private void AddCell(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    if (TryWhole(reader.ValueSpan, out long whole)) _cells.AddWhole(whole);
                    else _cells.AddReal(reader.GetDouble());
                    break;
                case JsonTokenType.String:
                    if (!reader.ValueIsEscaped && AddNumberText(reader.ValueSpan)) break;
                    _cells.AddText((int)reader.TokenStartIndex, reader.ValueSpan.Length + 2, reader.ValueIsEscaped);
                    break;
                case JsonTokenType.True:
                case JsonTokenType.False:
                    _cells.AddBoolean(reader.TokenType == JsonTokenType.True);
                    break;
                case JsonTokenType.Null:
                    _cells.AddNull();
                    break;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    int start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    _cells.AddJson(start, (int)reader.BytesConsumed - start);
                    break;
                default:
                    throw Shape(ref reader, "a column value");
            }
        }

        /// <summary>A number written as text ("12", as a day's archive sends some counts) becomes a number cell.</summary>
        private bool AddNumberText(ReadOnlySpan<byte> text)
        {
            if (text.Length == 0 || text.Length > 32 || !(text[0] == '-' || (text[0] >= '0' && text[0] <= '9'))) return false;
            if (TryWhole(text, out long whole)) _cells.AddWhole(whole);
            else if (Utf8Parser.TryParse(text, out double real, out int used) && used == text.Length) _cells.AddReal(real);
            else return false;
            return true;
        }

        /// <summary>
        /// A whole number of up to 18 digits, read by hand: most cells are small counts, and this is the parser's most
        /// frequent step. Anything else (a fraction, an exponent, more digits) is left to the general parsers.
        /// </summary>
        private static bool TryWhole(ReadOnlySpan<byte> text, out long value)
        {
            value = 0;
            int i = text.Length > 0 && text[0] == '-' ? 1 : 0;
            if (text.Length == i || text.Length - i > 18) return false;
            for (; i < text.Length; i++)
            {
                int digit = text[i] - '0';
                if ((uint)digit > 9) return false;
                value = value * 10 + digit;
            }
            if (text[0] == '-') value = -value;
            return true;
        }

        /// <summary>Where a label or segment is in the answer, read when first asked for; -1 for none.</summary>
        private static long TextAt(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    return MatomoReportCells.Reference((int)reader.TokenStartIndex, reader.ValueSpan.Length + 2, reader.ValueIsEscaped);
                case JsonTokenType.Number:
                    return MatomoReportCells.Reference((int)reader.TokenStartIndex, reader.ValueSpan.Length, escaped: false);
                default:
                    reader.Skip();
                    return -1;
            }
        }

        private int? ReadSubtableId(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int id)) return id;
            if (reader.TokenType == JsonTokenType.String && int.TryParse(reader.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out id)) return id;
            if (reader.TokenType == JsonTokenType.Null) return null;
            throw Shape(ref reader, "a subtable id");
        }
    }
}
