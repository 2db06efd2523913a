using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace MatomoPS.Client
{
    public sealed partial class MatomoClient
    {
        private static readonly string[] PageTooLargeTexts =
        {
            // PHP's fatal error on Matomo's error page, when a page of visits needs more memory than memory_limit allows.
            "Allowed memory size", "Out of memory",
            // PHP's own time limit (max_execution_time).
            "Maximum execution time",
            // Live's own refusal when its query runs over live_query_max_execution_time.
            "Could not run the query in time",
        };

        /// <summary>
        /// Reads the visit log of one site, oldest visit first, page by page, and hands each page's visits to
        /// <paramref name="write"/>; the next page is asked for only once a page is written, so memory holds one page.
        /// Pages follow a cursor, not an offset: each asks for the visits last active from the last written one's time on
        /// (Matomo's <c>minTimestamp</c>, <c>filter_sort_order=asc</c>) and leaves out the visits of that second already
        /// written, so visits tracked during the read neither repeat nor push others out of sight. Each visit carries the
        /// cursor after it (<see cref="MatomoVisit.Cursor"/>). A page the server runs out of memory or time on is asked for
        /// again half as large (see <see cref="MatomoVisitPageSize"/>); other failures are retried as every request is.
        /// </summary>
        /// <exception cref="MatomoException">Matomo refused a page, or failed on it after its retries; the message says where the read stood.</exception>
        /// <exception cref="MatomoArgumentException">The cursor to go on from belongs to another site.</exception>
        public async Task ReadVisitLogAsync(MatomoVisitLogQuery query, MatomoVisitLogOptions options, Func<IReadOnlyList<MatomoVisit>, Task> write,
            CancellationToken cancellation = default)
        {
            if (query is null) throw new ArgumentNullException(nameof(query));
            if (options is null) throw new ArgumentNullException(nameof(options));
            if (write is null) throw new ArgumentNullException(nameof(write));
            var cursor = options.After;
            if (cursor != null && cursor.SiteId != query.SiteId)
                throw new MatomoArgumentException($"The cursor {cursor} is a position in the visit log of site {cursor.SiteId}, not of site {query.SiteId}.");
            DateTime from = query.StartUtc, until = query.EndUtc;
            if (options.Until.HasValue && options.Until.Value < until) until = options.Until.Value;
            var size = new MatomoVisitPageSize(options.PageSize);
            long visits = 0;
            int widen = 1;
            while (true)
            {
                DateTime covered = cursor == null ? from : Max(from, cursor.TimeUtc);
                options.Progress?.Report(new MatomoVisitLogProgress(from, until, covered, visits));
                if (covered >= until) return;
                cancellation.ThrowIfCancellationRequested();

                // The days of the page: from the cursor's day (as the site counts days) to the day of the end, within the range.
                var firstDay = Max(query.Start, query.Zone.ToSiteTime(covered).Date);
                var lastDay = Min(query.End, query.Zone.ToSiteTime(until).Date);
                int limit = (int)Math.Min(int.MaxValue / 2, (long)size.Current * widen);
                var request = query.ToRequest(firstDay, Max(firstDay, lastDay), limit, cursor == null ? (long?)null : cursor.Time - 1);
                List<MatomoVisit> page;
                try
                {
                    using var document = await CallAsync(request, cancellation).ConfigureAwait(false);
                    page = _reader.Read(document.RootElement, request.Method, root => _reader.ReadVisits(query, root));
                }
                catch (MatomoException error) when (IsPageTooLarge(error) && size.TryShrink())
                {
                    widen = 1;
                    _log.Write($"{request.Method}: a page of {limit} visits was too much for the server ({MatomoExceptions.Quote(error.ServerMessage ?? error.Message)}); asking for {size.Current} a page");
                    continue;
                }
                catch (MatomoException error)
                {
                    throw _exceptions.ForVisitLog(error, query.SiteId, cursor);
                }
                if (size.Succeeded()) _log.Write($"{request.Method}: asking for {size.Current} visits a page again");

                var fresh = new List<MatomoVisit>(page.Count);
                bool last = page.Count < limit;
                long previous = 0;
                foreach (var visit in page)
                {
                    long time = MatomoVisit.ToUnixSeconds(visit.LastActionTime);
                    if (time < previous)
                        throw _exceptions.ForVisitLog(_exceptions.Unreadable(request.Method, $"is not in the order of the visits' last actions (visit {visit.VisitId} comes after a later one)"), query.SiteId, cursor);
                    previous = time;
                    if (cursor != null && cursor.Covers(time, visit.VisitId)) continue;
                    if (visit.LastActionTime >= until)
                    {
                        last = true;
                        break;
                    }
                    // Matomo's range includes the first second of the day after it; that second belongs to the next range.
                    if (visit.LastActionTime < from) continue;
                    cursor = cursor == null ? MatomoVisitCursor.Create(query.SiteId, time, new[] { visit.VisitId }) : cursor.After(time, visit.VisitId);
                    visit.Cursor = cursor.ToString();
                    fresh.Add(visit);
                }
                if (fresh.Count > 0)
                {
                    await write(fresh).ConfigureAwait(false);
                    visits += fresh.Count;
                    widen = 1;
                }
                else if (!last)
                {
                    // A whole page of visits of the cursor's second, all written already: more visits share that second
                    // than a page holds, so the next page is larger until it reaches past them.
                    widen *= 2;
                    _log.Write($"{request.Method}: more than {limit} visits were last active at {cursor!.TimeUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC; asking for {limit * 2} at once");
                }
                if (last)
                {
                    options.Progress?.Report(new MatomoVisitLogProgress(from, until, until, visits));
                    return;
                }
            }
        }

        /// <summary>
        /// A failure that a smaller page may avoid: the server ran out of memory or time on the page (PHP's fatal error,
        /// Live's own query time limit), or gave no answer in time (the client's timeout, a gateway's 504).
        /// </summary>
        private static bool IsPageTooLarge(MatomoException error)
        {
            if (error.Kind == MatomoErrorKind.Timeout || error.HttpStatus == 504) return true;
            string said = (error.ServerMessage ?? string.Empty) + " " + error.Message;
            return Array.Exists(PageTooLargeTexts, text => said.IndexOf(text, StringComparison.OrdinalIgnoreCase) >= 0);
        }
    }
}
