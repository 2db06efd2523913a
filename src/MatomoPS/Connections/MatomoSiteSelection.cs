using System;
using System.Collections.Generic;

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

        public MatomoSiteSelection(MatomoCmdlet command) => _command = command;

        /// <summary>The ids given so far, in order.</summary>
        public IReadOnlyList<int> Given => _given;

        /// <summary>Keeps the ids of one pipeline input.</summary>
        public void Gather(int[]? ids)
        {
            foreach (int id in ids ?? Array.Empty<int>())
            {
                if (_given.Contains(id)) _command.QueueWarning($"The site {id} is given more than once; it is fetched once.");
                else _given.Add(id);
            }
        }

        /// <summary>The sites to ask <paramref name="connection"/> for: the given ids, else its default site.</summary>
        public IReadOnlyList<int> For(MatomoConnection connection) => _given.Count > 0 ? _given : new[] { connection.DefaultSiteId };
    }
}
