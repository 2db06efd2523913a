using System;

namespace MatomoPS.Client
{
    /// <summary>
    /// One site's key figures for a period and for the period before, as Matomo's All Websites dashboard shows them
    /// (<c>MultiSites.getAll</c>). A change is a fraction (0.12 is 12 % more), as with -Compare
    /// (<see cref="MatomoComparedPeriods.Change"/>): null where the previous period had none, as no fraction of nothing is
    /// a change (Matomo's dashboard shows 100 % from nothing, 0 % from nothing to nothing). A figure the server does not
    /// give (revenue and conversions without the Goals plugin) is null, and so is its change.
    /// </summary>
    public sealed class MatomoSiteSummary
    {
        /// <summary>The Matomo site id: what the other commands take from the pipeline.</summary>
        public int SiteId { get; set; }

        /// <summary>The site's name.</summary>
        public string Name { get; set; } = string.Empty;

        /// <summary>The site's main address.</summary>
        public string MainUrl { get; set; } = string.Empty;

        /// <summary>The kind of period summed up.</summary>
        public MatomoPeriod Period { get; set; }

        /// <summary>The first day of the period.</summary>
        public DateTime Start { get; set; }

        /// <summary>The last day of the period.</summary>
        public DateTime End { get; set; }

        /// <summary>Visits in the period.</summary>
        public long Visits { get; set; }

        /// <summary>Actions in the period (pageviews, downloads, outlinks, site searches...).</summary>
        public long Actions { get; set; }

        /// <summary>Pageviews in the period.</summary>
        public long? Pageviews { get; set; }

        /// <summary>Revenue of goals and ecommerce in the period, in the site's currency.</summary>
        public decimal? Revenue { get; set; }

        /// <summary>Goal conversions in the period.</summary>
        public long? Conversions { get; set; }

        /// <summary>The currency symbol Matomo shows with the revenue, such as <c>$</c> or <c>€</c>.</summary>
        public string CurrencySymbol { get; set; } = string.Empty;

        /// <summary>The first day of the previous period (a range: as many days, ending the day before <see cref="Start"/>).</summary>
        public DateTime PreviousStart { get; set; }

        /// <summary>The last day of the previous period.</summary>
        public DateTime PreviousEnd { get; set; }

        /// <summary>Visits in the previous period.</summary>
        public long? PreviousVisits { get; set; }

        /// <summary>Actions in the previous period.</summary>
        public long? PreviousActions { get; set; }

        /// <summary>Pageviews in the previous period.</summary>
        public long? PreviousPageviews { get; set; }

        /// <summary>Revenue in the previous period.</summary>
        public decimal? PreviousRevenue { get; set; }

        /// <summary>Goal conversions in the previous period.</summary>
        public long? PreviousConversions { get; set; }

        /// <summary>The change of visits against the previous period, as a fraction; null when it had none.</summary>
        public double? VisitsChange => MatomoComparedPeriods.Change(Visits, PreviousVisits);

        /// <summary>The change of actions against the previous period, as a fraction.</summary>
        public double? ActionsChange => MatomoComparedPeriods.Change(Actions, PreviousActions);

        /// <summary>The change of pageviews against the previous period, as a fraction.</summary>
        public double? PageviewsChange => MatomoComparedPeriods.Change(Pageviews, PreviousPageviews);

        /// <summary>The change of revenue against the previous period, as a fraction.</summary>
        public double? RevenueChange => MatomoComparedPeriods.Change((double?)Revenue, (double?)PreviousRevenue);

        /// <summary>The change of conversions against the previous period, as a fraction.</summary>
        public double? ConversionsChange => MatomoComparedPeriods.Change(Conversions, PreviousConversions);

        /// <summary>The id and the name, such as <c>1 Example Org</c>.</summary>
        public override string ToString() => $"{SiteId} {Name}";
    }
}
