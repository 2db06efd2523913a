using System;

namespace MatomoPS.Client
{
    /// <summary>One check behind a site's health: what was checked, for which day, what it found and why.</summary>
    public sealed class MatomoHealthCheck
    {
        /// <summary>A check of a site.</summary>
        public MatomoHealthCheck(int siteId, MatomoHealthCheckName name, DateTime? date, MatomoCheckStatus status, string detail)
        {
            SiteId = siteId;
            Name = name;
            Date = date;
            Status = status;
            Detail = detail ?? throw new ArgumentNullException(nameof(detail));
        }

        /// <summary>The site checked.</summary>
        public int SiteId { get; }

        /// <summary>What was checked.</summary>
        public MatomoHealthCheckName Name { get; }

        /// <summary>The day checked (a day of the site's time zone), for <see cref="MatomoHealthCheckName.Archiving"/>; null for the others.</summary>
        public DateTime? Date { get; }

        /// <summary>What the check found.</summary>
        public MatomoCheckStatus Status { get; }

        /// <summary>What was found, in a sentence or two: the numbers, or why the check could not run.</summary>
        public string Detail { get; }

        /// <summary>Such as <c>Archiving 2023-03-30 Failing: ...</c>.</summary>
        public override string ToString() =>
            $"{Name}{(Date.HasValue ? " " + Date.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : string.Empty)} {Status}: {Detail}";
    }
}
