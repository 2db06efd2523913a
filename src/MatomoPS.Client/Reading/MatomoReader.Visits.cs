using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace MatomoPS.Client
{
    internal sealed partial class MatomoReader
    {
        /// <summary>
        /// One page of <c>Live.getLastVisitsDetails</c>: a list of visits, each with at least its site, id and last action
        /// time. Numbers may come as numbers or as text; a property the query did not ask for stays null.
        /// </summary>
        public List<MatomoVisit> ReadVisits(MatomoVisitLogQuery query, JsonElement root)
        {
            const string method = MatomoVisitLogQuery.Method;
            if (root.ValueKind != JsonValueKind.Array) throw _exceptions.Shape(method, "a list of visits", root);
            var visits = new List<MatomoVisit>(root.GetArrayLength());
            foreach (var item in root.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object) throw _exceptions.Shape(method, "a visit", item);
                long? id = Number(item, "idVisit"), last = Number(item, "lastActionTimestamp"), site = Number(item, "idSite");
                if (id == null || last == null || id <= 0 || last <= 0)
                    throw _exceptions.Shape(method, "a visit with its idVisit and lastActionTimestamp", item);
                if (site != null && site != query.SiteId) throw _exceptions.Shape(method, $"a visit of site {query.SiteId}", item);
                visits.Add(ReadVisit(query, item, id.Value, last.Value));
            }
            return visits;
        }

        private static MatomoVisit ReadVisit(MatomoVisitLogQuery query, JsonElement item, long id, long last)
        {
            var zone = query.Zone;
            long? first = Number(item, "firstActionTimestamp");
            var visit = new MatomoVisit
            {
                SiteId = query.SiteId,
                VisitId = id,
                LastActionTime = MatomoVisit.FromUnixSeconds(last),
                VisitorId = VisitText(item, "visitorId"),
                Actions = (int?)Number(item, "actions"),
                DurationSeconds = (int?)Number(item, "visitDuration"),
                VisitorType = VisitText(item, "visitorType"),
                VisitCount = (int?)Number(item, "visitCount"),
                UserId = VisitText(item, "userId"),
                ReferrerType = VisitText(item, "referrerType"),
                ReferrerName = VisitText(item, "referrerName"),
                ReferrerKeyword = VisitText(item, "referrerKeyword"),
                ReferrerUrl = VisitText(item, "referrerUrl"),
                CountryCode = VisitText(item, "countryCode"),
                Country = VisitText(item, "country"),
                Region = VisitText(item, "region"),
                City = VisitText(item, "city"),
                DeviceType = VisitText(item, "deviceType"),
                DeviceBrand = VisitText(item, "deviceBrand"),
                DeviceModel = VisitText(item, "deviceModel"),
                OperatingSystem = VisitText(item, "operatingSystem"),
                Browser = VisitText(item, "browserName"),
                BrowserVersion = VisitText(item, "browserVersion"),
                LanguageCode = VisitText(item, "languageCode"),
                Goals = (int?)Number(item, "goalConversions"),
            };
            if (query.Reads("LastActionSiteTime")) visit.LastActionSiteTime = zone.ToSiteTime(visit.LastActionTime);
            if (first.HasValue)
            {
                visit.FirstActionTime = MatomoVisit.FromUnixSeconds(first.Value);
                if (query.Reads("FirstActionSiteTime")) visit.FirstActionSiteTime = zone.ToSiteTime(visit.FirstActionTime.Value);
                if (!query.Reads("FirstActionTime")) visit.FirstActionTime = null;
            }
            if (query.Reads("ActionDetails") && item.TryGetProperty("actionDetails", out var details) && details.ValueKind == JsonValueKind.Array)
                visit.ActionDetails = ReadActions(query, visit, details);
            else if (query.Reads("ActionDetails") && query.WithActions)
                visit.ActionDetails = new MatomoVisitActions(Array.Empty<MatomoVisitAction>());
            return visit;
        }

        private static MatomoVisitActions ReadActions(MatomoVisitLogQuery query, MatomoVisit visit, JsonElement details)
        {
            var actions = new List<MatomoVisitAction>(details.GetArrayLength());
            foreach (var detail in details.EnumerateArray())
            {
                if (detail.ValueKind != JsonValueKind.Object) continue;
                long? time = Number(detail, "timestamp");
                var at = time.HasValue ? MatomoVisit.FromUnixSeconds(time.Value) : (DateTime?)null;
                actions.Add(new MatomoVisitAction
                {
                    SiteId = visit.SiteId,
                    VisitId = visit.VisitId,
                    Position = actions.Count + 1,
                    Type = VisitText(detail, "type"),
                    Url = VisitText(detail, "url"),
                    Title = VisitText(detail, "pageTitle") ?? VisitText(detail, "title"),
                    Time = at,
                    SiteTime = at.HasValue ? query.Zone.ToSiteTime(at.Value) : (DateTime?)null,
                    TimeSpentSeconds = (int?)Number(detail, "timeSpent"),
                    EventCategory = VisitText(detail, "eventCategory"),
                    EventAction = VisitText(detail, "eventAction"),
                });
            }
            return new MatomoVisitActions(actions);
        }

        /// <summary>A whole number under <paramref name="name"/>, written as a number or as text; null when absent, null or empty.</summary>
        private static long? Number(JsonElement item, string name)
        {
            if (!item.TryGetProperty(name, out var value)) return null;
            switch (value.ValueKind)
            {
                case JsonValueKind.Number:
                    if (value.TryGetInt64(out long whole)) return whole;
                    return checked((long)Math.Round(value.GetDouble()));
                case JsonValueKind.String:
                    string text = value.GetString() ?? string.Empty;
                    if (text.Length == 0) return null;
                    return long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                case JsonValueKind.Null:
                    return null;
                default:
                    throw new FormatException($"'{name}' is not a number: {value.GetRawText()}");
            }
        }

        /// <summary>Text under <paramref name="name"/> (a number as written); null when absent, null or empty.</summary>
        private static string? VisitText(JsonElement item, string name)
        {
            if (!item.TryGetProperty(name, out var value)) return null;
            string? text = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.True => "1",
                JsonValueKind.False => "0",
                _ => null,
            };
            return string.IsNullOrEmpty(text) ? null : text;
        }
    }
}
