using System;

namespace FakeMatomo
{
    /// <summary>A site of the double and the shape of its traffic.</summary>
    public sealed class FakeSite
    {
        public FakeSite(int id, string name, DateTime? trafficFrom, int visitsPerDay, bool quietWeekends, string timezone = "UTC")
        {
            Timezone = timezone;
            Id = id;
            Name = name;
            TrafficFrom = trafficFrom;
            VisitsPerDay = visitsPerDay;
            QuietWeekends = quietWeekends;
        }

        public int Id { get; }
        public string Name { get; }

        /// <summary>The first day with visits; null for a site that never had any.</summary>
        public DateTime? TrafficFrom { get; }

        /// <summary>The average number of visits on a weekday.</summary>
        public int VisitsPerDay { get; }

        /// <summary>No visits on Saturdays and Sundays (gives empty periods on a site that has data).</summary>
        public bool QuietWeekends { get; }

        public bool HasTraffic => TrafficFrom.HasValue;

        /// <summary>The site's time zone as Matomo writes it: UTC, an IANA id, or a fixed offset such as UTC-12 or UTC+5.5.</summary>
        public string Timezone { get; }
    }
}
