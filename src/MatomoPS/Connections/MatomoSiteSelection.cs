using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace MatomoPS
{
    /// <summary>
    /// The sites a command asks for: the ids of -SiteId, gathered over every pipeline input in order, each once (a
    /// repeated id is said and fetched once); none given means each connection's default site.
    /// </summary>
    internal sealed class MatomoSiteSelection
    {
        private readonly MatomoCmdlet _command;
        private readonly List<int> _given = new List<int>();
        private int[]? _lastGathered;

        public MatomoSiteSelection(MatomoCmdlet command) => _command = command;

        /// <summary>The ids given so far, in order.</summary>
        public IReadOnlyList<int> Given => _given;

        /// <summary>
        /// Keeps the ids of one pipeline input. Ids given on the command line stay bound for every input (the same array
        /// each time): they are kept once, so languages from the pipeline do not make them look repeated.
        /// </summary>
        public void Gather(int[]? ids)
        {
            if (ids == null || ReferenceEquals(ids, _lastGathered)) return;
            _lastGathered = ids;
            foreach (int id in ids)
            {
                if (_given.Contains(id)) _command.QueueWarning($"The site {id} is given more than once; it is fetched once.");
                else _given.Add(id);
            }
        }

        /// <summary>
        /// The sites to ask <paramref name="connection"/> for: the given ids, else its default site. A given site the token
        /// may not view is refused here, with the sites it may view, before any request for it.
        /// </summary>
        /// <exception cref="MatomoException">Of kind Access: the token may not view a site given.</exception>
        public async Task<IReadOnlyList<int>> ForAsync(MatomoConnection connection)
        {
            if (_given.Count == 0) return new[] { connection.DefaultSiteId };
            await _command.ClientOf(connection).CheckSitesAsync(_given, connection.AvailableSiteIds, _command.Cancellation).ConfigureAwait(false);
            return _given;
        }
    }
}
