using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace MatomoPS.Client
{
    internal sealed partial class MatomoReader
    {
        /// <summary>The answer of <c>SitesManager.getSitesWithAtLeastViewAccess</c>: one object per site.</summary>
        public IReadOnlyList<MatomoSite> ReadSites(JsonElement root)
        {
            const string method = MatomoClient.SitesMethod;
            if (root.ValueKind != JsonValueKind.Array) throw _exceptions.Shape(method, "a list of sites", root);
            var sites = new List<MatomoSite>(root.GetArrayLength());
            foreach (var item in root.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("idsite", out var id) || !TryReadId(id, out int siteId))
                    throw _exceptions.Shape(method, "a site with an idsite", item);
                sites.Add(new MatomoSite
                {
                    SiteId = siteId,
                    Name = Text(item, "name"),
                    MainUrl = Text(item, "main_url"),
                    Timezone = Text(item, "timezone"),
                    Currency = Text(item, "currency"),
                    Created = DateTime.TryParseExact(Text(item, "ts_created"), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
                        DateTimeStyles.None, out var created) ? created : (DateTime?)null,
                });
            }
            return sites;
        }

        /// <summary>A site id as Matomo sends it: a number, or a number in a string (some PHP versions).</summary>
        private static bool TryReadId(JsonElement value, out int id)
        {
            id = 0;
            return (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out id))
                || (value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out id));
        }

        /// <summary>A text field; Matomo stores names HTML-escaped (<c>A &amp;amp; B</c>), users read them unescaped.</summary>
        private static string Text(JsonElement item, string name) =>
            item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? WebUtility.HtmlDecode(value.GetString()!) : string.Empty;
    }
}
