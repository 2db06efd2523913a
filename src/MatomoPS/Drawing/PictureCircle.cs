namespace MatomoPS.Drawing
{
    /// <summary>A point marker: a filled circle with an outline.</summary>
    internal sealed class PictureCircle : PictureItem
    {
        public PictureCircle(double x, double y, double radius)
        {
            X = x;
            Y = y;
            Radius = radius;
        }

        public double X { get; }

        public double Y { get; }

        public double Radius { get; }

        public PictureColor? Fill { get; set; }

        public PictureColor? Stroke { get; set; }

        public double StrokeWidth { get; set; } = 1;
    }
}
