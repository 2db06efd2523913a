using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MatomoPS.Client
{
    /// <summary>
    /// Reads one report answer straight from its bytes (no document tree): nested by site when several sites were asked
    /// for, keyed by period for a date list, and a table per site and period, which is a list of rows (<c>[]</c> when
    /// empty), one object (a report of one row, such as <c>VisitsSummary.get</c>) or one number (<c>{"value":5}</c>).
    /// One parser per answer: it keeps the column names of the rows it read, as a long answer repeats them in every row.
    /// </summary>
    internal sealed partial class MatomoReportParser
    {
        private static readonly byte[] LabelName = Encoding.UTF8.GetBytes("label");
        private static readonly byte[] SegmentName = Encoding.UTF8.GetBytes("segment");
        private static readonly byte[] SubtableIdName = Encoding.UTF8.GetBytes("idsubdatatable");
        private static readonly byte[] NestedName = Encoding.UTF8.GetBytes("subtable");
        private static readonly string[] ValueName = { "value" };

        private readonly byte[] _body;
        private readonly string _method;
        private readonly MatomoExceptions _exceptions;
        // Every column name met so far (its bytes and its string), and the names of the last row read: the next row
        // usually has the same ones in the same order, and then shares the same array.
        private readonly List<(byte[] Utf8, string Name)> _known = new List<(byte[], string)>();
        private string[] _layout = Array.Empty<string>();
        private byte[][] _layoutUtf8 = Array.Empty<byte[]>();
        private string[] _names = new string[32];
        private readonly MatomoReportCells _cells;
        private string? _singleKey;

        public MatomoReportParser(byte[] body, string method, MatomoExceptions exceptions)
        {
            _body = body;
            _method = method;
            _exceptions = exceptions;
            _cells = new MatomoReportCells(body);
        }

        /// <summary>
        /// Reads the answer; <paramref name="open"/> gives the table for a site and a period key (null for a range),
        /// and each table gets its rows. When one period was asked for (<paramref name="singleKey"/>), Matomo may answer
        /// its table without the key, as it does for a single date.
        /// </summary>
        public void Read(IReadOnlyList<int> siteIds, bool periodic, string? singleKey, Func<int, string?, MatomoReportTable> open)
        {
            _singleKey = singleKey;
            try
            {
                ReadAnswer(siteIds, periodic, open);
            }
            catch (JsonException error)
            {
                throw _exceptions.Unreadable(_method, $"is not valid JSON: {error.Message}");
            }
            catch (FormatException error)
            {
                // A number beyond a double's range, on runtimes that refuse infinities (.NET Framework).
                throw _exceptions.Unreadable(_method, $"has a number that cannot be read: {error.Message}");
            }
        }

        private void ReadAnswer(IReadOnlyList<int> siteIds, bool periodic, Func<int, string?, MatomoReportTable> open)
        {
            var reader = new Utf8JsonReader(_body);
            Next(ref reader);
            if (siteIds.Count == 1)
            {
                ReadSite(ref reader, siteIds[0], periodic, open);
            }
            else
            {
                Expect(ref reader, JsonTokenType.StartObject, "an object keyed by site id");
                var sites = new MatomoSiteTally(siteIds, _method, _exceptions);
                while (Next(ref reader) == JsonTokenType.PropertyName)
                {
                    int siteId = sites.Add(reader.GetString()!);
                    Next(ref reader);
                    ReadSite(ref reader, siteId, periodic, open);
                }
                sites.CheckComplete();
            }
            if (reader.Read()) throw Shape(ref reader, "the end of the answer");
        }

        private void ReadSite(ref Utf8JsonReader reader, int siteId, bool periodic, Func<int, string?, MatomoReportTable> open)
        {
            if (!periodic)
            {
                ReadTable(ref reader, open(siteId, null));
                return;
            }
            if (_singleKey != null && !IsKeyedBy(reader, _singleKey))
            {
                ReadTable(ref reader, open(siteId, _singleKey));
                return;
            }
            Expect(ref reader, JsonTokenType.StartObject, "an object keyed by period");
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                var table = open(siteId, reader.GetString()!);
                Next(ref reader);
                ReadTable(ref reader, table);
            }
        }

        /// <summary>True when the value at the reader is an object whose first key is <paramref name="key"/> (a copy of the reader looks ahead).</summary>
        private static bool IsKeyedBy(Utf8JsonReader ahead, string key)
        {
            if (ahead.TokenType != JsonTokenType.StartObject) return false;
            try
            {
                return ahead.Read() && ahead.TokenType == JsonTokenType.PropertyName && ahead.ValueTextEquals(key);
            }
            catch (JsonException)
            {
                return false;
            }
        }

        private void ReadTable(ref Utf8JsonReader reader, MatomoReportTable table)
        {
            int start = (int)reader.TokenStartIndex;
            ReadTableValue(ref reader, table);
            // The table as the answer wrote it, for the cache of closed periods.
            table.Answer = new ArraySegment<byte>(_body, start, (int)reader.BytesConsumed - start);
        }

        private void ReadTableValue(ref Utf8JsonReader reader, MatomoReportTable table)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartArray:
                    var rows = new List<MatomoReportRow>();
                    while (Next(ref reader) != JsonTokenType.EndArray)
                    {
                        Expect(ref reader, JsonTokenType.StartObject, "a report row");
                        rows.Add(ReadRow(ref reader, table).Row);
                    }
                    table.Rows = rows;
                    break;
                case JsonTokenType.StartObject:
                    // A report of one row (VisitsSummary.get), or an empty period as {}.
                    var row = ReadRow(ref reader, table);
                    table.Rows = row.IsEmpty ? Array.Empty<MatomoReportRow>() : new[] { row.Row };
                    break;
                case JsonTokenType.Number:
                case JsonTokenType.String:
                    // A method of one number answers it bare per period ({"2023-01":5}).
                    int cell = _cells.Count;
                    AddCell(ref reader);
                    table.Rows = new[] { new MatomoReportRow(table, _cells, ValueName, cell, -1, -1, null) };
                    break;
                case JsonTokenType.Null:
                    break;
                default:
                    throw Shape(ref reader, "a report table (a list of rows)");
            }
        }

        /// <summary>One row object: its label, segment and subtable id apart, every other column in order.</summary>
        private (MatomoReportRow Row, bool IsEmpty) ReadRow(ref Utf8JsonReader reader, MatomoReportTable table)
        {
            long label = -1, segment = -1;
            int? subtableId = null;
            int count = 0, first = _cells.Count;
            bool sameLayout = true;
            bool any = false;
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                any = true;
                var span = reader.ValueSpan;
                string name;
                // Most rows repeat the columns of the row before: the name at this place is checked first.
                if (count < _layoutUtf8.Length && !reader.ValueIsEscaped && span.SequenceEqual(_layoutUtf8[count]))
                {
                    name = _layout[count];
                }
                else if (!reader.ValueIsEscaped && IsSpecial(span, out var special))
                {
                    Next(ref reader);
                    if (special == LabelName) label = TextAt(ref reader);
                    else if (special == SegmentName) segment = TextAt(ref reader);
                    else if (special == SubtableIdName) subtableId = ReadSubtableId(ref reader);
                    else reader.Skip(); // the nested rows of an expanded report
                    continue;
                }
                else
                {
                    name = ColumnName(ref reader);
                    sameLayout = false;
                }
                Next(ref reader);
                bool minus = reader.ValueSpan.Length > 0 && reader.ValueSpan[0] == (byte)'-';
                int cell = _cells.Count;
                AddCell(ref reader);
                if (minus && _cells.IsNegative(cell) && IsCount(name)) throw NegativeCount(table, name, cell);
                if (count == _names.Length) Array.Resize(ref _names, count * 2);
                _names[count++] = name;
            }
            if (reader.TokenType != JsonTokenType.EndObject) throw Shape(ref reader, "a column of a report row");
            if (!sameLayout || count != _layout.Length) SetLayout(count);
            return (new MatomoReportRow(table, _cells, _layout, first, label, segment, subtableId), !any);
        }

        /// <summary>
        /// True for a column that counts, which no answer may hold below 0: Matomo names its counts nb_... (nb_visits,
        /// nb_hits, nb_conversions) or puts nb_ inside (entry_nb_visits, sum_daily_nb_uniq_visitors). Its evolutions
        /// (nb_conversions_evolution) and every other column may be below 0: revenue as tracked, differences and
        /// evolutions, and the metrics of plugins, which Matomo does not promise to be 0 or more.
        /// </summary>
        private static bool IsCount(string name) =>
            (name.StartsWith("nb_", StringComparison.Ordinal) || name.IndexOf("_nb_", StringComparison.Ordinal) >= 0)
            && !name.EndsWith("_evolution", StringComparison.Ordinal);

        private MatomoException NegativeCount(MatomoReportTable table, string column, int cell) =>
            _exceptions.Unreadable(_method, $"has a negative count in {column} for the period '{table.Key}' of site {table.SiteId}: "
                + $"{Convert.ToString(_cells.Value(cell), CultureInfo.InvariantCulture)}.");

        private static bool IsSpecial(ReadOnlySpan<byte> name, out byte[]? which)
        {
            which = name.Length switch
            {
                5 => LabelName,
                7 => SegmentName,
                8 => NestedName,
                14 => SubtableIdName,
                _ => null,
            };
            return which != null && name.SequenceEqual(which);
        }

        /// <summary>The column's name as a string the parser already holds: any name met before, else a new one.</summary>
        private string ColumnName(ref Utf8JsonReader reader)
        {
            if (reader.ValueIsEscaped) return Known(reader.GetString()!);
            var span = reader.ValueSpan;
            foreach (var (utf8, name) in _known)
                if (span.SequenceEqual(utf8)) return name;
            return Known(Encoding.UTF8.GetString(span.ToArray()));
        }

        private string Known(string name)
        {
            foreach (var (_, known) in _known)
                if (known == name) return known;
            _known.Add((Encoding.UTF8.GetBytes(name), name));
            return name;
        }

        private void SetLayout(int count)
        {
            _layout = new string[count];
            Array.Copy(_names, _layout, count);
            _layoutUtf8 = new byte[count][];
            for (int i = 0; i < count; i++) _layoutUtf8[i] = _known.Find(known => ReferenceEquals(known.Name, _layout[i])).Utf8;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private JsonTokenType Next(ref Utf8JsonReader reader)
        {
            if (!reader.Read()) Ended();
            return reader.TokenType;
        }

        private void Ended() => throw _exceptions.Unreadable(_method, "ends in the middle.");

        private void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what)
        {
            if (reader.TokenType != type) throw Shape(ref reader, what);
        }

        /// <summary>A shape failure that quotes the answer from where it stopped fitting.</summary>
        private MatomoException Shape(ref Utf8JsonReader reader, string expected)
        {
            int at = (int)Math.Min(reader.TokenStartIndex, _body.Length);
            string found = Encoding.UTF8.GetString(_body, at, Math.Min(_body.Length - at, 200));
            return _exceptions.Unreadable(_method, $"has no {expected} where expected: {MatomoExceptions.Quote(found)}");
        }

    }
}
