using System.Collections.Generic;
using System.Globalization;

namespace MatomoPS.Client
{
    /// <summary>
    /// The sites of an answer nested by site (<c>{"1":...,"2":...}</c>, as Matomo answers several sites), checked
    /// against those asked for, for series and reports alike: each site asked for once, no other.
    /// </summary>
    internal sealed class MatomoSiteTally
    {
        private readonly IReadOnlyList<int> _asked;
        private readonly string _method;
        private readonly MatomoExceptions _exceptions;
        private readonly HashSet<int> _seen = new HashSet<int>();

        public MatomoSiteTally(IReadOnlyList<int> asked, string method, MatomoExceptions exceptions)
        {
            _asked = asked;
            _method = method;
            _exceptions = exceptions;
        }

        /// <summary>The site an answer's key names; throws for a key that is not a site asked for, or one seen before.</summary>
        public int Add(string key)
        {
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out int siteId) || !Asked(siteId))
                throw _exceptions.Unreadable(_method, $"has data for site '{MatomoExceptions.Quote(key)}', which was not asked for.");
            if (!_seen.Add(siteId)) throw _exceptions.Unreadable(_method, $"has the data of site {siteId} twice.");
            return siteId;
        }

        /// <summary>Throws when a site asked for is missing.</summary>
        public void CheckComplete()
        {
            foreach (int siteId in _asked)
                if (!_seen.Contains(siteId)) throw _exceptions.Unreadable(_method, $"has no data for site {siteId}.");
        }

        private bool Asked(int siteId)
        {
            for (int i = 0; i < _asked.Count; i++) if (_asked[i] == siteId) return true;
            return false;
        }
    }
}
