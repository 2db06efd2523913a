using System;
using System.Globalization;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// The connection every command uses: the one Connect-Matomo made, or one built from the environment
    /// (MATOMO_URL, MATOMO_TOKEN, MATOMO_SITE_ID) for runbooks, and the clock and client settings of the commands.
    /// Users have one session, shared by all runspaces of the process (<see cref="ForCurrentRunspace"/>); the default
    /// connection is the module's one piece of state. A test gives its runspace a session of its own
    /// (<see cref="Use"/>), so tests run side by side, each with its own connection, clock and double.
    /// </summary>
    internal sealed class MatomoSession
    {
        public const string UrlVariable = "MATOMO_URL";
        public const string TokenVariable = "MATOMO_TOKEN";
        public const string SiteIdVariable = "MATOMO_SITE_ID";

        private static readonly MatomoSession Process = new MatomoSession(MatomoSessionSettings.Production);
        private static readonly ConditionalWeakTable<Runspace, MatomoSession> ByRunspace = new ConditionalWeakTable<Runspace, MatomoSession>();

        private readonly object _gate = new object();
        private readonly MatomoSessionSettings _settings;
        private MatomoConnection? _current;
        private (string Key, Task<MatomoConnection> Connection)? _fromEnvironment;

        /// <summary>A session with its own default connection, clock and client settings.</summary>
        public MatomoSession(MatomoSessionSettings settings) => _settings = settings ?? throw new ArgumentNullException(nameof(settings));

        /// <summary>
        /// The session of the runspace this thread runs (a command's pipeline thread, a completer): the one a test gave
        /// it, else the process's, which every runspace of a user's process shares.
        /// </summary>
        public static MatomoSession ForCurrentRunspace()
        {
            var runspace = Runspace.DefaultRunspace;
            return runspace != null && ByRunspace.TryGetValue(runspace, out var session) ? session : Process;
        }

        /// <summary>The test seam: <paramref name="runspace"/>'s commands use <paramref name="session"/>. Production code never calls it.</summary>
        internal static void Use(Runspace runspace, MatomoSession session)
        {
            lock (ByRunspace)
            {
                ByRunspace.Remove(runspace);
                ByRunspace.Add(runspace, session);
            }
        }

        /// <summary>The current instant: the session's one clock, for default ranges (in each site's zone) and for labels.</summary>
        public DateTimeOffset Now => _settings.Now();

        /// <summary>
        /// Today on this machine's calendar, for readable labels (the year is left out within the current year): labels
        /// are read by the user here, and a site's zone moves the year at most on New Year's Eve.
        /// </summary>
        public DateTime MachineToday => Now.ToLocalTime().Date;

        /// <summary>The default connection; null when there is none.</summary>
        public MatomoConnection? Current
        {
            get { lock (_gate) return _current; }
        }

        /// <summary>
        /// Makes <paramref name="connection"/> the default. The previous one stays open: a script may hold it (one
        /// connection per token, made with -PassThru); Disconnect-Matomo closes a connection.
        /// </summary>
        public void Set(MatomoConnection? connection)
        {
            lock (_gate) _current = connection;
        }

        /// <summary>Closes <paramref name="connection"/>; when it is the default, there is no default any more.</summary>
        public void Close(MatomoConnection connection)
        {
            lock (_gate)
                if (ReferenceEquals(_current, connection)) _current = null;
            connection.Close();
        }

        /// <summary>
        /// The connection Tab offers values of: the default one, else the environment's, as a command would build it (one
        /// request for the site list, shared with the commands that follow); null when there is none, or it cannot be had
        /// within <paramref name="patience"/>. Completion never fails loudly: the command itself says what is wrong.
        /// </summary>
        public MatomoConnection? ForCompletion(TimeSpan patience)
        {
            var current = Current;
            if (current != null) return current;
            if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(UrlVariable)) || string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(TokenVariable)))
                return null;
            using var waiting = new CancellationTokenSource(patience);
            try
            {
                return Task.Run(() => ResolveAsync(waiting.Token)).GetAwaiter().GetResult();
            }
            catch (Exception error) when (error is MatomoException || error is OperationCanceledException || error is MatomoArgumentException || error is NotConnectedException)
            {
                return null;
            }
        }

        /// <summary>The largest answer a client reads unless told otherwise (Connect-Matomo -MaxAnswerMB), in MB.</summary>
        public const int DefaultMaxAnswerMB = 256;

        /// <summary>Creates a client with the session's clock, its request log and its settings.</summary>
        public MatomoClient CreateClient(Uri endpoint, MatomoToken token, int timeoutSec = 120, int maxRetries = 3, bool skipCertificateCheck = false,
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
        public async Task<MatomoConnection> ResolveAsync(CancellationToken cancellation, Action<string>? log = null)
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
            lock (_gate)
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
                lock (_gate)
                    if (_fromEnvironment?.Connection == building) _fromEnvironment = null;
                throw;
            }
        }

        /// <summary>Connects with the environment's variables (the site access is read without any one command's cancellation).</summary>
        private async Task<MatomoConnection> ConnectFromEnvironmentAsync(string url, string token, string? siteText, Action<string>? log)
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
    }
}
