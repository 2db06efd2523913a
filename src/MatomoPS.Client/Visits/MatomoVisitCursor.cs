using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace MatomoPS.Client
{
    /// <summary>
    /// Where a read of the visit log stands: the site, the time of the last action of the last visit written (Matomo's
    /// visit log is ordered by it) and the ids of the visits written with exactly that time. Matomo orders visits of the
    /// same second in no defined order, so the ids of that second, not one id, say which of them are done. Written as
    /// text, <c>1:1672534440:2</c> (site, Unix seconds, ids), it holds nothing secret and can be kept in a file.
    /// </summary>
    public sealed class MatomoVisitCursor : IEquatable<MatomoVisitCursor>
    {
        private MatomoVisitCursor(int siteId, long time, IReadOnlyList<long> visitIds)
        {
            SiteId = siteId;
            Time = time;
            VisitIds = visitIds;
        }

        /// <summary>The position after a visit of <paramref name="siteId"/> whose last action was at <paramref name="time"/> (Unix seconds).</summary>
        /// <exception cref="MatomoArgumentException">A value is out of range.</exception>
        public static MatomoVisitCursor Create(int siteId, long time, IEnumerable<long> visitIds)
        {
            MatomoQueryChecks.SiteId(siteId);
            var ids = (visitIds ?? throw new ArgumentNullException(nameof(visitIds))).Distinct().ToList();
            if (time <= 0 || ids.Count == 0 || ids.Any(id => id <= 0))
                throw new MatomoArgumentException("A visit log cursor needs a time after 1970 and at least one visit id above 0.");
            return new MatomoVisitCursor(siteId, time, ids);
        }

        /// <summary>The site the cursor belongs to.</summary>
        public int SiteId { get; }

        /// <summary>The time of the last action of the visits written last, in Unix seconds (UTC).</summary>
        public long Time { get; }

        /// <summary>The time of <see cref="Time"/> as a UTC date and time.</summary>
        public DateTime TimeUtc => MatomoVisit.FromUnixSeconds(Time);

        /// <summary>The ids of the visits already written whose last action was at <see cref="Time"/> (usually one).</summary>
        public IReadOnlyList<long> VisitIds { get; }

        /// <summary>True when the visit of <paramref name="visitId"/>, last active at <paramref name="time"/>, was written at or before this position.</summary>
        public bool Covers(long time, long visitId) => time < Time || (time == Time && VisitIds.Contains(visitId));

        /// <summary>The position after one more visit: its time and id, and the ids of this cursor's second when it is the same second.</summary>
        public MatomoVisitCursor After(long time, long visitId) =>
            time == Time ? new MatomoVisitCursor(SiteId, time, VisitIds.Concat(new[] { visitId }).ToList()) : Create(SiteId, time, new[] { visitId });

        /// <summary>Reads a cursor as <see cref="ToString"/> writes it.</summary>
        /// <exception cref="MatomoArgumentException">The text is not a cursor of the visit log.</exception>
        public static MatomoVisitCursor Parse(string text)
        {
            string[] parts = (text ?? string.Empty).Trim().Split(':');
            if (parts.Length == 3
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int siteId)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long time))
            {
                var ids = new List<long>();
                foreach (string id in parts[2].Split(','))
                {
                    if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long visitId)) return Refuse(text);
                    ids.Add(visitId);
                }
                if (siteId > 0 && time > 0 && ids.All(id => id > 0)) return new MatomoVisitCursor(siteId, time, ids.Distinct().ToList());
            }
            return Refuse(text);
        }

        private static MatomoVisitCursor Refuse(string? text) =>
            throw new MatomoArgumentException($"'{text}' is not a cursor of the visit log; give the cursor that came with a visit of an earlier read, such as 1:1672534440:2 (the site, the second of the visit's last action, the ids of the visits of that second).");

        /// <summary>The cursor as text: site, Unix seconds and the visit ids of that second, <c>1:1672534440:2,5</c>.</summary>
        public override string ToString() =>
            SiteId.ToString(CultureInfo.InvariantCulture) + ":" + Time.ToString(CultureInfo.InvariantCulture) + ":"
            + string.Join(",", VisitIds.Select(id => id.ToString(CultureInfo.InvariantCulture)));

        /// <inheritdoc />
        public bool Equals(MatomoVisitCursor? other) =>
            other != null && other.SiteId == SiteId && other.Time == Time && other.VisitIds.Count == VisitIds.Count && !other.VisitIds.Except(VisitIds).Any();

        /// <inheritdoc />
        public override bool Equals(object? obj) => Equals(obj as MatomoVisitCursor);

        /// <inheritdoc />
        public override int GetHashCode() => SiteId * 397 ^ Time.GetHashCode();
    }
}
