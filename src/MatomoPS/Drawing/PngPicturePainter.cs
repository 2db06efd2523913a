using System;
using System.Collections.Generic;
using System.Linq;

namespace MatomoPS.Drawing
{
    /// <summary>
    /// Paints a <see cref="Picture"/> into PNG bytes in managed code alone: strokes and circles become polygons, text
    /// becomes the embedded font's glyph outlines, and each shape is filled by a <see cref="CoverageRasterizer"/>.
    /// No native library and no installed font is needed, on any platform PowerShell runs on.
    /// </summary>
    internal static class PngPicturePainter
    {
        /// <param name="picture">What to paint.</param>
        /// <param name="scale">Image pixels per CSS pixel of the picture (2 for high-DPI screens and mail).</param>
        public static byte[] Paint(Picture picture, double scale)
        {
            var image = new RgbImage(Pixels(picture.Width, scale), Pixels(picture.Height, scale));
            var rasterizer = new CoverageRasterizer(image);
            foreach (var item in picture.Items)
            {
                switch (item)
                {
                    case PicturePath path: PaintPath(rasterizer, path, scale); break;
                    case PictureCircle circle: PaintCircle(rasterizer, circle, scale); break;
                    case PictureText text: PaintText(rasterizer, text, scale); break;
                }
            }
            return PngEncoder.Encode(image, scale);
        }

        /// <summary>The image size in pixels for a CSS size at <paramref name="scale"/>.</summary>
        public static int Pixels(int cssPixels, double scale) => Math.Max(1, (int)Math.Round(cssPixels * scale));

        private static void PaintPath(CoverageRasterizer rasterizer, PicturePath path, double scale)
        {
            var points = path.Points.Select(p => (p.X * scale, p.Y * scale)).ToList();
            if (path.Closed && path.Fill is { } fill) rasterizer.Fill(new[] { points }, fill);
            if (path.Stroke is { } stroke)
                rasterizer.Fill(Stroke(points, path.StrokeWidth * scale, path.Closed), stroke);
        }

        private static void PaintCircle(CoverageRasterizer rasterizer, PictureCircle circle, double scale)
        {
            double x = circle.X * scale, y = circle.Y * scale, radius = circle.Radius * scale;
            if (circle.Fill is { } fill) rasterizer.Fill(new[] { Circle(x, y, radius, clockwise: true) }, fill);
            if (circle.Stroke is { } stroke)
            {
                double half = circle.StrokeWidth * scale / 2;
                var ring = new[] { Circle(x, y, radius + half, clockwise: true), Circle(x, y, Math.Max(0, radius - half), clockwise: false) };
                rasterizer.Fill(ring, stroke);
            }
        }

        private static void PaintText(CoverageRasterizer rasterizer, PictureText text, double scale)
        {
            var font = PictureFont.Face;
            double size = text.Size * scale;
            double unit = size / font.UnitsPerEm;
            double width = font.Measure(text.Text, size);
            double pen = text.Anchor switch { PictureTextAnchor.Middle => -width / 2, PictureTextAnchor.End => -width, _ => 0 };
            double originX = text.X * scale, originY = text.Y * scale;
            int curveSteps = size >= 24 ? 8 : 5;
            var polygons = new List<IReadOnlyList<(double X, double Y)>>();
            foreach (int glyph in font.Glyphs(text.Text))
            {
                foreach (var contour in font.Outline(glyph, curveSteps))
                {
                    // Along the text and up from the baseline, then onto the image: turned a quarter left when vertical.
                    polygons.Add(contour.Select(p =>
                    {
                        double along = pen + p.X * unit, up = p.Y * unit;
                        return text.Vertical ? (originX - up, originY - along) : (originX + along, originY - up);
                    }).ToList());
                }
                pen += font.Advance(glyph) * unit;
            }
            if (polygons.Count > 0) rasterizer.Fill(polygons, text.Color);
        }

        // A stroke as polygons all wound the same way, so where they overlap the pixels stay covered once: a quad per
        // piece and, for lines wider than a pixel, a round cap at each point (the joins of Chart.js's lines are round too).
        private static List<IReadOnlyList<(double X, double Y)>> Stroke(List<(double X, double Y)> points, double width, bool closed)
        {
            var polygons = new List<IReadOnlyList<(double X, double Y)>>();
            double half = width / 2;
            int pieces = closed ? points.Count : points.Count - 1;
            for (int i = 0; i < pieces; i++)
            {
                var (x0, y0) = points[i];
                var (x1, y1) = points[(i + 1) % points.Count];
                double length = Math.Sqrt((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0));
                if (length < 1e-9) continue;
                double nx = -(y1 - y0) / length * half, ny = (x1 - x0) / length * half;
                polygons.Add(Clockwise(new List<(double, double)> { (x0 + nx, y0 + ny), (x1 + nx, y1 + ny), (x1 - nx, y1 - ny), (x0 - nx, y0 - ny) }));
            }
            if (width > 1.5)
                foreach (var (x, y) in points) polygons.Add(Circle(x, y, half, clockwise: true));
            return polygons;
        }

        private static List<(double X, double Y)> Circle(double x, double y, double radius, bool clockwise)
        {
            int steps = Math.Max(12, (int)Math.Ceiling(radius * 4));
            var points = new List<(double X, double Y)>(steps);
            for (int s = 0; s < steps; s++)
            {
                double angle = 2 * Math.PI * s / steps * (clockwise ? 1 : -1);
                points.Add((x + radius * Math.Cos(angle), y + radius * Math.Sin(angle)));
            }
            return points;
        }

        private static List<(double X, double Y)> Clockwise(List<(double X, double Y)> polygon)
        {
            double area = 0;
            for (int i = 0; i < polygon.Count; i++)
            {
                var (x0, y0) = polygon[i];
                var (x1, y1) = polygon[(i + 1) % polygon.Count];
                area += x0 * y1 - x1 * y0;
            }
            if (area < 0) polygon.Reverse();
            return polygon;
        }
    }
}
