using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace FakeMatomo
{
    /// <summary>
    /// Deterministic synthetic traffic: the same site and day always give the same visits, so tests can
    /// compare what the client reports with what the double computes.
    /// </summary>
    public sealed class FakeDataSet
    {
        /// <summary>Language codes, most visited first; more than 120 so large language calls find traffic.</summary>
        public static readonly IReadOnlyList<string> Languages = BuildLanguages();

        private static readonly string[] Browsers = { "FF", "CH", "SF", "IE", "ED" };
        private readonly ConcurrentDictionary<(int Site, int Day), FakeVisit[]> _days = new ConcurrentDictionary<(int, int), FakeVisit[]>();
        private readonly double[] _cumulativeWeights;

        public FakeDataSet(DateTime today)
        {
            Today = today.Date;
            var sites = new List<FakeSite>
            {
                new FakeSite(1, "Demo site", new DateTime(2020, 1, 1), 60, quietWeekends: false),
                new FakeSite(2, "Intranet", new DateTime(2022, 1, 1), 12, quietWeekends: true),
                new FakeSite(3, "New site without visits", null, 0, quietWeekends: false),
            };
            // Sites at the ends of the world's zones, as Matomo writes them: a fixed offset, IANA ids, and one this machine
            // cannot know (as an IANA id is unknown to Windows PowerShell 5.1).
            sites.Add(new FakeSite(4, "Site 4", null, 0, quietWeekends: false, timezone: "UTC-12"));
            sites.Add(new FakeSite(5, "Site 5", null, 0, quietWeekends: false, timezone: "Pacific/Kiritimati"));
            sites.Add(new FakeSite(6, "Site 6", null, 0, quietWeekends: false, timezone: "UTC+5.75"));
            sites.Add(new FakeSite(7, "Site 7", null, 0, quietWeekends: false, timezone: "Mars/Olympus_Mons"));
            for (int id = 8; id <= 150; id++) sites.Add(new FakeSite(id, $"Site {id}", null, 0, quietWeekends: false));
            Sites = sites;

            double total = 0;
            _cumulativeWeights = Languages.Select((_, i) => total += 1.0 / (i + 1)).ToArray();
        }

        /// <summary>The double's today: later days have no visits yet.</summary>
        public DateTime Today { get; }

        public IReadOnlyList<FakeSite> Sites { get; }

        public FakeSite? Site(int id) => Sites.FirstOrDefault(site => site.Id == id);

        /// <summary>The visits of one site on one day.</summary>
        public IReadOnlyList<FakeVisit> Visits(int siteId, DateTime day) =>
            _days.GetOrAdd((siteId, (int)(day.Date - DateTime.MinValue).TotalDays), key => Generate(key.Site, day.Date));

        /// <summary>The visits of one site from <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
        public IEnumerable<FakeVisit> Visits(int siteId, DateTime first, DateTime last)
        {
            for (var day = first.Date; day <= last.Date; day = day.AddDays(1))
                foreach (var visit in Visits(siteId, day))
                    yield return visit;
        }

        private FakeVisit[] Generate(int siteId, DateTime day)
        {
            var site = Site(siteId);
            if (site?.TrafficFrom is null || day < site.TrafficFrom.Value || day > Today) return Array.Empty<FakeVisit>();
            if (site.QuietWeekends && (day.DayOfWeek == DayOfWeek.Saturday || day.DayOfWeek == DayOfWeek.Sunday)) return Array.Empty<FakeVisit>();
            var random = new Random(siteId * 1_000_003 + (int)(day - new DateTime(2000, 1, 1)).TotalDays);
            // One day in 23 the tracker was down: an empty day on a site that has data.
            if (random.Next(23) == 0) return Array.Empty<FakeVisit>();

            double seasonal = 1 + 0.3 * Math.Sin(2 * Math.PI * day.DayOfYear / 365.0);
            double weekday = day.DayOfWeek == DayOfWeek.Saturday || day.DayOfWeek == DayOfWeek.Sunday ? 0.6 : 1.0;
            double growth = 1 + (day - site.TrafficFrom.Value).TotalDays / 1500.0;
            int count = (int)(site.VisitsPerDay * seasonal * weekday * growth * (0.7 + 0.6 * random.NextDouble()));
            int visitorPool = Math.Max(10, site.VisitsPerDay * 20);

            var visits = new FakeVisit[count];
            for (int i = 0; i < count; i++)
            {
                string language = PickLanguage(random.NextDouble());
                int visitorId = random.Next(visitorPool);
                string? userId = visitorId % 10 == 0 ? $"user{visitorId}" : null;
                int actions = 1 + (int)(random.NextDouble() * random.NextDouble() * 8);
                var urls = new string[actions];
                for (int a = 0; a < actions; a++)
                    urls[a] = a == 0 && random.Next(5) == 0
                        ? $"https://demo.example.org/api/v3/augsburg/{language}/pages/"
                        : $"https://demo.example.org/{language}/page-{random.Next(40)}/";
                visits[i] = new FakeVisit(visitorId, userId, language, Browsers[random.Next(Browsers.Length)], urls, actions == 1 ? 0 : random.Next(20, 900));
            }
            return visits;
        }

        private string PickLanguage(double roll)
        {
            double target = roll * _cumulativeWeights[_cumulativeWeights.Length - 1];
            int index = Array.BinarySearch(_cumulativeWeights, target);
            return Languages[index < 0 ? Math.Min(~index, Languages.Count - 1) : index];
        }

        private static IReadOnlyList<string> BuildLanguages()
        {
            var codes = ("de en ar fa tr ru uk fr es it pl ro el sr hr bg sq ku ti am so prs ps ur hi bn zh ja ko vi th nl sv da " +
                         "no fi cs sk hu sl pt ca eu gl he ka hy az kk uz ky tg tk mn ne si ta te ml kn mr gu pa or as my km lo " +
                         "ms id tl sw yo ig ha zu xh af st tn lt lv et is ga cy mt lb mk bs be tt ba cv os ab ce av sah udm kv " +
                         "krc kbd ady inh nog alt tyv mhr myv mdf vep krl sme smn sma smj se fo kl iu oc br co sc rm fy li wa").Split(' ');
            return codes;
        }
    }
}
