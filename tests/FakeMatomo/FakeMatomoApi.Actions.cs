using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace FakeMatomo
{
    /// <summary>
    /// Actions.getPageUrls and Actions.getPageTitles: the pageviews of the double's visits as Matomo's Actions reports
    /// show them (see <see cref="FakePageTree"/>). The top-level folders of getPageUrls are the languages (<c>de</c>,
    /// <c>en</c>...) and <c>api</c>; their nb_hits add up to every pageview of the period.
    /// </summary>
    public sealed partial class FakeMatomoApi
    {
        private static FakeReportBuild PageUrlsTable(IReadOnlyList<IReadOnlyList<FakeVisit>> days, bool day)
        {
            var tree = new FakePageTree(titles: false);
            foreach (var visits in days) tree.AddDay(visits);
            return new FakeReportBuild(tree.Rows(day), row =>
            {
                // A flat row is named by its whole path (/de/page-3/), and says so once more in Actions_PageUrl.
                string label = FakePages.FlatLabel(((JsonValue)row.Column("url")!).GetValue<string>());
                return Flat(row, label, "Actions_PageUrl");
            });
        }

        private static FakeReportBuild PageTitlesTable(IReadOnlyList<IReadOnlyList<FakeVisit>> days, bool day)
        {
            var tree = new FakePageTree(titles: true);
            foreach (var visits in days) tree.AddDay(visits);
            // Titles have no folders; a flat title loses the space Matomo puts before a title in the hierarchical report.
            return new FakeReportBuild(tree.Rows(day), row => Flat(row, row.Label.TrimStart(' '), "Actions_PageTitle"));
        }

        private static FakeReportRow Flat(FakeReportRow row, string label, string dimension)
        {
            var flat = new FakeReportRow(label);
            foreach (var pair in row.Columns)
            {
                if (pair.Key == "segment") flat.Add(dimension, label);
                flat.Columns.Add(pair);
            }
            return flat;
        }
    }
}
