using System;
using System.Collections.Generic;

namespace MatomoPS.Drawing
{
    /// <summary>
    /// Reads what drawing text needs from a TrueType font file: the character map, advance widths, vertical metrics
    /// and glyph outlines (simple and composite glyphs). No hinting, no kerning, no shaping: charts label with short
    /// left-to-right text, and the same widths serve the SVG layout and the PNG raster, so both agree.
    /// </summary>
    internal sealed class TrueTypeFont
    {
        private readonly byte[] _file;
        private readonly Dictionary<int, int> _glyphOfCharacter = new Dictionary<int, int>();
        private readonly ushort[] _advances;
        private readonly int _glyphTable;
        private readonly int _locationTable;
        private readonly bool _longLocations;
        private readonly int _glyphCount;

        /// <param name="file">The bytes of a .ttf file with TrueType outlines.</param>
        /// <exception cref="FormatException">The file is not such a font.</exception>
        public TrueTypeFont(byte[] file)
        {
            _file = file ?? throw new ArgumentNullException(nameof(file));
            var tables = ReadTableDirectory();
            int head = Table(tables, "head"), hhea = Table(tables, "hhea"), maxp = Table(tables, "maxp"), hmtx = Table(tables, "hmtx");
            _glyphTable = Table(tables, "glyf");
            _locationTable = Table(tables, "loca");
            UnitsPerEm = U16(head + 18);
            _longLocations = S16(head + 50) == 1;
            Ascender = S16(hhea + 4);
            Descender = S16(hhea + 6);
            _glyphCount = U16(maxp + 4);
            int metricCount = U16(hhea + 34);
            _advances = new ushort[_glyphCount];
            for (int glyph = 0; glyph < _glyphCount; glyph++)
                _advances[glyph] = (ushort)U16(hmtx + 4 * Math.Min(glyph, metricCount - 1));
            ReadCharacterMap(Table(tables, "cmap"));
        }

        /// <summary>Font units per em: a size in pixels times <c>units / UnitsPerEm</c> gives pixels.</summary>
        public int UnitsPerEm { get; }

        /// <summary>How far the tallest letters rise above the baseline, in font units.</summary>
        public int Ascender { get; }

        /// <summary>How far descenders reach below the baseline, in font units (negative).</summary>
        public int Descender { get; }

        /// <summary>The width of <paramref name="text"/> at <paramref name="size"/> pixels per em.</summary>
        public double Measure(string text, double size)
        {
            double units = 0;
            foreach (int glyph in Glyphs(text)) units += _advances[glyph];
            return units * size / UnitsPerEm;
        }

        /// <summary>The glyphs of <paramref name="text"/> in order; characters the font lacks get glyph 0 (a box), never nothing.</summary>
        public IEnumerable<int> Glyphs(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                int character = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
                    ? char.ConvertToUtf32(text[i], text[++i])
                    : text[i];
                yield return _glyphOfCharacter.TryGetValue(character, out int glyph) ? glyph : 0;
            }
        }

        /// <summary>The advance width of <paramref name="glyph"/>, in font units.</summary>
        public int Advance(int glyph) => _advances[glyph];

        /// <summary>
        /// The closed contours of <paramref name="glyph"/> in font units (y up), each flattened into points: quadratic
        /// curves become <paramref name="curveSteps"/> straight pieces.
        /// </summary>
        public List<List<(double X, double Y)>> Outline(int glyph, int curveSteps)
        {
            var contours = new List<List<(double X, double Y)>>();
            AddOutline(glyph, 0, 0, curveSteps, contours, depth: 0);
            return contours;
        }

        private void AddOutline(int glyph, double dx, double dy, int curveSteps, List<List<(double X, double Y)>> contours, int depth)
        {
            if (glyph < 0 || glyph >= _glyphCount || depth > 8) return;
            int start = GlyphOffset(glyph), end = GlyphOffset(glyph + 1);
            if (end <= start) return; // a glyph without outline, such as a space
            int at = _glyphTable + start;
            int contourCount = S16(at);
            if (contourCount >= 0) AddSimpleOutline(at, contourCount, dx, dy, curveSteps, contours);
            else AddCompositeOutline(at + 10, dx, dy, curveSteps, contours, depth);
        }

        private void AddSimpleOutline(int at, int contourCount, double dx, double dy, int curveSteps, List<List<(double X, double Y)>> contours)
        {
            var ends = new int[contourCount];
            for (int c = 0; c < contourCount; c++) ends[c] = U16(at + 10 + 2 * c);
            int pointCount = contourCount == 0 ? 0 : ends[contourCount - 1] + 1;
            int position = at + 10 + 2 * contourCount;
            position += 2 + U16(position); // the instructions, which only hinting reads
            var flags = new byte[pointCount];
            for (int p = 0; p < pointCount;)
            {
                byte flag = _file[position++];
                flags[p++] = flag;
                if ((flag & 8) == 0) continue;
                for (int repeat = _file[position++]; repeat > 0 && p < pointCount; repeat--) flags[p++] = flag;
            }
            var xs = ReadCoordinates(flags, ref position, shortBit: 2, sameBit: 16);
            var ys = ReadCoordinates(flags, ref position, shortBit: 4, sameBit: 32);
            int first = 0;
            foreach (int last in ends)
            {
                var points = new List<(double X, double Y, bool On)>();
                for (int p = first; p <= last; p++) points.Add((xs[p] + dx, ys[p] + dy, (flags[p] & 1) != 0));
                if (points.Count > 0) contours.Add(Flatten(points, curveSteps));
                first = last + 1;
            }
        }

        private int[] ReadCoordinates(byte[] flags, ref int position, int shortBit, int sameBit)
        {
            var values = new int[flags.Length];
            int value = 0;
            for (int p = 0; p < flags.Length; p++)
            {
                byte flag = flags[p];
                if ((flag & shortBit) != 0)
                {
                    int delta = _file[position++];
                    value += (flag & sameBit) != 0 ? delta : -delta;
                }
                else if ((flag & sameBit) == 0)
                {
                    value += S16(position);
                    position += 2;
                }
                values[p] = value;
            }
            return values;
        }

        private void AddCompositeOutline(int at, double dx, double dy, int curveSteps, List<List<(double X, double Y)>> contours, int depth)
        {
            const int WordArguments = 1, ArgumentsAreOffsets = 2, HasScale = 8, MoreComponents = 32, HasXyScale = 64, HasTwoByTwo = 128;
            int flags;
            do
            {
                flags = U16(at);
                int component = U16(at + 2);
                at += 4;
                int offsetX, offsetY;
                if ((flags & WordArguments) != 0) { offsetX = S16(at); offsetY = S16(at + 2); at += 4; }
                else { offsetX = (sbyte)_file[at]; offsetY = (sbyte)_file[at + 1]; at += 2; }
                // Scaled components are rare in text faces; their offsets are kept, the scale is not.
                if ((flags & HasScale) != 0) at += 2;
                else if ((flags & HasXyScale) != 0) at += 4;
                else if ((flags & HasTwoByTwo) != 0) at += 8;
                // Point-matched placement (no offsets) is hinting territory; such a component is placed at the origin.
                if ((flags & ArgumentsAreOffsets) == 0) offsetX = offsetY = 0;
                AddOutline(component, dx + offsetX, dy + offsetY, curveSteps, contours, depth + 1);
            }
            while ((flags & MoreComponents) != 0);
        }

        // TrueType contours are quadratic B-splines: two off-curve points in a row imply an on-curve point between them.
        private static List<(double X, double Y)> Flatten(List<(double X, double Y, bool On)> points, int curveSteps)
        {
            int firstOn = points.FindIndex(p => p.On);
            var start = firstOn >= 0
                ? (points[firstOn].X, points[firstOn].Y)
                : ((points[0].X + points[points.Count - 1].X) / 2, (points[0].Y + points[points.Count - 1].Y) / 2);
            int offset = firstOn >= 0 ? firstOn : 0;
            var flat = new List<(double X, double Y)> { start };
            var current = start;
            // A contour of off-curve points only starts between its last and first point, with the first as control.
            (double X, double Y)? control = firstOn >= 0 ? null : (points[0].X, points[0].Y);
            for (int i = 1; i <= points.Count; i++)
            {
                var point = points[(offset + i) % points.Count];
                bool closing = i == points.Count;
                var target = closing && firstOn < 0 ? start : (point.X, point.Y);
                if (point.On || closing)
                {
                    if (control is { } c) AddCurve(flat, current, c, target, curveSteps);
                    else flat.Add(target);
                    current = target;
                    control = null;
                }
                else if (control is { } previous)
                {
                    var middle = ((previous.X + point.X) / 2, (previous.Y + point.Y) / 2);
                    AddCurve(flat, current, previous, middle, curveSteps);
                    current = middle;
                    control = (point.X, point.Y);
                }
                else control = (point.X, point.Y);
            }
            return flat;
        }

        private static void AddCurve(List<(double X, double Y)> flat, (double X, double Y) from, (double X, double Y) control, (double X, double Y) to, int steps)
        {
            for (int s = 1; s <= steps; s++)
            {
                double t = (double)s / steps, u = 1 - t;
                flat.Add((u * u * from.X + 2 * u * t * control.X + t * t * to.X, u * u * from.Y + 2 * u * t * control.Y + t * t * to.Y));
            }
        }

        private int GlyphOffset(int glyph) => _longLocations
            ? (int)U32(_locationTable + 4 * glyph)
            : 2 * U16(_locationTable + 2 * glyph);

        private Dictionary<string, int> ReadTableDirectory()
        {
            if (_file.Length < 12) throw new FormatException("The font file is too short.");
            uint version = U32(0);
            if (version != 0x00010000 && version != 0x74727565) throw new FormatException("The font file has no TrueType outlines.");
            var tables = new Dictionary<string, int>(StringComparer.Ordinal);
            int count = U16(4);
            for (int t = 0; t < count; t++)
            {
                int entry = 12 + 16 * t;
                string tag = new string(new[] { (char)_file[entry], (char)_file[entry + 1], (char)_file[entry + 2], (char)_file[entry + 3] });
                tables[tag] = (int)U32(entry + 8);
            }
            return tables;
        }

        private static int Table(Dictionary<string, int> tables, string tag) =>
            tables.TryGetValue(tag, out int offset) ? offset : throw new FormatException($"The font file has no '{tag}' table.");

        // The Unicode map: format 12 (every plane) when the font has it, else format 4 (the Basic Multilingual Plane).
        private void ReadCharacterMap(int cmap)
        {
            int count = U16(cmap + 2), format4 = -1, format12 = -1;
            for (int i = 0; i < count; i++)
            {
                int platform = U16(cmap + 4 + 8 * i), encoding = U16(cmap + 6 + 8 * i);
                int subtable = cmap + (int)U32(cmap + 8 + 8 * i);
                bool unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10));
                if (!unicode) continue;
                int format = U16(subtable);
                if (format == 12) format12 = subtable;
                else if (format == 4 && format4 < 0) format4 = subtable;
            }
            if (format12 >= 0) ReadFormat12(format12);
            else if (format4 >= 0) ReadFormat4(format4);
            else throw new FormatException("The font file has no Unicode character map.");
        }

        private void ReadFormat4(int at)
        {
            int segments = U16(at + 6) / 2;
            int ends = at + 14, starts = ends + 2 * segments + 2, deltas = starts + 2 * segments, ranges = deltas + 2 * segments;
            for (int s = 0; s < segments; s++)
            {
                int end = U16(ends + 2 * s), start = U16(starts + 2 * s), delta = S16(deltas + 2 * s);
                int rangeAt = ranges + 2 * s, range = U16(rangeAt);
                for (int character = start; character <= end && character != 0xFFFF; character++)
                {
                    int glyph = range == 0
                        ? (character + delta) & 0xFFFF
                        : U16(rangeAt + range + 2 * (character - start));
                    if (range != 0 && glyph != 0) glyph = (glyph + delta) & 0xFFFF;
                    if (glyph != 0 && glyph < _glyphCount) _glyphOfCharacter[character] = glyph;
                }
            }
        }

        private void ReadFormat12(int at)
        {
            uint groups = U32(at + 12);
            for (uint g = 0; g < groups; g++)
            {
                int group = at + 16 + 12 * (int)g;
                uint start = U32(group), end = U32(group + 4), glyph = U32(group + 8);
                for (uint character = start; character <= end; character++, glyph++)
                    if (glyph < _glyphCount) _glyphOfCharacter[(int)character] = (int)glyph;
            }
        }

        private int U16(int at) => (_file[at] << 8) | _file[at + 1];

        private int S16(int at) => (short)U16(at);

        private uint U32(int at) => ((uint)_file[at] << 24) | ((uint)_file[at + 1] << 16) | ((uint)_file[at + 2] << 8) | _file[at + 3];
    }
}
