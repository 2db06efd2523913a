using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// The connection every command uses: the one Connect-Matomo made, or one built from the environment
    /// (MATOMO_URL, MATOMO_TOKEN, MATOMO_SITE_ID) for runbooks. Shared by all runspaces of the process.
    /// </summary>
    internal static class MatomoSession
    {
        public const string UrlVariable = "MATOMO_URL";
        public const string TokenVariable = "MATOMO_TOKEN";
        public const string SiteIdVariable = "MATOMO_SITE_ID";

        private static readonly object Gate = new object();
        private static MatomoConnection? _current;
        private static (string Key, Task<MatomoConnection> Connection)? _fromEnvironment;
        private static MatomoSessionSettings _settings = MatomoSessionSettings.Production;

        /// <summary>The current instant: the session's one clock, for default ranges (in each site's zone) and for labels.</summary>
        public static DateTimeOffset Now => _settings.Now();

        /// <summary>
        /// Today on this machine's calendar, for readable labels (the year is left out within the current year): labels
        /// are read by the user here, and a site's zone moves the year at most on New Year's Eve.
        /// </summary>
        public static DateTime MachineToday => Now.ToLocalTime().Date;

        public static MatomoConnection? Current
        {
            get { lock (Gate) return _current; }
        }

        /// <summary>
        /// Makes <paramref name="connection"/> the default. The previous one stays open: a script may hold it (one
        /// connection per token, made with -PassThru); Disconnect-Matomo closes a connection.
        /// </summary>
        public static void Set(MatomoConnection? connection)
        {
            lock (Gate) _current = connection;
        }

        /// <summary>Closes <paramref name="connection"/>; when it is the default, there is no default any more.</summary>
        public static void Close(MatomoConnection connection)
        {
            lock (Gate)
                if (ReferenceEquals(_current, connection)) _current = null;
            connection.Close();
        }

        /// <summary>
        /// The test seam: runs the session with other settings (a fixed clock, short retry pauses) until the returned
        /// object is disposed. Production code never calls it.
        /// </summary>
        internal static IDisposable UseSettings(MatomoSessionSettings settings)
        {
            var previous = Interlocked.Exchange(ref _settings, settings ?? throw new ArgumentNullException(nameof(settings)));
            return new Restore(() => Interlocked.Exchange(ref _settings, previous));
        }

        /// <summary>The largest answer a client reads unless told otherwise (Connect-Matomo -MaxAnswerMB), in MB.</summary>
        public const int DefaultMaxAnswerMB = 256;

        /// <summary>Creates a client with the session's clock, its request log and its settings.</summary>
        public static MatomoClient CreateClient(Uri endpoint, MatomoToken token, int timeoutSec = 120, int maxRetries = 3, bool skipCertificateCheck = false,
            bool allowHttpsRedirect = false, int maxAnswerMB = DefaultMaxAnswerMB)
        {
            var settings = _settings;
            var options = new MatomoClientOptions(endpoint, token)
            {
                Timeout = TimeSpan.FromSeconds(timeoutSec),
                MaxRetries = maxRetries,
                SkipCertificateCheck = skipCertificateCheck,
                AllowHttpsRedirect = allowHttpsRedirect,
                MaxAnswerBytes = maxAnswerMB * 1024L * 1024L,
                Today = () => MachineToday,
            };
            settings.ConfigureClient?.Invoke(options);
            return settings.CreateHandler == null ? new MatomoClient(options) : new MatomoClient(options, settings.CreateHandler(options), disposeHandler: true);
        }

        /// <summary>The current connection, else one from the environment; throws when there is neither.</summary>
        /// <param name="cancellation">Stops waiting for the connection (a connection being built goes on for the others).</param>
        /// <param name="log">Told of the requests that build a connection from the environment, when this call builds it.</param>
        public static async Task<MatomoConnection> ResolveAsync(CancellationToken cancellation, Action<string>? log = null)
        {
            var current = Current;
            if (current != null) return current;

            string? url = Environment.GetEnvironmentVariable(UrlVariable);
            string? token = Environment.GetEnvironmentVariable(TokenVariable);
            if (string.IsNullOrWhiteSpace(url) || string.IsNullOrWhiteSpace(token))
                throw new NotConnectedException();
            string? siteText = Environment.GetEnvironmentVariable(SiteIdVariable);

            string key = Hash(url + "\n" + token + "\n" + siteText);
            Task<MatomoConnection> building;
            lock (Gate)
            {
                // Commands that start together (ForEach-Object -Parallel) share one connection, built once.
                if (_fromEnvironment?.Key == key) building = _fromEnvironment.Value.Connection;
                else
                {
                    var old = _fromEnvironment;
                    building = ConnectFromEnvironmentAsync(url!, token!, siteText, log);
                    _fromEnvironment = (key, building);
                    // The variables changed: the connection they made before is done with.
                    if (old?.Connection.Status == TaskStatus.RanToCompletion) old.Value.Connection.Result.Close();
                }
            }
            try
            {
                return await WithCancellation(building, cancellation).ConfigureAwait(false);
            }
            catch (Exception) when (building.IsFaulted || building.IsCanceled)
            {
                // A failed connection is not kept: the next command tries again.
                lock (Gate)
                    if (_fromEnvironment?.Connection == building) _fromEnvironment = null;
                throw;
            }
        }

        /// <summary>Connects with the environment's variables (the site access is read without any one command's cancellation).</summary>
        private static async Task<MatomoConnection> ConnectFromEnvironmentAsync(string url, string token, string? siteText, Action<string>? log)
        {
            int? siteId = null;
            if (!string.IsNullOrWhiteSpace(siteText))
            {
                if (!int.TryParse(siteText, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) || parsed < 1)
                    throw new MatomoArgumentException($"{SiteIdVariable} is '{siteText}', not a site id (a whole number from 1).");
                siteId = parsed;
            }
            Uri endpoint;
            try
            {
                endpoint = MatomoEndpoint.Resolve(url);
            }
            catch (MatomoArgumentException error)
            {
                throw new MatomoArgumentException($"{UrlVariable}: {error.Message}");
            }
            var client = CreateClient(endpoint, MatomoToken.FromPlainText(token));
            log?.Invoke($"Using {UrlVariable} and {TokenVariable} from the environment.");
            try
            {
                return new MatomoConnection(client, await client.WithLog(log).GetSiteAccessAsync(siteId, CancellationToken.None).ConfigureAwait(false), MatomoConnection.EnvironmentSource);
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }

        /// <summary>Waits for <paramref name="task"/>, or stops waiting (the task goes on) when <paramref name="cancellation"/> is cancelled.</summary>
        private static async Task<T> WithCancellation<T>(Task<T> task, CancellationToken cancellation)
        {
            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellation.Register(() => cancelled.TrySetResult(true)))
                if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task) throw new OperationCanceledException(cancellation);
            return await task.ConfigureAwait(false);
        }

        private static string Hash(string text)
        {
            using var sha = SHA256.Create();
            return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(text)));
        }

        private sealed class Restore : IDisposable
        {
            private Action? _undo;

            public Restore(Action undo) => _undo = undo;

            public void Dispose() => Interlocked.Exchange(ref _undo, null)?.Invoke();
        }
    }
}
