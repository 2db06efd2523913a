using System.Collections.Generic;

namespace MatomoPS.Drawing
{
    /// <summary>Straight pieces through points: a line (stroked) or a closed shape (filled, and stroked if given).</summary>
    internal sealed class PicturePath : PictureItem
    {
        public PicturePath(IReadOnlyList<(double X, double Y)> points, bool closed)
        {
            Points = points;
            Closed = closed;
        }

        public IReadOnlyList<(double X, double Y)> Points { get; }

        public bool Closed { get; }

        public PictureColor? Fill { get; set; }

        public PictureColor? Stroke { get; set; }

        public double StrokeWidth { get; set; } = 1;

        public static PicturePath Rectangle(double x, double y, double width, double height, PictureColor fill) =>
            new PicturePath(new[] { (x, y), (x + width, y), (x + width, y + height), (x, y + height) }, closed: true) { Fill = fill };

        public static PicturePath Line(double x1, double y1, double x2, double y2, PictureColor stroke, double width = 1) =>
            new PicturePath(new[] { (x1, y1), (x2, y2) }, closed: false) { Stroke = stroke, StrokeWidth = width };
    }
}
