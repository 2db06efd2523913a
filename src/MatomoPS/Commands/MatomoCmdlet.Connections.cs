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
    /// Which connections a command uses: those given with -Connection (from the parameter or the pipeline, in order,
    /// each once), else the default one (Connect-Matomo's, or one built from MATOMO_URL and MATOMO_TOKEN); and how a
    /// failure names the connection it belongs to when there are several.
    /// </summary>
    public abstract partial class MatomoCmdlet
    {
        private readonly List<MatomoConnection> _connections = new List<MatomoConnection>();
        // True when the default connection was (to be) built from the environment: errors of making it, which have no
        // connection yet, then advise checking the variables.
        private bool _fromEnvironment;

        /// <summary>The connections of this input (the command's -Connection); none means the default connection.</summary>
        protected virtual MatomoConnection[]? ConnectionInput => null;

        /// <summary>True when the command works with more than one connection: failures then name their connection.</summary>
        protected bool FansOut => _connections.Count > 1;

        private void GatherConnections(IEnumerable<MatomoConnection?>? connections)
        {
            foreach (var connection in connections ?? Enumerable.Empty<MatomoConnection?>())
            {
                if (connection == null)
                    throw new MatomoArgumentException("-Connection holds $null; give the connections Connect-Matomo -PassThru returned.");
                if (!connection.IsConnected)
                    throw new MatomoArgumentException($"The connection to {connection.Url} (site {connection.DefaultSiteId}) was closed with Disconnect-Matomo; connect again with Connect-Matomo -PassThru.");
                if (!_connections.Contains(connection)) _connections.Add(connection);
            }
        }

        /// <summary>The connections to use: those given with -Connection, else the default one (resolved, possibly from the environment).</summary>
        protected async Task<IReadOnlyList<MatomoConnection>> GetConnectionsAsync()
        {
            if (_connections.Count > 0)
            {
                foreach (var connection in _connections) QueueDebug(DescribeConnection(connection));
                return _connections;
            }
            return new[] { await GetConnectionAsync().ConfigureAwait(false) };
        }

        /// <summary>The default connection: Connect-Matomo's, else one built from MATOMO_URL, MATOMO_TOKEN and MATOMO_SITE_ID.</summary>
        protected async Task<MatomoConnection> GetConnectionAsync()
        {
            _fromEnvironment = MatomoSession.Current == null;
            var connection = await MatomoSession.ResolveAsync(Cancellation, QueueVerbose).ConfigureAwait(false);
            // Connect-Matomo told its own warnings; one built from the environment tells them to its first command.
            foreach (string warning in connection.TakeWarnings()) QueueWarning(warning);
            QueueDebug(DescribeConnection(connection));
            return connection;
        }

        /// <summary>
        /// Runs <paramref name="work"/> for every connection, several at once, and writes the results in the order of
        /// the connections. With one connection a failure ends the command; with several it is that connection's error.
        /// </summary>
        protected async Task ForEachConnectionAsync(Func<MatomoConnection, Task<IEnumerable>> work)
        {
            var connections = await GetConnectionsAsync().ConfigureAwait(false);
            using var throttle = new SemaphoreSlim(4);
            var results = connections.Select(async connection =>
            {
                await throttle.WaitAsync(Cancellation).ConfigureAwait(false);
                try { return await work(connection).ConfigureAwait(false); }
                finally { throttle.Release(); }
            }).ToList();
            for (int i = 0; i < connections.Count; i++)
            {
                try
                {
                    QueueObjects(await results[i].ConfigureAwait(false));
                }
                catch (MatomoException error) when (connections.Count > 1)
                {
                    QueueFailure(error, connections[i], connections[i]);
                }
            }
        }

        /// <summary>
        /// Writes the failure of one part of the command (a series, a connection), which the other parts survive, as
        /// its own error; when the command works with several connections, the message names the connection first.
        /// </summary>
        protected void QueueFailure(MatomoException error, object? target, MatomoConnection? connection = null)
        {
            QueueDebug(DescribeFailure(error));
            QueueError(MatomoErrorRecords.Record(error, target, ErrorContext(connection, null)));
        }

        private MatomoErrorRecords.Context ErrorContext(MatomoConnection? connection, string? note) =>
            new MatomoErrorRecords.Context(MyInvocation.MyCommand.Name, connection?.IsFromEnvironment == true || (connection == null && _fromEnvironment), note,
                FansOut && connection != null ? connection.ToString() : null);

        private static string DescribeFailure(MatomoException error) =>
            $"{error.Kind} failure of {error.ApiMethod ?? "a request"}: HTTP {(error.HttpStatus?.ToString() ?? "none")}, {error.Attempts} attempt(s).";

        private static string DescribeConnection(MatomoConnection connection) =>
            $"Using {connection.Url} ({connection.Source}): site {connection.DefaultSiteId}, -TimeoutSec {connection.TimeoutSec}, -MaxRetries {connection.MaxRetries}, certificate check {(connection.SkipCertificateCheck ? "off" : "on")}.";
    }
}
