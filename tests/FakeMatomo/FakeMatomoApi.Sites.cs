using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FakeMatomo
{
    /// <summary>Sites: which the token may view, how idSite is read, and a site as Matomo lists it.</summary>
    public sealed partial class FakeMatomoApi
    {
        private int[] SiteIds(IReadOnlyDictionary<string, string> parameters, Access access, out bool nested)
        {
            const string NoSite = "The parameter 'idSite=' is missing from the request.";
            string text = Required(parameters, "idSite");
            if (text == "all")
            {
                nested = true;
                if (access.Sites.Length == 0) throw new FakeApiException(NoSite, 401);
                return access.Sites;
            }
            var ids = new List<int>();
            foreach (string part in text.Split(','))
            {
                // PHP reads what is not a number as 0.
                int id = int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) ? parsed : 0;
                if (access.SuperUser && (id < 1 || Data.Site(id) == null))
                    throw new FakeApiException($"An unexpected website was found in the request: website id was set to '{id}' .");
                if (id < 1) throw new FakeApiException(NoSite, 401);
                if (!access.Sites.Contains(id))
                    throw new FakeApiException($"You can't access this resource as it requires 'view' access for the website id = {id}.", 401);
                ids.Add(id);
            }
            nested = ids.Count > 1;
            return ids.ToArray();
        }

        /// <summary>A site as Matomo 5.1.2 lists it: every field, the id as a number.</summary>
        /// <summary>The site's main address.</summary>
        private static string SiteUrl(FakeSite site) => $"https://site{site.Id}.example.org";

        private static JsonObject SiteObject(FakeSite site) => new JsonObject
        {
            ["idsite"] = site.Id,
            ["name"] = site.Name,
            ["main_url"] = SiteUrl(site),
            ["ts_created"] = "2019-12-01 00:00:00",
            ["ecommerce"] = 0,
            ["sitesearch"] = 1,
            ["sitesearch_keyword_parameters"] = "",
            ["sitesearch_category_parameters"] = "",
            ["timezone"] = site.Timezone,
            ["currency"] = "EUR",
            ["exclude_unknown_urls"] = 0,
            ["excluded_ips"] = "",
            ["excluded_parameters"] = "",
            ["excluded_user_agents"] = "",
            ["excluded_referrers"] = "",
            ["group"] = "",
            ["type"] = "website",
            ["keep_url_fragment"] = 0,
            ["creator_login"] = "admin",
            ["timezone_name"] = site.Timezone,
            ["currency_name"] = "Euro",
        };
    }
}
