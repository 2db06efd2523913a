using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace MatomoPS.Client
{
    /// <summary>What each check's numbers mean: the one place that turns answers into statuses and words.</summary>
    internal static class MatomoHealthRules
    {
        /// <summary>The worst of the checks; one that could not run counts as a warning (it never reads as Ok).</summary>
        public static MatomoHealthStatus StatusOf(IEnumerable<MatomoHealthCheck> checks) =>
            checks.Select(check => Level(check.Status)).DefaultIfEmpty(MatomoHealthStatus.Ok).Max();

        /// <summary>The findings of the checks that decided <paramref name="status"/>, or that every check passed.</summary>
        public static string ReasonOf(MatomoHealthStatus status, IReadOnlyList<MatomoHealthCheck> checks)
        {
            if (status == MatomoHealthStatus.Ok) return "Every check passed.";
            return string.Join(" ", checks.Where(check => Level(check.Status) == status).Select(check =>
                $"{check.Name}{(check.Date.HasValue ? " " + Day(check.Date.Value) : string.Empty)}{(check.Status == MatomoCheckStatus.NotChecked ? " not checked" : string.Empty)}: {check.Detail}"));
        }

        private static MatomoHealthStatus Level(MatomoCheckStatus status) => status switch
        {
            MatomoCheckStatus.Ok => MatomoHealthStatus.Ok,
            MatomoCheckStatus.Failing => MatomoHealthStatus.Failing,
            _ => MatomoHealthStatus.Warning,
        };

        /// <summary>
        /// The latest visit (<paramref name="siteTime"/> as Matomo wrote it, in the site's zone; null when the log has none
        /// from <paramref name="from"/> on) against the silence allowed, measured up to <paramref name="until"/>.
        /// </summary>
        public static MatomoHealthCheck LatestVisit(int siteId, string? siteTime, DateTimeOffset? latest, DateTimeOffset until, TimeSpan maxSilence,
            DateTime from, MatomoTimeZone zone)
        {
            string at = $"{Time(until, zone)} ({zone})";
            if (latest == null)
                return new MatomoHealthCheck(siteId, MatomoHealthCheckName.LatestVisit, null, MatomoCheckStatus.Warning,
                    $"The visit log has no visit from {Day(from)} to {at}: the site tracks nothing (is its tracking code in place?).");
            var silence = until - latest.Value;
            if (silence < TimeSpan.Zero) silence = TimeSpan.Zero;
            string found = $"The latest visit was at {siteTime} ({zone}), {Span(silence)} before {at}";
            return silence > maxSilence
                ? new MatomoHealthCheck(siteId, MatomoHealthCheckName.LatestVisit, null, MatomoCheckStatus.Warning,
                    $"{found}: silent longer than the {Span(maxSilence)} allowed (is its tracking code still in place?).")
                : new MatomoHealthCheck(siteId, MatomoHealthCheckName.LatestVisit, null, MatomoCheckStatus.Ok, found + ".");
        }

        /// <summary>
        /// One day's archive: <paramref name="archived"/> visits, and what the visit log showed when asked for the visits at
        /// positions archived-1 and archived (<paramref name="beyond"/>: it holds more; <paramref name="reached"/>: it holds as many).
        /// </summary>
        public static MatomoHealthCheck ArchivedDay(int siteId, DateTime day, long archived, bool reached, bool beyond)
        {
            MatomoCheckStatus status;
            string detail;
            if (archived == 0 && !beyond)
            {
                status = MatomoCheckStatus.Ok;
                detail = "No visits archived, and none in the visit log: no traffic.";
            }
            else if (archived == 0)
            {
                status = MatomoCheckStatus.Failing;
                detail = "No visits archived, but the visit log holds visits: the day was not archived (did the archiving job run? "
                    + "Matomo did not archive it on this request either, so browser-triggered archiving is off or failed).";
            }
            else if (beyond)
            {
                status = MatomoCheckStatus.Failing;
                detail = $"{Count(archived)} archived, but the visit log holds more: archiving lost visits or has not run since they were tracked "
                    + "(run core:archive, or invalidate the day's reports).";
            }
            else if (reached)
            {
                status = MatomoCheckStatus.Ok;
                detail = $"{Count(archived)} archived, as many as the visit log holds.";
            }
            else
            {
                status = MatomoCheckStatus.Ok;
                detail = $"{Count(archived)} archived; the visit log holds fewer (its old raw data may have been deleted), so the archive is all there is.";
            }
            return new MatomoHealthCheck(siteId, MatomoHealthCheckName.Archiving, day, status, detail);
        }

        /// <summary>The tracking failures Matomo recorded for a site (it keeps them a few days).</summary>
        public static MatomoHealthCheck TrackingFailures(int siteId, IReadOnlyList<(string Problem, string FirstOccurred, string Url)> failures)
        {
            if (failures.Count == 0)
                return new MatomoHealthCheck(siteId, MatomoHealthCheckName.TrackingFailures, null, MatomoCheckStatus.Ok, "Matomo recorded no tracking failures.");
            var first = failures[0];
            string url = first.Url.Length == 0 ? string.Empty : $" at {first.Url}";
            return new MatomoHealthCheck(siteId, MatomoHealthCheckName.TrackingFailures, null, MatomoCheckStatus.Warning,
                $"Matomo recorded {failures.Count} tracking failure{(failures.Count == 1 ? string.Empty : "s")}: {first.Problem.Trim()} (since {first.FirstOccurred}{url}).");
        }

        /// <summary>A check that could not run, and why.</summary>
        public static MatomoHealthCheck NotChecked(int siteId, MatomoHealthCheckName name, DateTime? day, string why) =>
            new MatomoHealthCheck(siteId, name, day, MatomoCheckStatus.NotChecked, why);

        /// <summary>A length of time as people say it: <c>1 d 4 h</c>, <c>3 h 10 min</c>, <c>25 min</c>.</summary>
        public static string Span(TimeSpan span)
        {
            if (span.TotalMinutes < 1) return "less than a minute";
            var parts = new List<string>();
            if (span.Days > 0) parts.Add($"{span.Days} d");
            if (span.Hours > 0) parts.Add($"{span.Hours} h");
            if (span.Days == 0 && span.Minutes > 0) parts.Add($"{span.Minutes} min");
            return string.Join(" ", parts);
        }

        private static string Count(long visits) => visits == 1 ? "1 visit" : $"{visits.ToString(CultureInfo.InvariantCulture)} visits";

        private static string Day(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        private static string Time(DateTimeOffset instant, MatomoTimeZone zone) =>
            zone.ToSiteTime(instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }
}
