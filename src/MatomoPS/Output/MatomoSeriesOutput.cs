using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// Fetches the series of a command for every connection, in as few round trips as the servers allow (every request
    /// of the command holding the connections' one throttle), and writes their rows in the order asked: connection by
    /// connection, series by series. A series that fails is its own error; the others arrive. A refused token ends its
    /// connection's part with one error (the command, when it is the only connection).
    /// </summary>
    internal sealed class MatomoSeriesOutput
    {
        private const string Activity = "Fetching Matomo series";

        private readonly MatomoCmdlet _command;
        private readonly MatomoConnectionScope _connections;
        private readonly MatomoFetchOptions _options;
        private readonly MatomoSegmentWarnings _segmentWarnings = new MatomoSegmentWarnings();

        private readonly bool _noCache, _refresh;
        private readonly MatomoComparison _compare;

        /// <param name="command">The command that writes.</param>
        /// <param name="connections">Its connections.</param>
        /// <param name="options">How the series travel: bulk or not, the batch size and the throttle limit.</param>
        /// <param name="noCache">-NoCache: ask for every period.</param>
        /// <param name="refresh">-Refresh: ask for every period and replace what the cache holds.</param>
        /// <param name="compare">-Compare: each row also gets the value of the period it is compared with, and the change.</param>
        public MatomoSeriesOutput(MatomoCmdlet command, MatomoConnectionScope connections, MatomoFetchOptions options, bool noCache, bool refresh,
            MatomoComparison compare = MatomoComparison.None)
        {
            _compare = compare;
            _noCache = noCache;
            _refresh = refresh;
            _command = command;
            _connections = connections;
            _options = options;
        }

        /// <summary>The metrics of -Metric, each once, in the order given; a repeated one is said.</summary>
        public static IReadOnlyList<MatomoMetric> Metrics(MatomoCmdlet command, IReadOnlyList<MatomoMetric> given)
        {
            var metrics = given.Distinct().ToList();
            if (metrics.Count != given.Count) command.QueueWarning("A metric is given more than once; it is fetched once.");
            return metrics;
        }

        /// <summary>
        /// Fetches and writes the <paramref name="series"/> for every connection: each query built once, from the
        /// connection's sites (<paramref name="sites"/>, checked against its site list) and their range (<paramref name="range"/>).
        /// </summary>
        public async Task FetchAndWriteAsync(IReadOnlyList<MatomoSeriesDefinition> series, MatomoSiteSelection sites, MatomoRangeInput range)
        {
            var progress = new MatomoProgressWriter(_command, Activity);
            await _connections.ForEachAsync(_options.ThrottleLimit, async (connection, throttle, cancellation) =>
            {
                var siteIds = await sites.ForAsync(connection).ConfigureAwait(false);
                var dates = range.For(connection, siteIds);
                var queries = series.Select(definition => MatomoSeriesQuery.Create(siteIds, dates, definition)).ToList();
                // The compared periods travel with the others, in the same requests.
                var compared = _compare == MatomoComparison.None ? null : MatomoComparedPeriods.Range(dates, _compare);
                if (compared != null) queries.AddRange(series.Select(definition => MatomoSeriesQuery.Create(siteIds, compared, definition)));
                var options = new MatomoFetchOptions
                {
                    UseBulk = _options.UseBulk,
                    BatchSize = _options.BatchSize,
                    ThrottleLimit = _options.ThrottleLimit,
                    SharedThrottle = throttle,
                    Progress = progress.For(connection),
                    Cache = connection.Cache.For(connection, _noCache, _refresh, _command.QueueWarning),
                    SegmentZeroCheck = finding => { if (_segmentWarnings.For(finding) is string warning) _command.QueueWarning(warning); },
                };
                return (Queries: queries, Results: _command.ClientOf(connection).FetchSeries(queries, options, cancellation));
            }, async (connection, started) =>
            {
                var fetch = await started.ConfigureAwait(false);
                await WriteAsync(connection, fetch.Queries, fetch.Results).ConfigureAwait(false);
            }).ConfigureAwait(false);
            progress.Complete();
        }

        /// <summary>
        /// Writes one connection's series in order; a refused token ends that connection with one error. With -Compare,
        /// the second half of the queries are the compared ones, and each row is written with its compared value.
        /// </summary>
        private async Task WriteAsync(MatomoConnection connection, IReadOnlyList<MatomoSeriesQuery> queries, IReadOnlyList<Task<IReadOnlyList<MatomoSeriesRow>>> results)
        {
            int count = _compare == MatomoComparison.None ? queries.Count : queries.Count / 2;
            for (int i = 0; i < count; i++)
            {
                try
                {
                    var rows = await results[i].ConfigureAwait(false);
                    if (_compare == MatomoComparison.None) _command.QueueObjects(rows);
                    else _command.QueueObjects(MatomoComparedRows.Of(rows, queries[i].Range, _compare, await results[count + i].ConfigureAwait(false)));
                }
                catch (MatomoException error) when (error.Kind == MatomoErrorKind.Authentication || error.Kind == MatomoErrorKind.LockedOut)
                {
                    if (!_connections.FansOut) throw;
                    _command.QueueFailure(error, connection, connection);
                    return;
                }
                catch (MatomoException error)
                {
                    _command.QueueFailure(error, queries[i].Series, connection);
                }
            }
        }
    }
}
