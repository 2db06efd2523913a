using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// The connections one command works with: those given with -Connection (from the parameter or the pipeline, in
    /// order, each once), else the default one (Connect-Matomo's, or one built from MATOMO_URL and MATOMO_TOKEN). It is
    /// the one fan-out of every command: each connection's work starts at once, every request of the command holds one
    /// throttle, and the results are written in the order of the connections. With one connection a failure ends the
    /// command; with several it is that connection's error, named, and the others still arrive.
    /// </summary>
    internal sealed class MatomoConnectionScope
    {
        /// <summary>Requests in flight at once for a command that has no -ThrottleLimit.</summary>
        public const int DefaultThrottleLimit = 4;

        private readonly MatomoCmdlet _command;
        private readonly List<MatomoConnection> _given = new List<MatomoConnection>();

        public MatomoConnectionScope(MatomoCmdlet command) => _command = command;

        /// <summary>True when the command works with more than one connection: failures then name their connection.</summary>
        public bool FansOut => _given.Count > 1;

        /// <summary>
        /// True when the default connection was (to be) built from the environment: errors of making it, which have no
        /// connection yet, then advise checking the variables.
        /// </summary>
        public bool FromEnvironment { get; private set; }

        /// <summary>Keeps the connections of one pipeline input; a closed or null one is refused at once.</summary>
        /// <exception cref="MatomoArgumentException">A connection is null or closed.</exception>
        public void Gather(IEnumerable<MatomoConnection?>? connections)
        {
            foreach (var connection in connections ?? Enumerable.Empty<MatomoConnection?>())
            {
                if (connection == null)
                    throw new MatomoArgumentException("-Connection holds $null; give the connections Connect-Matomo -PassThru returned.");
                if (!connection.IsConnected)
                    throw new MatomoArgumentException($"The connection to {connection.Url} (site {connection.DefaultSiteId}) was closed with Disconnect-Matomo; connect again with Connect-Matomo -PassThru.");
                if (!_given.Contains(connection)) _given.Add(connection);
            }
        }

        /// <summary>The connections to use: those given with -Connection, else the default one (resolved, possibly from the environment).</summary>
        public async Task<IReadOnlyList<MatomoConnection>> ResolveAsync()
        {
            if (_given.Count == 0) return new[] { await ResolveDefaultAsync().ConfigureAwait(false) };
            foreach (var connection in _given) _command.QueueDebug(Describe(connection));
            return _given;
        }

        /// <summary>The default connection: Connect-Matomo's, else one built from MATOMO_URL, MATOMO_TOKEN and MATOMO_SITE_ID.</summary>
        public async Task<MatomoConnection> ResolveDefaultAsync()
        {
            FromEnvironment = _command.Session.Current == null;
            var connection = await _command.Session.ResolveAsync(_command.Cancellation, _command.QueueVerbose).ConfigureAwait(false);
            // Connect-Matomo told its own warnings; one built from the environment tells them to its first command.
            foreach (string warning in connection.TakeWarnings()) _command.QueueWarning(warning);
            _command.QueueDebug(Describe(connection));
            return connection;
        }

        /// <summary>
        /// Runs the command's part for every connection: <paramref name="start"/> begins each one's requests at once (they
        /// hold the throttle of <paramref name="throttleLimit"/> shared by all, and stop when the token is cancelled, as it
        /// is once the command ends or fails); <paramref name="write"/> writes each one's results, in connection order.
        /// </summary>
        public async Task ForEachAsync<TStarted>(int throttleLimit, Func<MatomoConnection, SemaphoreSlim, CancellationToken, TStarted> start,
            Func<MatomoConnection, TStarted, Task> write)
        {
            var connections = await ResolveAsync().ConfigureAwait(false);
            using var throttle = new SemaphoreSlim(throttleLimit);
            // When a failure ends the command, the requests still waiting for the throttle must not be sent.
            using var abandon = CancellationTokenSource.CreateLinkedTokenSource(_command.Cancellation);
            try
            {
                var started = connections.Select(connection => start(connection, throttle, abandon.Token)).ToList();
                for (int i = 0; i < connections.Count; i++)
                {
                    try
                    {
                        await write(connections[i], started[i]).ConfigureAwait(false);
                    }
                    catch (MatomoException error) when (FansOut)
                    {
                        _command.QueueFailure(error, connections[i], connections[i]);
                    }
                }
            }
            finally
            {
                abandon.Cancel();
            }
        }

        /// <summary>The simple case: one piece of work per connection (a request or two), whose objects are written.</summary>
        public Task ForEachAsync(Func<MatomoConnection, Task<IEnumerable>> work) =>
            ForEachAsync(DefaultThrottleLimit,
                (connection, throttle, cancellation) => MatomoThrottle.RunAsync(throttle, () => work(connection), cancellation),
                async (connection, results) => _command.QueueObjects(await results.ConfigureAwait(false)));

        private static string Describe(MatomoConnection connection) =>
            $"Using {connection.Url} ({connection.Source}): site {connection.DefaultSiteId}, -TimeoutSec {connection.TimeoutSec}, -MaxRetries {connection.MaxRetries}, certificate check {(connection.SkipCertificateCheck ? "off" : "on")}.";
    }
}
