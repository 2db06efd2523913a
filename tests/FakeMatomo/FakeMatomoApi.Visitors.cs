using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace FakeMatomo
{
    /// <summary>
    /// Reports of visits by one of their traits: Referrers.getReferrerType (the channel), UserCountry.getCountry and
    /// DevicesDetection.getBrowsers, with Matomo's labels, segments and metadata columns. A channel's subtable (the search
    /// engines, the websites) is not modelled: its idsubdatatable is there, asking for it gives an empty table.
    /// </summary>
    public sealed partial class FakeMatomoApi
    {
        private static readonly Dictionary<string, (string Label, int Type)> Channels = new Dictionary<string, (string, int)>
        {
            ["direct"] = ("Direct Entry", 1), ["search"] = ("Search Engines", 2), ["website"] = ("Websites", 3), ["social"] = ("Social Networks", 7),
        };

        private static readonly Dictionary<string, string> BrowserNames = new Dictionary<string, string>
        {
            ["FF"] = "Firefox", ["CH"] = "Chrome", ["SF"] = "Safari", ["IE"] = "Internet Explorer", ["ED"] = "Microsoft Edge",
        };

        private static FakeReportBuild ReferrerTypeTable(IReadOnlyList<IReadOnlyList<FakeVisit>> days, bool day) =>
            VisitGroups(days, day, visit => visit.ReferrerType, textOnDay: false, (type, row) =>
            {
                var channel = Channels[type];
                row.Add("segment", "referrerType==" + type).Add("referrer_type", channel.Type);
                if (type != "direct") row.Add("idsubdatatable", channel.Type);
                return channel.Label;
            });

        private static FakeReportBuild CountryTable(IReadOnlyList<IReadOnlyList<FakeVisit>> days, bool day) =>
            VisitGroups(days, day, visit => visit.CountryCode, textOnDay: false, (code, row) =>
            {
                row.Add("code", code).Add("logo", $"plugins/Morpheus/icons/dist/flags/{code}.png").Add("segment", "countryCode==" + code).Add("logoHeight", 16);
                return FakeCountries.NameOf(code);
            });

        private static FakeReportBuild BrowsersTable(IReadOnlyList<IReadOnlyList<FakeVisit>> days, bool day) =>
            VisitGroups(days, day, visit => visit.BrowserCode, textOnDay: true, (code, row) =>
            {
                row.Add("logo", $"plugins/Morpheus/icons/dist/browsers/{code}.png").Add("segment", "browserCode==" + code);
                return BrowserNames.TryGetValue(code, out string? name) ? name : code;
            });

        /// <summary>
        /// One row per value of <paramref name="key"/>, with Matomo's visit metrics in its order for a day or a longer
        /// period; <paramref name="describe"/> adds the metadata columns and gives the label.
        /// </summary>
        private static FakeReportBuild VisitGroups(IReadOnlyList<IReadOnlyList<FakeVisit>> days, bool day, Func<FakeVisit, string> key, bool textOnDay,
            Func<string, FakeReportRow, string> describe)
        {
            var groups = new Dictionary<string, Group>();
            var order = new List<string>();
            foreach (var visits in days)
            {
                foreach (var visit in visits)
                {
                    string value = key(visit);
                    if (!groups.TryGetValue(value, out var group))
                    {
                        groups[value] = group = new Group();
                        order.Add(value);
                    }
                    group.Add(visit);
                }
                foreach (var group in groups.Values) group.EndDay();
            }
            // A day's archive of some reports keeps counts as text, as the real server answers them.
            JsonNode Count(long value) => day && textOnDay ? JsonValue.Create(value.ToString(CultureInfo.InvariantCulture))! : JsonValue.Create(value);
            var rows = new List<FakeReportRow>();
            foreach (string value in order.OrderByDescending(value => groups[value].Visits))
            {
                var g = groups[value];
                var columns = new FakeReportRow(string.Empty);
                if (day) columns.Add("nb_uniq_visitors", g.DailyVisitors);
                columns.Add("nb_visits", g.Visits).Add("nb_actions", Count(g.Actions));
                if (day) columns.Add("nb_users", g.DailyUsers);
                columns.Add("max_actions", g.MaxActions).Add("sum_visit_length", Count(g.Length)).Add("bounce_count", Count(g.Bounces)).Add("nb_visits_converted", Count(0));
                if (!day) columns.Add("sum_daily_nb_uniq_visitors", g.DailyVisitors).Add("sum_daily_nb_users", g.DailyUsers);
                string label = describe(value, columns);
                var row = new FakeReportRow(label);
                row.Columns.AddRange(columns.Columns);
                rows.Add(row);
            }
            return new FakeReportBuild(rows);
        }

        private sealed class Group
        {
            private readonly HashSet<int> _dayVisitors = new HashSet<int>();
            private readonly HashSet<string> _dayUsers = new HashSet<string>();

            public long Visits, Actions, MaxActions, Length, Bounces, DailyVisitors, DailyUsers;

            public void Add(FakeVisit visit)
            {
                Visits++;
                Actions += visit.Actions;
                MaxActions = Math.Max(MaxActions, visit.Actions);
                Length += visit.LengthSeconds;
                if (visit.Actions == 1) Bounces++;
                _dayVisitors.Add(visit.VisitorId);
                if (visit.UserId != null) _dayUsers.Add(visit.UserId);
            }

            public void EndDay()
            {
                DailyVisitors += _dayVisitors.Count;
                DailyUsers += _dayUsers.Count;
                _dayVisitors.Clear();
                _dayUsers.Clear();
            }
        }
    }
}
