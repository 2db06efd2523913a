namespace MatomoPS.Drawing
{
    /// <summary>Where a text's anchor point lies along it.</summary>
    internal enum PictureTextAnchor
    {
        Start,
        Middle,
        End,
    }

    /// <summary>One line of text on its baseline; <see cref="Vertical"/> turns it to read upwards, as a y axis title does.</summary>
    internal sealed class PictureText : PictureItem
    {
        public PictureText(double x, double y, string text, double size, PictureColor color, PictureTextAnchor anchor = PictureTextAnchor.Start)
        {
            X = x;
            Y = y;
            Text = text;
            Size = size;
            Color = color;
            Anchor = anchor;
        }

        public double X { get; }

        /// <summary>The baseline (for vertical text, the baseline's x after turning: the text's right-hand side).</summary>
        public double Y { get; }

        public string Text { get; }

        /// <summary>Pixels per em.</summary>
        public double Size { get; }

        public PictureColor Color { get; }

        public PictureTextAnchor Anchor { get; }

        public bool Vertical { get; set; }

        /// <summary>What the text is, for a reader of the SVG: <c>title</c>, <c>axis-title</c>, <c>tick</c>, <c>legend</c>.</summary>
        public string? Role { get; set; }
    }
}
