using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace FakeMatomo
{
    /// <summary>
    /// Page URLs and titles as Matomo's Actions reports name them: a URL's path is split at <c>/</c> into folders
    /// (<c>de</c>, <c>page-3</c>) and a page (<c>/index</c> for a path that ends in <c>/</c>, else <c>/name</c>); a flat
    /// label joins them again (<c>/de/page-3/</c>). Values in row segments are URL-encoded twice, as PHP's urlencode does.
    /// </summary>
    public static class FakePages
    {
        public const string IndexPage = "/index";

        /// <summary>The folders of a URL's path and its page, such as <c>["de", "page-3"]</c> and <c>/index</c>.</summary>
        public static (string[] Folders, string Page) Split(string url)
        {
            var uri = new Uri(url);
            var parts = uri.AbsolutePath.Split('/').Skip(1).ToArray();
            string last = parts.Length == 0 ? string.Empty : parts[parts.Length - 1];
            return (parts.Take(Math.Max(0, parts.Length - 1)).ToArray(), last.Length == 0 ? IndexPage : "/" + last);
        }

        /// <summary>The label of a page in a flat report: <c>/de/page-3/</c>, <c>/en/article-1.html</c>.</summary>
        public static string FlatLabel(string url)
        {
            var (folders, page) = Split(url);
            string path = "/" + string.Concat(folders.Select(folder => folder + "/"));
            return page == IndexPage ? path : path + page.Substring(1);
        }

        /// <summary>The URL a folder stands for (what its segment starts with): <c>https://demo.example.org/de</c>.</summary>
        public static string FolderUrl(string url, int depth)
        {
            var uri = new Uri(url);
            return uri.GetLeftPart(UriPartial.Authority) + "/" + string.Join("/", Split(url).Folders.Take(depth));
        }

        /// <summary>The page title the double's pages have: <c>de page 3</c>, <c>de API pages</c>.</summary>
        public static string Title(string url)
        {
            var (folders, page) = Split(url);
            if (folders.Length >= 4 && folders[0] == "api") return folders[3] + " API pages";
            string name = folders.Length > 1 ? folders[1] : page.TrimStart('/');
            return (folders.Length > 0 ? folders[0] + " " : string.Empty) + name.Replace('-', ' ');
        }

        /// <summary>PHP's urlencode: letters, digits and <c>-_.</c> stay, a space becomes <c>+</c>, all else <c>%XX</c>.</summary>
        public static string UrlEncode(string text)
        {
            var result = new StringBuilder();
            foreach (byte b in Encoding.UTF8.GetBytes(text))
            {
                char c = (char)b;
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.') result.Append(c);
                else if (c == ' ') result.Append('+');
                else result.Append('%').Append(b.ToString("X2"));
            }
            return result.ToString();
        }

        /// <summary>A row segment's value as Matomo writes it: encoded twice (<c>https%253A%252F%252F...</c>).</summary>
        public static string SegmentValue(string value) => UrlEncode(UrlEncode(value));
    }
}
