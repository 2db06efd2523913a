using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace MatomoPS.Client
{
    public sealed partial class MatomoClient
    {
        internal const string SiteSummaryMethod = "MultiSites.getAll";

        /// <summary>
        /// Every site the token may view, with its visits, actions, pageviews, revenue and conversions in the one period of
        /// <paramref name="range"/> and in the period before (Matomo's All Websites dashboard), in one request, in Matomo's order.
        /// </summary>
        /// <exception cref="MatomoArgumentException">
        /// The range holds more than one day, week, month or year (a range is one period), or the period before it begins
        /// before Matomo's first date.
        /// </exception>
        /// <exception cref="MatomoException">Matomo refused the request, or its answer cannot be read.</exception>
        public async Task<IReadOnlyList<MatomoSiteSummary>> GetSiteSummariesAsync(MatomoDateRange range, CancellationToken cancellation = default)
        {
            if (range is null) throw new ArgumentNullException(nameof(range));
            if (range.Period != MatomoPeriod.Range && !range.IsOnePeriod)
                throw new MatomoArgumentException(
                    $"A summary is of one {range.PeriodName}, and {range.DateText.Replace(",", " to ")} spans several; give one date, or use the Range period for the whole span.");
            // The period Matomo compares with: the one before, or as many days before a range.
            var previous = MatomoComparedPeriods.Range(range, MatomoComparison.PreviousPeriod);
            var parameters = range.Parameters().ToList();
            parameters.Add(MatomoRequest.Pair("enhanced", "1"));
            parameters.Add(MatomoRequest.Pair("format_metrics", "0"));
            return await CallAsync(new MatomoRequest(SiteSummaryMethod, parameters),
                root => _reader.ReadSiteSummaries(root, range, previous), cancellation).ConfigureAwait(false);
        }

        /// <summary>
        /// Marks the archived reports of <paramref name="query"/> as invalid, so Matomo processes them again from the visit
        /// log: at its next archiving run, or at the next request for them where browser-triggered archiving is on. Until
        /// then it serves them as before. Matomo lets only super users call it.
        /// </summary>
        /// <exception cref="MatomoException">
        /// Of kind <see cref="MatomoErrorKind.Access"/> when the token is not a super user's; otherwise Matomo refused the
        /// request, or its answer cannot be read.
        /// </exception>
        public async Task<MatomoArchiveInvalidation> InvalidateArchivesAsync(MatomoInvalidationQuery query, CancellationToken cancellation = default)
        {
            if (query is null) throw new ArgumentNullException(nameof(query));
            IReadOnlyList<string> messages;
            try
            {
                messages = await CallAsync(query.ToRequest(), root => ReadLines(root), cancellation).ConfigureAwait(false);
            }
            catch (MatomoException error) when (IsHiddenMethod(error))
            {
                throw _exceptions.NeedsSuperUser(error, Endpoint);
            }
            var (first, last) = query.Range.Span;
            return new MatomoArchiveInvalidation
            {
                SiteId = query.SiteIds.ToArray(),
                Period = query.Range.Period,
                Start = first,
                End = last,
                Dates = query.Range.InvalidationDates(),
                Segment = query.Segment,
                CascadeDown = query.CascadeDown,
                Messages = messages,
            };

            IReadOnlyList<string> ReadLines(JsonElement root)
            {
                if (root.ValueKind != JsonValueKind.Array || root.EnumerateArray().Any(line => line.ValueKind != JsonValueKind.String))
                    throw _exceptions.Shape(MatomoInvalidationQuery.Method, "a list of lines", root);
                return root.EnumerateArray().Select(line => System.Net.WebUtility.HtmlDecode(line.GetString()!)).ToList();
            }
        }

        /// <summary>
        /// Matomo hides methods marked for super users from every other token: it answers that the method "does not exist
        /// or is not available", as for a method that really is missing.
        /// </summary>
        private static bool IsHiddenMethod(MatomoException error) =>
            error.Kind == MatomoErrorKind.InvalidRequest && error.ServerMessage != null
            && error.ServerMessage.IndexOf("does not exist or is not available", StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
