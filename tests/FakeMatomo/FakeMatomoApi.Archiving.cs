using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;

namespace FakeMatomo
{
    /// <summary>
    /// Browser-triggered archiving, on (Matomo's default) or off as on busy servers that archive by cron
    /// (<c>enable_browser_archiving_triggering = 0</c>, <c>browser_archiving_disabled_enforce = 1</c>). Off, a segment that
    /// is not pre-processed was never archived: its reports are 0 for every period of day, week, month and year (ranges
    /// are archived on request all the same), and Matomo's guard refuses it only for a single request of one site whose
    /// segment is in the URL's query string, when the visit log has visits for it (tests/data/realmatomo/faults).
    /// </summary>
    public sealed partial class FakeMatomoApi
    {
        /// <summary>Matomo's guard: a segment not in the segment editor, asked for alone with the segment in the URL.</summary>
        public const string UnprocessedSegmentMessage = "The Segment you requested has not yet been created in the Segment Editor and so the report data has not been pre-processed. "
            + "To see data for this segment, you must go to Matomo and create this segment manually in the Segment Editor. "
            + "(Alternatively, you can create a new segment programmatically using the SegmentEditor.add API method). "
            + "Once created the segment in the editor (or via API), this error message will disappear and within a few hours you will see your segmented report data, "
            + "after the segment data has been pre-processed. (If it does not, there may be a problem.) "
            + "Please note that you can test whether your segment will work without having to wait for it to be processed by using the Live.getLastVisitsDetails API. "
            + "When using this API method, you will see which users and actions were matched by your &segment= parameter. "
            + "This can help you confirm your Segment matches the users and actions you expect it to.";

        /// <summary>Set by <see cref="Handle"/> when the segment came in the query string; bulk sub-requests never inherit it.</summary>
        private const string SegmentInUrl = "\u0000segment-in-url";

        private volatile bool _browserArchiving = true;

        /// <summary>False: a segment that is not in <see cref="PreProcessedSegments"/> was never processed.</summary>
        public bool BrowserArchiving { get => _browserArchiving; set => _browserArchiving = value; }

        /// <summary>The segments a cron run archives (the segment editor's pre-processed ones), as readable definitions such as <c>pageUrl=@/de/</c>.</summary>
        public ISet<string> PreProcessedSegments { get; } = new HashSet<string>();

        /// <summary>True when the segment's reports of this period were never archived.</summary>
        private bool Unprocessed(FakeSegment? segment, string period) =>
            segment != null && !BrowserArchiving && period != "range" && !PreProcessedSegments.Contains(Uri.UnescapeDataString(segment.Definition));

        /// <summary>Matomo's guard: refuses an unprocessed segment when it can, that is for the root request of one site with the segment in the URL.</summary>
        private void GuardUnprocessed(IReadOnlyDictionary<string, string> parameters, int[] siteIds, bool nested, FakeSegment segment, List<FakePeriod> periods)
        {
            if (!parameters.ContainsKey(SegmentInUrl) || nested || siteIds.Length != 1) return;
            // Matomo searches the whole date list as one range, or the one period asked for.
            string date = parameters["date"];
            int comma = date.IndexOf(',');
            DateTime first = comma > 0 && DateTime.TryParse(date.Substring(0, comma), CultureInfo.InvariantCulture, DateTimeStyles.None, out var start) ? start : periods[0].First;
            DateTime last = comma > 0 && DateTime.TryParse(date.Substring(comma + 1), CultureInfo.InvariantCulture, DateTimeStyles.None, out var end) ? end : periods[periods.Count - 1].Last;
            if (Data.Visits(siteIds[0], first, last).Any(segment.Matches))
                throw new FakeApiException(UnprocessedSegmentMessage);
        }

        private static void MarkSegmentInUrl(IReadOnlyDictionary<string, string> query, Dictionary<string, string> parameters)
        {
            if (query.ContainsKey("segment")) parameters[SegmentInUrl] = "1";
        }
    }
}
