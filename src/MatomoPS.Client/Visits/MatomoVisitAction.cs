using System;

namespace MatomoPS.Client
{
    /// <summary>One action of a visit (a page view, a download, an outlink, an event...), with its visit's id.</summary>
    public sealed class MatomoVisitAction
    {
        /// <summary>The site of the visit.</summary>
        public int SiteId { get; internal set; }

        /// <summary>The id of the visit the action belongs to.</summary>
        public long VisitId { get; internal set; }

        /// <summary>The place of the action in its visit, from 1.</summary>
        public int Position { get; internal set; }

        /// <summary>Matomo's type of the action: <c>action</c> (a page view), <c>download</c>, <c>outlink</c>, <c>event</c>, <c>goal</c>, <c>search</c>...</summary>
        public string? Type { get; internal set; }

        /// <summary>The address of the action.</summary>
        public string? Url { get; internal set; }

        /// <summary>The page title, or Matomo's title of another kind of action.</summary>
        public string? Title { get; internal set; }

        /// <summary>The time of the action, in UTC.</summary>
        public DateTime? Time { get; internal set; }

        /// <summary>The time of the action on the site's clock (its time zone).</summary>
        public DateTime? SiteTime { get; internal set; }

        /// <summary>The seconds spent on the page, as Matomo counts them.</summary>
        public int? TimeSpentSeconds { get; internal set; }

        /// <summary>The event category of an event.</summary>
        public string? EventCategory { get; internal set; }

        /// <summary>The event action of an event.</summary>
        public string? EventAction { get; internal set; }

        /// <summary>The position after the action's visit (see <see cref="MatomoVisit.Cursor"/>).</summary>
        public string Cursor { get; internal set; } = string.Empty;

        /// <summary>The action's type and address.</summary>
        public override string ToString() => (Type ?? "action") + " " + (Url ?? Title ?? string.Empty);
    }
}
