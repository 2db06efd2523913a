using System;

namespace MatomoPS.Client
{
    /// <summary>A website a token may view: its id and what Matomo's administration shows of it.</summary>
    public sealed class MatomoSite
    {
        /// <summary>The Matomo site id.</summary>
        public int SiteId { get; set; }

        /// <summary>The site's name, as Matomo's administration shows it.</summary>
        public string Name { get; set; } = string.Empty;

        /// <summary>The site's main address.</summary>
        public string MainUrl { get; set; } = string.Empty;

        /// <summary>The time zone every date of the site counts in, such as <c>UTC</c> or <c>Europe/Berlin</c>.</summary>
        public string Timezone { get; set; } = string.Empty;

        /// <summary>The currency of its revenue, such as <c>EUR</c>.</summary>
        public string Currency { get; set; } = string.Empty;

        /// <summary>When the site was created in Matomo (its reports start there).</summary>
        public DateTime? Created { get; set; }

        /// <summary>The id and the name, such as <c>1 Example Org</c>.</summary>
        public override string ToString() => $"{SiteId} {Name}";
    }
}
