using System.Collections.Generic;

namespace MatomoPS.Drawing
{
    /// <summary>
    /// A drawing as a list of paths, circles and texts on a white ground, in CSS pixels: what <see cref="SvgPictureWriter"/>
    /// writes as SVG and <see cref="PngPicturePainter"/> paints as PNG, so both formats show the same thing.
    /// </summary>
    internal sealed class Picture
    {
        public Picture(int width, int height, string description)
        {
            Width = width;
            Height = height;
            Description = description;
        }

        public int Width { get; }

        public int Height { get; }

        /// <summary>The text alternative: SVG's title, and the alt text of an image that shows the picture.</summary>
        public string Description { get; }

        public List<PictureItem> Items { get; } = new List<PictureItem>();

        public T Add<T>(T item) where T : PictureItem
        {
            Items.Add(item);
            return item;
        }
    }
}
