using System.Globalization;
using System.Linq;
using System.Text;
using System.Xml;

namespace MatomoPS.Drawing
{
    /// <summary>
    /// Writes a <see cref="Picture"/> as one SVG document: a path per line, a circle per marker and text as text (so it
    /// stays searchable and sharp), with the picture's description as its title. Needs nothing but this code.
    /// </summary>
    internal static class SvgPictureWriter
    {
        public static string Write(Picture picture)
        {
            var text = new StringBuilder();
            var settings = new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false, Encoding = new UTF8Encoding(false) };
            using (var writer = XmlWriter.Create(new StringWriterUtf8(text), settings))
            {
                const string Svg = "http://www.w3.org/2000/svg";
                writer.WriteStartElement("svg", Svg);
                writer.WriteAttributeString("width", Number(picture.Width));
                writer.WriteAttributeString("height", Number(picture.Height));
                writer.WriteAttributeString("viewBox", $"0 0 {Number(picture.Width)} {Number(picture.Height)}");
                writer.WriteAttributeString("role", "img");
                writer.WriteAttributeString("font-family", PictureFont.SvgFamily);
                writer.WriteElementString("title", Svg, picture.Description);
                writer.WriteStartElement("rect", Svg);
                writer.WriteAttributeString("width", "100%");
                writer.WriteAttributeString("height", "100%");
                writer.WriteAttributeString("fill", "#ffffff");
                writer.WriteEndElement();
                foreach (var item in picture.Items)
                {
                    switch (item)
                    {
                        case PicturePath path: WritePath(writer, path); break;
                        case PictureCircle circle: WriteCircle(writer, circle); break;
                        case PictureText label: WriteText(writer, label); break;
                    }
                }
                writer.WriteEndElement();
            }
            return text.ToString();
        }

        private static void WritePath(XmlWriter writer, PicturePath path)
        {
            writer.WriteStartElement("path");
            string d = string.Join(" ", path.Points.Select((p, i) => $"{(i == 0 ? "M" : "L")}{Number(p.X)},{Number(p.Y)}"));
            writer.WriteAttributeString("d", path.Closed ? d + " Z" : d);
            WritePaint(writer, "fill", path.Closed ? path.Fill : null);
            WritePaint(writer, "stroke", path.Stroke);
            if (path.Stroke != null)
            {
                writer.WriteAttributeString("stroke-width", Number(path.StrokeWidth));
                if (path.StrokeWidth > 1.5)
                {
                    writer.WriteAttributeString("stroke-linejoin", "round");
                    writer.WriteAttributeString("stroke-linecap", "round");
                }
            }
            WriteSeries(writer, item: path);
            writer.WriteEndElement();
        }

        private static void WriteCircle(XmlWriter writer, PictureCircle circle)
        {
            writer.WriteStartElement("circle");
            writer.WriteAttributeString("cx", Number(circle.X));
            writer.WriteAttributeString("cy", Number(circle.Y));
            writer.WriteAttributeString("r", Number(circle.Radius));
            WritePaint(writer, "fill", circle.Fill);
            WritePaint(writer, "stroke", circle.Stroke);
            if (circle.Stroke != null) writer.WriteAttributeString("stroke-width", Number(circle.StrokeWidth));
            WriteSeries(writer, circle);
            writer.WriteEndElement();
        }

        private static void WriteText(XmlWriter writer, PictureText text)
        {
            writer.WriteStartElement("text");
            writer.WriteAttributeString("x", Number(text.X));
            writer.WriteAttributeString("y", Number(text.Y));
            writer.WriteAttributeString("font-size", Number(text.Size));
            WritePaint(writer, "fill", text.Color);
            if (text.Anchor != PictureTextAnchor.Start) writer.WriteAttributeString("text-anchor", text.Anchor == PictureTextAnchor.Middle ? "middle" : "end");
            if (text.Vertical) writer.WriteAttributeString("transform", $"rotate(-90 {Number(text.X)} {Number(text.Y)})");
            if (text.Role != null) writer.WriteAttributeString("class", text.Role);
            WriteSeries(writer, text);
            writer.WriteString(text.Text);
            writer.WriteEndElement();
        }

        private static void WritePaint(XmlWriter writer, string name, PictureColor? color)
        {
            if (!(color is { } paint))
            {
                writer.WriteAttributeString(name, "none");
                return;
            }
            writer.WriteAttributeString(name, paint.Hex6);
            if (paint.Alpha < 1) writer.WriteAttributeString(name + "-opacity", Number(paint.Alpha));
        }

        private static void WriteSeries(XmlWriter writer, PictureItem item)
        {
            if (item.Series != null) writer.WriteAttributeString("data-series", item.Series);
        }

        private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

        // StringWriter reports UTF-16, which the XML declaration would repeat; the file is written as UTF-8.
        private sealed class StringWriterUtf8 : System.IO.StringWriter
        {
            public StringWriterUtf8(StringBuilder text) : base(text, CultureInfo.InvariantCulture) { }

            public override Encoding Encoding => new UTF8Encoding(false);
        }
    }
}
