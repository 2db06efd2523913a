using System;
using System.Collections.Generic;
using System.Linq;

namespace MatomoPS.Client
{
    /// <summary>
    /// The periods one answer holds, checked against those asked for, for series and reports alike: Matomo answers
    /// every period asked for, once, and no other ([] when empty). A period not asked for, one twice, or one missing
    /// makes the answer unreadable, never a series or report silently longer or shorter.
    /// </summary>
    internal sealed class MatomoPeriodTally
    {
        private readonly MatomoDateRange _asked;
        private readonly string _method;
        private readonly MatomoExceptions _exceptions;
        private readonly DateTime _today;
        private readonly HashSet<(int Site, string Key)> _seen = new HashSet<(int Site, string Key)>();

        /// <param name="asked">The periods asked for (a part of a report read in parts, or the whole range).</param>
        /// <param name="method">The API method, for messages.</param>
        /// <param name="exceptions">Builds the failures.</param>
        /// <param name="today">Today, to tell an answer cut at Matomo's horizon.</param>
        public MatomoPeriodTally(MatomoDateRange asked, string method, MatomoExceptions exceptions, DateTime today)
        {
            _asked = asked;
            _method = method;
            _exceptions = exceptions;
            _today = today;
            // A range is one table, keyed by its dates, not a list of periods to tally.
            Expected = asked.Period == MatomoPeriod.Range
                ? new Dictionary<string, (DateTime Start, DateTime End)>()
                : MatomoPeriodKey.Expected(asked.Period, asked.Start, asked.End);
        }

        /// <summary>The periods asked for by key (<c>2023-01</c>), with their first and last days.</summary>
        public IReadOnlyDictionary<string, (DateTime Start, DateTime End)> Expected { get; }

        /// <summary>The first and last day of the period <paramref name="key"/> of <paramref name="siteId"/>; throws for one not asked for or seen before.</summary>
        public (DateTime Start, DateTime End) Add(int siteId, string key)
        {
            if (!Expected.TryGetValue(key, out var period))
                throw _exceptions.Unreadable(_method, $"has the period '{MatomoExceptions.Quote(key)}', which was not asked for ({_asked}).");
            if (!_seen.Add((siteId, key)))
                throw _exceptions.Unreadable(_method, $"has the period '{key}' of site {siteId} twice.");
            return period;
        }

        /// <summary>Throws when a period asked for is missing for one of <paramref name="siteIds"/>.</summary>
        public void CheckComplete(IEnumerable<int> siteIds)
        {
            foreach (int siteId in siteIds)
            {
                var missing = Expected.Keys.Where(key => !_seen.Contains((siteId, key))).ToList();
                if (missing.Count == 0) continue;
                var answeredUntil = Expected.Where(pair => _seen.Contains((siteId, pair.Key))).Select(pair => (DateTime?)pair.Value.End).Max();
                throw LacksPeriods(siteId, missing, answeredUntil, Expected[missing[0]].Start);
            }
        }

        /// <summary>
        /// An answer without some of the periods asked for. An answer that stops at a 31 December in a later year (every
        /// missing period after it) is what Matomo gives for days past its horizon, 31 December ten years from its clock's
        /// now; this client's latest date keeps below that, so the server's clock is behind, and the message says so
        /// rather than blaming the answer's way here.
        /// </summary>
        private MatomoException LacksPeriods(int siteId, IReadOnlyList<string> missing, DateTime? answeredUntil, DateTime firstMissing)
        {
            string problem = $"for site {siteId} lacks {missing.Count} of its periods ({string.Join(", ", missing.Take(3))}{(missing.Count > 3 ? ", ..." : string.Empty)})";
            bool cutAtHorizon = answeredUntil is DateTime last && last.Month == 12 && last.Day == 31 && firstMissing > last && last.Year > _today.Year;
            return _exceptions.Unreadable(_method, cutAtHorizon
                ? $"{problem}: it stops at {MatomoDateRange.Iso(answeredUntil!.Value)}, and {MatomoQueryChecks.Horizon}, so the server's clock is behind this machine's."
                : problem + ".");
        }
    }
}
