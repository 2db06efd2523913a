using System;
using System.Text;
using System.Text.Json;

namespace MatomoPS.Client
{
    /// <summary>
    /// The cells of the rows read from one answer, kept as the answer holds them: numbers as numbers, texts as places in
    /// the answer's bytes. A row knows where its cells are; a text becomes a string only when it is read, so reading a
    /// long report costs little more than scanning its JSON. Filled by one reader, then only read.
    /// </summary>
    internal sealed class MatomoReportCells
    {
        private enum Kind : byte { Null, Whole, Real, Text, EscapedText, True, False, Json }

        // Counts repeat: the small ones are boxed once, not once per row.
        private static readonly object[] SmallNumbers = BoxSmallNumbers(1024);
        private static readonly object TrueValue = true, FalseValue = false;

        private readonly byte[] _body;
        private long[] _bits;
        private Kind[] _kinds;

        /// <summary>Cells for an answer; room for about one cell per 24 bytes of it (a number and its name), so they seldom grow.</summary>
        public MatomoReportCells(byte[] body)
        {
            _body = body;
            int room = Math.Max(64, body.Length / 24);
            _bits = new long[room];
            _kinds = new Kind[room];
        }

        /// <summary>The number of cells.</summary>
        public int Count { get; private set; }

        public int AddWhole(long value) => Add(Kind.Whole, value);

        public int AddReal(double value) => Add(Kind.Real, BitConverter.DoubleToInt64Bits(value));

        /// <summary>A JSON string token: where it starts (at its opening quote) and its length with both quotes.</summary>
        public int AddText(int start, int length, bool escaped) => Add(escaped ? Kind.EscapedText : Kind.Text, ((long)start << 32) | (uint)length);

        /// <summary>A nested object or list, kept as its JSON text.</summary>
        public int AddJson(int start, int length) => Add(Kind.Json, ((long)start << 32) | (uint)length);

        public int AddBoolean(bool value) => Add(value ? Kind.True : Kind.False, 0);

        public int AddNull() => Add(Kind.Null, 0);

        /// <summary>True for a number below 0.</summary>
        public bool IsNegative(int cell) =>
            (_kinds[cell] == Kind.Whole && _bits[cell] < 0) || (_kinds[cell] == Kind.Real && BitConverter.Int64BitsToDouble(_bits[cell]) < 0);

        /// <summary>A cell as a user reads it: a long, a double, a string, true or false, or null.</summary>
        public object? Value(int cell)
        {
            long bits = _bits[cell];
            switch (_kinds[cell])
            {
                case Kind.Whole: return bits >= 0 && bits < SmallNumbers.Length ? SmallNumbers[bits] : bits;
                case Kind.Real: return BitConverter.Int64BitsToDouble(bits);
                case Kind.Text:
                case Kind.EscapedText: return Text(cell);
                case Kind.Json: return Encoding.UTF8.GetString(_body, (int)(bits >> 32), (int)(uint)bits);
                case Kind.True: return TrueValue;
                case Kind.False: return FalseValue;
                default: return null;
            }
        }

        /// <summary>
        /// Where a string or number token of the answer is, for a text read later (a label, a segment): its start, its
        /// length (with the quotes of a string) and whether it holds escapes. -1 stands for none.
        /// </summary>
        public static long Reference(int start, int length, bool escaped) => ((long)start << 33) | ((escaped ? 1L : 0L) << 32) | (uint)length;

        /// <summary>The text at a <see cref="Reference"/>: a string's value, or a number's JSON text; empty for none.</summary>
        public string TextAt(long reference)
        {
            if (reference < 0) return string.Empty;
            int start = (int)(reference >> 33), length = (int)(uint)reference;
            if ((reference & (1L << 32)) != 0)
            {
                var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(_body, start, length));
                reader.Read();
                return reader.GetString()!;
            }
            return _body[start] == (byte)'"' ? Encoding.UTF8.GetString(_body, start + 1, length - 2) : Encoding.UTF8.GetString(_body, start, length);
        }

        /// <summary>A cell as text: a string cell's value, a number's JSON text; empty for null.</summary>
        public string Text(int cell)
        {
            long bits = _bits[cell];
            int start = (int)(bits >> 32), length = (int)(uint)bits;
            switch (_kinds[cell])
            {
                case Kind.Text:
                    return Encoding.UTF8.GetString(_body, start + 1, length - 2);
                case Kind.EscapedText:
                    var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(_body, start, length));
                    reader.Read();
                    return reader.GetString()!;
                case Kind.Null:
                    return string.Empty;
                default:
                    return Convert.ToString(Value(cell), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            }
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private int Add(Kind kind, long bits)
        {
            int cell = Count;
            if (cell == _bits.Length) Grow();
            _bits[cell] = bits;
            _kinds[cell] = kind;
            Count = cell + 1;
            return cell;
        }

        private void Grow()
        {
            Array.Resize(ref _bits, _bits.Length * 2);
            Array.Resize(ref _kinds, _kinds.Length * 2);
        }

        private static object[] BoxSmallNumbers(int count)
        {
            var boxes = new object[count];
            for (int i = 0; i < count; i++) boxes[i] = (long)i;
            return boxes;
        }
    }
}
