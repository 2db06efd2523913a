using System;
using System.Collections.Generic;

namespace MatomoPS.Drawing
{
    /// <summary>
    /// How much of each pixel a shape covers, by the signed-area accumulation that font rasterisers use: every edge adds
    /// its share of area to the cells it crosses, and a running sum along each row gives the coverage, anti-aliased and
    /// exact for straight edges. Contours wound one way add, the other way subtract (the holes of letters); shapes wound
    /// the same way that overlap stay fully covered.
    /// </summary>
    internal sealed class CoverageRasterizer
    {
        private readonly RgbImage _image;
        // One buffer for every shape of the image, grown to the largest shape's box and left all zero after each fill,
        // so a chart of a hundred series does not allocate a hundred plot-sized buffers.
        private float[] _cells = Array.Empty<float>();
        private int _left;
        private int _top;
        private int _width;
        private int _height;
        private int _stride;

        public CoverageRasterizer(RgbImage image) => _image = image;

        /// <summary>Paints <paramref name="color"/> over the image where <paramref name="polygons"/> (in pixels) cover it.</summary>
        public void Fill(IReadOnlyList<IReadOnlyList<(double X, double Y)>> polygons, PictureColor color)
        {
            double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
            foreach (var polygon in polygons)
                foreach (var (x, y) in polygon)
                {
                    minX = Math.Min(minX, x); maxX = Math.Max(maxX, x);
                    minY = Math.Min(minY, y); maxY = Math.Max(maxY, y);
                }
            if (minX > maxX) return;
            _left = (int)Math.Floor(minX) - 1;
            _top = (int)Math.Floor(minY) - 1;
            _width = (int)Math.Ceiling(maxX) + 1 - _left;
            _height = (int)Math.Ceiling(maxY) + 1 - _top;
            _stride = _width + 2;
            if (_cells.Length < _stride * _height) _cells = new float[_stride * _height];
            foreach (var polygon in polygons)
                for (int i = 0; i < polygon.Count; i++)
                    AddEdge(polygon[i], polygon[(i + 1) % polygon.Count]);
            PaintAndClear(color);
        }

        private void PaintAndClear(PictureColor color)
        {
            for (int row = 0; row < _height; row++)
            {
                int y = _top + row, line = row * _stride;
                float sum = 0;
                for (int column = 0; column < _stride; column++)
                {
                    sum += _cells[line + column];
                    _cells[line + column] = 0;
                    double coverage = Math.Min(1, Math.Abs(sum));
                    if (coverage < 1.0 / 512) continue;
                    _image.Blend(_left + column, y, color, coverage * color.Alpha);
                }
            }
        }

        private void AddEdge((double X, double Y) from, (double X, double Y) to)
        {
            double x0 = from.X - _left, y0 = from.Y - _top, x1 = to.X - _left, y1 = to.Y - _top;
            if (Math.Abs(y0 - y1) < 1e-9) return;
            float direction = 1;
            if (y0 > y1)
            {
                direction = -1;
                (x0, y0, x1, y1) = (x1, y1, x0, y0);
            }
            double slope = (x1 - x0) / (y1 - y0);
            double x = x0;
            for (int row = (int)y0; row < Math.Min(_height, (int)Math.Ceiling(y1)); row++)
            {
                int line = row * _stride;
                double dy = Math.Min(row + 1, y1) - Math.Max(row, y0);
                double xNext = x + slope * dy;
                float d = (float)dy * direction;
                double left = Math.Min(x, xNext), right = Math.Max(x, xNext);
                double leftFloor = Math.Floor(left), rightCeiling = Math.Ceiling(right);
                int l = (int)leftFloor, r = (int)rightCeiling;
                if (r <= l + 1)
                {
                    // The edge stays within one pixel of this row: split its area by where it passes.
                    float middle = (float)(0.5 * (x + xNext) - leftFloor);
                    _cells[line + l] += d - d * middle;
                    _cells[line + l + 1] += d * middle;
                }
                else
                {
                    float step = (float)(1 / (right - left));
                    float leftPart = (float)(left - leftFloor);
                    float first = 0.5f * step * (1 - leftPart) * (1 - leftPart);
                    float rightPart = (float)(right - rightCeiling + 1);
                    float last = 0.5f * step * rightPart * rightPart;
                    _cells[line + l] += d * first;
                    if (r == l + 2)
                        _cells[line + l + 1] += d * (1 - first - last);
                    else
                    {
                        float second = step * (1.5f - leftPart);
                        _cells[line + l + 1] += d * (second - first);
                        for (int column = l + 2; column < r - 1; column++) _cells[line + column] += d * step;
                        float beforeLast = second + (r - l - 3) * step;
                        _cells[line + r - 1] += d * (1 - beforeLast - last);
                    }
                    _cells[line + r] += d * last;
                }
                x = xNext;
            }
        }
    }
}
