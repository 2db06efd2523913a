using System;
using System.Collections.Generic;
using System.Linq;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Tests
{
    /// <summary>
    /// What the double holds, counted straight from its data set: the numbers the commands must report.
    /// Segments are given in their wire form (values URL-encoded), as the double receives them.
    /// </summary>
    internal static class ExpectedVisits
    {
        /// <summary>Every period of the range with its count: Matomo's keys, in date order.</summary>
        public static List<(string Key, long Value)> Series(FakeDataSet data, MatomoPeriod period, DateTime start, DateTime end,
            string? wireSegment, MatomoMetric metric = MatomoMetric.Visits, int siteId = 1)
        {
            var segment = wireSegment is null ? null : FakeSegment.Parse(wireSegment);
            return FakePeriod.Between(period.ToString().ToLowerInvariant(), start, end)
                .Select(span =>
                {
                    var visits = data.Visits(siteId, span.First, span.Last).Where(visit => segment is null || segment.Matches(visit)).ToList();
                    long value = metric == MatomoMetric.Actions ? visits.Sum(visit => visit.Actions) : visits.Count;
                    return (span.Key, value);
                })
                .ToList();
        }

        /// <summary>The default template's segment for a code, as it goes over the wire: <c>pageUrl=@%2Fde%2F</c>.</summary>
        public static string LanguageSegment(string code) => "pageUrl=@" + Uri.EscapeDataString("/" + code + "/");
    }
}
