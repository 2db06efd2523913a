using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace FakeMatomo
{
    /// <summary>
    /// The pageviews of some days gathered into Matomo's Actions tree: folders (<c>de</c>, <c>page-3</c>) holding pages
    /// (<c>/index</c>), or page titles without folders. Each page counts its pageviews (nb_hits), the visits that saw it,
    /// time spent, entries, exits and unique visitors per day; a folder adds up the rows under it.
    /// </summary>
    internal sealed class FakePageTree
    {
        private readonly Node _root = new Node(string.Empty, string.Empty, folder: true);
        private readonly bool _titles;

        /// <summary>A tree of page URLs, or with <paramref name="titles"/> a flat list of page titles.</summary>
        public FakePageTree(bool titles) => _titles = titles;

        /// <summary>Adds one day's visits (already narrowed by the segment).</summary>
        public void AddDay(IEnumerable<FakeVisit> visits)
        {
            var touched = new HashSet<Node>();
            foreach (var visit in visits)
            {
                var seen = new HashSet<Node>();
                for (int i = 0; i < visit.PageUrls.Length; i++)
                {
                    var page = Leaf(visit.PageUrls[i]);
                    page.Hits++;
                    page.TimeSpent += visit.TimeOnPage(i);
                    if (seen.Add(page))
                    {
                        page.Visits++;
                        page.DayVisitors.Add(visit.VisitorId);
                    }
                }
                var entry = Leaf(visit.PageUrls[0]);
                entry.EntryVisits++;
                entry.EntryActions += visit.Actions;
                entry.EntryLength += visit.LengthSeconds;
                if (visit.Actions == 1) entry.EntryBounces++;
                entry.DayEntryVisitors.Add(visit.VisitorId);
                var exit = Leaf(visit.PageUrls[visit.PageUrls.Length - 1]);
                exit.ExitVisits++;
                exit.DayExitVisitors.Add(visit.VisitorId);
                touched.UnionWith(seen);
            }
            foreach (var page in touched) page.EndDay();
        }

        /// <summary>The top-level rows, each folder with its subtable, for a day (<paramref name="day"/>) or a longer period.</summary>
        public List<FakeReportRow> Rows(bool day)
        {
            int nextId = 1;
            var rows = Rows(_root, day);
            // Subtable ids in the order of the rows, level by level, as one period's archive numbers them.
            var level = rows;
            while (level.Count > 0)
            {
                var next = new List<FakeReportRow>();
                foreach (var row in level.Where(row => row.Subtable != null))
                {
                    row.Add("idsubdatatable", nextId++);
                    next.AddRange(row.Subtable!);
                }
                level = next;
            }
            return rows;
        }

        private List<FakeReportRow> Rows(Node folder, bool day) =>
            folder.Children.OrderByDescending(child => child.TotalVisits).Select(child => child.IsFolder ? FolderRow(child, day) : PageRow(child, day)).ToList();

        private FakeReportRow FolderRow(Node folder, bool day)
        {
            var sum = folder.Leaves().ToList();
            var row = new FakeReportRow(folder.Label) { Subtable = Rows(folder, day) };
            long visits = sum.Sum(n => n.Visits), hits = sum.Sum(n => n.Hits), time = sum.Sum(n => n.TimeSpent);
            long entries = sum.Sum(n => n.EntryVisits), bounces = sum.Sum(n => n.EntryBounces), exits = sum.Sum(n => n.ExitVisits);
            row.Add("nb_visits", visits).Add("nb_hits", hits).Add("sum_time_spent", time);
            if (entries > 0)
                row.Add("entry_nb_visits", entries).Add("entry_nb_actions", sum.Sum(n => n.EntryActions))
                    .Add("entry_sum_visit_length", sum.Sum(n => n.EntryLength)).Add("entry_bounce_count", bounces);
            if (exits > 0) row.Add("exit_nb_visits", exits);
            return Rates(row, hits, time, entries, bounces, visits, exits).Add("segment", "pageUrl=^" + FakePages.SegmentValue(folder.Url));
        }

        private FakeReportRow PageRow(Node page, bool day)
        {
            var row = new FakeReportRow(_titles ? " " + page.Url : page.Label);
            // A day's archive keeps some of a page's counts as text, as the real server answers them.
            JsonNode Count(long value) => day ? JsonValue.Create(value.ToString(System.Globalization.CultureInfo.InvariantCulture))! : JsonValue.Create(value);
            row.Add("nb_visits", page.Visits);
            if (day) row.Add("nb_uniq_visitors", page.DailyVisitors);
            row.Add("nb_hits", page.Hits).Add("sum_time_spent", page.TimeSpent);
            if (page.EntryVisits > 0)
            {
                if (day) row.Add("entry_nb_uniq_visitors", page.DailyEntryVisitors);
                row.Add("entry_nb_visits", Count(page.EntryVisits)).Add("entry_nb_actions", Count(page.EntryActions))
                    .Add("entry_sum_visit_length", Count(page.EntryLength)).Add("entry_bounce_count", Count(page.EntryBounces));
            }
            if (page.ExitVisits > 0)
            {
                if (day) row.Add("exit_nb_uniq_visitors", page.DailyExitVisitors);
                row.Add("exit_nb_visits", Count(page.ExitVisits));
            }
            if (!day)
            {
                row.Add("sum_daily_nb_uniq_visitors", page.DailyVisitors);
                if (page.EntryVisits > 0) row.Add("sum_daily_entry_nb_uniq_visitors", page.DailyEntryVisitors);
                if (page.ExitVisits > 0) row.Add("sum_daily_exit_nb_uniq_visitors", page.DailyExitVisitors);
            }
            Rates(row, page.Hits, page.TimeSpent, page.EntryVisits, page.EntryBounces, page.Visits, page.ExitVisits);
            if (!_titles) row.Add("url", page.Url);
            return row.Add("segment", _titles ? "pageTitle==" + FakePages.SegmentValue(page.Url) : "pageUrl==" + FakePages.SegmentValue(page.Url));
        }

        private static FakeReportRow Rates(FakeReportRow row, long hits, long time, long entries, long bounces, long visits, long exits) =>
            row.Add("avg_page_load_time", 0)
                .Add("avg_time_on_page", hits == 0 ? 0 : (long)Math.Round((double)time / hits, MidpointRounding.AwayFromZero))
                .Add("bounce_rate", entries == 0 ? 0.0 : (double)bounces / entries)
                .Add("exit_rate", visits == 0 ? 0.0 : (double)exits / visits);

        /// <summary>The page a pageview belongs to, made with its folders the first time: a URL's path, or a title.</summary>
        private Node Leaf(string url)
        {
            if (_titles) return _root.Child(FakePages.Title(url), FakePages.Title(url), folder: false);
            var (folders, page) = FakePages.Split(url);
            var node = _root;
            for (int depth = 0; depth < folders.Length; depth++)
                node = node.Child(folders[depth], FakePages.FolderUrl(url, depth + 1), folder: true);
            return node.Child(page, url, folder: false);
        }

        private sealed class Node
        {
            private readonly Dictionary<string, Node> _byLabel = new Dictionary<string, Node>(StringComparer.Ordinal);

            public Node(string label, string url, bool folder)
            {
                Label = label;
                Url = url;
                IsFolder = folder;
            }

            public string Label { get; }
            /// <summary>The page's URL (its title in a title tree), or the URL a folder's pages start with.</summary>
            public string Url { get; }
            public bool IsFolder { get; }
            public List<Node> Children { get; } = new List<Node>();
            public long Visits, Hits, TimeSpent, EntryVisits, EntryActions, EntryLength, EntryBounces, ExitVisits;
            public long DailyVisitors, DailyEntryVisitors, DailyExitVisitors;
            public HashSet<int> DayVisitors { get; } = new HashSet<int>();
            public HashSet<int> DayEntryVisitors { get; } = new HashSet<int>();
            public HashSet<int> DayExitVisitors { get; } = new HashSet<int>();

            public long TotalVisits => IsFolder ? Leaves().Sum(leaf => leaf.Visits) : Visits;

            public Node Child(string label, string url, bool folder)
            {
                if (_byLabel.TryGetValue(label, out var child)) return child;
                child = new Node(label, url, folder);
                _byLabel[label] = child;
                Children.Add(child);
                return child;
            }

            public IEnumerable<Node> Leaves() => IsFolder ? Children.SelectMany(child => child.Leaves()) : new[] { this };

            /// <summary>Unique visitors count per day and add up over the days of a longer period (Matomo's sum_daily_*).</summary>
            public void EndDay()
            {
                DailyVisitors += DayVisitors.Count;
                DailyEntryVisitors += DayEntryVisitors.Count;
                DailyExitVisitors += DayExitVisitors.Count;
                DayVisitors.Clear();
                DayEntryVisitors.Clear();
                DayExitVisitors.Clear();
            }
        }
    }
}
