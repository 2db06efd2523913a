using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace MatomoPS.Client
{
    /// <summary>
    /// The one place that talks HTTP: POSTs with the token in the body (and the parameters that hold no secret in the
    /// URL, see <see cref="MatomoRequest.Layout"/>), timeouts, cancellation, and the retry loop
    /// (what is retried is decided by <see cref="MatomoFailureClassifier"/>). It deals in bytes, statuses and headers;
    /// reading the JSON is the reader's job.
    /// </summary>
    internal sealed class MatomoTransport : IDisposable
    {
        private static readonly string UserAgent = "MatomoPS/" + ProductVersion();
        [ThreadStatic] private static Random? _jitter;

        private readonly MatomoClientOptions _options;
        private readonly MatomoFailures _failures;
        private readonly HttpClient _http;
        private MatomoFailure? _refusedLogin;

        public MatomoTransport(MatomoClientOptions options, MatomoFailures failures, HttpMessageHandler handler, bool disposeHandler)
        {
            _options = options;
            _failures = failures;
            _http = new HttpClient(handler, disposeHandler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            _http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
            _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }

        /// <summary>
        /// Sends <paramref name="request"/> until it succeeds, fails for good, or runs out of retries or time;
        /// returns the successful answer's bytes. Throws <see cref="MatomoException"/> for every failure. Without
        /// <paramref name="retry"/>, a failure ends the call at once (for a check that must cost one request at most).
        /// </summary>
        public async Task<MatomoAnswer> SendAsync(MatomoRequest request, CancellationToken cancellation, bool retry = true)
        {
            int retries = retry ? _options.MaxRetries : 0;
            // A refused login is never repeated: on a server with brute-force detection every failed login counts
            // toward locking the address out, so after one, this token is not sent again.
            var refused = Volatile.Read(ref _refusedLogin);
            if (refused != null) throw _failures.NotSentAgain(refused, request.Method);

            var total = Stopwatch.StartNew();
            for (int attempt = 1; ; attempt++)
            {
                cancellation.ThrowIfCancellationRequested();
                var (answer, failure) = await SendOnceAsync(request, attempt, cancellation).ConfigureAwait(false);
                if (failure == null) return answer!;
                if (failure.Kind == MatomoErrorKind.Authentication || failure.Kind == MatomoErrorKind.LockedOut)
                    Interlocked.CompareExchange(ref _refusedLogin, failure, null);
                if (!failure.Retryable) throw _failures.GaveUp(failure, attempt, total.Elapsed, null);

                TimeSpan pause = NextPause(attempt, failure.RetryAfter);
                bool budgetLeft = total.Elapsed + pause < _options.TotalBudget;
                if (attempt > retries || !budgetLeft)
                {
                    string reason = budgetLeft
                        ? $"{retries} retr{(retries == 1 ? "y" : "ies")} allowed"
                        : $"the time budget of {_options.TotalBudget.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s for one call would run out";
                    throw _failures.GaveUp(failure, attempt, total.Elapsed, reason);
                }
                Log($"{request.Method}: {MatomoFailures.Sentence(failure.Message)} Attempt {attempt} of {retries + 1}; trying again in {pause.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s.");
                await Task.Delay(pause, cancellation).ConfigureAwait(false);
            }
        }

        /// <summary>One attempt: the answer when it is a success, else what went wrong.</summary>
        private async Task<(MatomoAnswer? Answer, MatomoFailure? Failure)> SendOnceAsync(MatomoRequest request, int attempt, CancellationToken cancellation)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(_options.Timeout);
            var clock = Stopwatch.StartNew();
            var (inUrl, inBody) = request.Layout();
            string query = "?module=API&method=" + Uri.EscapeDataString(request.Method) + "&format=json" + inUrl;
            using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_options.Endpoint, _options.Endpoint.AbsolutePath + query))
            {
                Content = BuildBody(inBody),
            };
            string tried = attempt > 1 ? $" (attempt {attempt})" : string.Empty;
            Log($"POST {request}{tried}");

            int status = 0;
            TimeSpan? retryAfter = null;
            try
            {
                using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                status = (int)response.StatusCode;
                retryAfter = RetryAfter(response.Headers);
                byte[] body = await ReadBodyAsync(response.Content, timeout.Token).ConfigureAwait(false);
                Log($"{request.Method}: HTTP {status} in {clock.ElapsedMilliseconds} ms ({body.Length} bytes){tried}");
                var answer = new MatomoAnswer(status, response.Content.Headers.ContentType?.MediaType, retryAfter, body);
                var failure = MatomoFailureClassifier.OfAnswer(request.Method, answer);
                return failure == null ? (answer, null) : (null, failure);
            }
            catch (Exception error) when (error is OperationCanceledException || error is HttpRequestException || error is IOException || error is ObjectDisposedException)
            {
                // Ctrl+C wins over everything else; then our own timeout; then what the connection did.
                cancellation.ThrowIfCancellationRequested();
                if (timeout.IsCancellationRequested)
                {
                    Log($"{request.Method}: no answer within {_options.Timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s{tried}");
                    return (null, MatomoFailureClassifier.OfTimeout(request.Method, _options.Timeout));
                }
                if (error is TruncatedAnswerException cut)
                {
                    Log($"{request.Method}: HTTP {status}, answer cut off after {cut.Received} bytes{tried}");
                    return (null, MatomoFailureClassifier.OfTruncation(request.Method, status, cut.Received, cut.Expected, retryAfter));
                }
                Log($"{request.Method}: connection failed after {clock.ElapsedMilliseconds} ms{tried}");
                return (null, MatomoFailureClassifier.OfConnectionError(request.Method, _options.Endpoint, error, CertificateErrors(message)));
            }
        }

        /// <summary>The form body: the token first, then the parameters that do not travel in the URL.</summary>
        private HttpContent BuildBody(IReadOnlyList<KeyValuePair<string, string>> parameters)
        {
            var form = new StringBuilder();
            _options.Token.Use(token => form.Append("token_auth=").Append(Uri.EscapeDataString(token)));
            foreach (var pair in parameters) Append(form, pair.Key, pair.Value);
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(form.ToString()));
            form.Clear();
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
            return content;
        }

        private static void Append(StringBuilder form, string name, string value) =>
            form.Append('&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));

        /// <summary>
        /// The whole body. With a Content-Length it is read straight into an array of that size (a large report costs
        /// its size once, not the copies of a growing buffer); an answer that ends early is a truncated answer.
        /// </summary>
        private static async Task<byte[]> ReadBodyAsync(HttpContent content, CancellationToken cancellation)
        {
            long? expected = content.Headers.ContentLength;
            bool sized = expected.HasValue && expected.Value <= int.MaxValue;
            byte[] exact = sized ? new byte[expected!.Value] : Array.Empty<byte>();
            using var growing = sized ? null : new MemoryStream();
            long received = 0;
            try
            {
                using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
                using (cancellation.Register(() => stream.Dispose()))
                {
                    if (!sized)
                    {
                        await stream.CopyToAsync(growing!, 81920, cancellation).ConfigureAwait(false);
                        return growing!.ToArray();
                    }
                    for (int read; received < exact.Length && (read = await stream.ReadAsync(exact, (int)received, exact.Length - (int)received, cancellation).ConfigureAwait(false)) > 0;)
                        received += read;
                }
            }
            catch (Exception error) when (!cancellation.IsCancellationRequested && (error is IOException || error is HttpRequestException))
            {
                throw new TruncatedAnswerException(sized ? received : growing!.Length, expected, error);
            }
            catch (ObjectDisposedException) when (cancellation.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellation);
            }
            if (received != exact.Length) throw new TruncatedAnswerException(received, expected, null);
            return exact;
        }

        private TimeSpan NextPause(int attempt, TimeSpan? retryAfter)
        {
            if (retryAfter.HasValue)
                return retryAfter.Value > _options.MaxRetryDelay ? _options.MaxRetryDelay : retryAfter.Value;
            // 1 s, 2 s, 4 s... each varied by up to a quarter either way, so clients that failed together do not retry in step.
            double exponential = _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
            _jitter ??= new Random(Guid.NewGuid().GetHashCode());
            double varied = exponential * (0.75 + _jitter.NextDouble() / 2);
            return TimeSpan.FromMilliseconds(Math.Min(varied, _options.MaxRetryDelay.TotalMilliseconds));
        }

        private static TimeSpan? RetryAfter(HttpResponseHeaders headers)
        {
            var value = headers.RetryAfter;
            if (value == null) return null;
            if (value.Delta.HasValue) return value.Delta.Value;
            if (value.Date.HasValue)
            {
                var wait = value.Date.Value - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
            return null;
        }

        /// <summary>
        /// Writes a line to the client's log, if any. Every line is redacted: a retry line quotes the server's answer,
        /// which may echo the token.
        /// </summary>
        internal void Log(string line)
        {
            var log = _options.Log;
            if (log != null) log(_options.Token.Redact(line));
        }

        /// <summary>
        /// The handler a client uses unless given one: gzip and deflate, no cookies, the certificate policy of the
        /// options. It notes on each request what the certificate check found, so a failed handshake can tell an
        /// untrusted certificate from a server that presented none (one that speaks no TLS).
        /// </summary>
        public static HttpMessageHandler CreateHandler(MatomoClientOptions options)
        {
            bool skip = options.SkipCertificateCheck;
            return new HttpClientHandler
            {
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                UseCookies = false,
                ServerCertificateCustomValidationCallback = (message, _, _, errors) =>
                {
                    message.Properties[CertificateCheckKey] = errors;
                    return skip || errors == SslPolicyErrors.None;
                },
            };
        }

        private const string CertificateCheckKey = "MatomoPS.CertificateCheck";

        private static SslPolicyErrors? CertificateErrors(HttpRequestMessage message) =>
            message.Properties.TryGetValue(CertificateCheckKey, out object? errors) ? (SslPolicyErrors?)errors : null;

        private static string ProductVersion()
        {
            var attribute = typeof(MatomoTransport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>();
            string version = attribute?.InformationalVersion ?? typeof(MatomoTransport).Assembly.GetName().Version?.ToString() ?? "0.0.0";
            int plus = version.IndexOf('+');
            return plus > 0 ? version.Substring(0, plus) : version;
        }

        public void Dispose() => _http.Dispose();

        /// <summary>The answer started but ended before all its bytes arrived.</summary>
        private sealed class TruncatedAnswerException : IOException
        {
            public TruncatedAnswerException(long received, long? expected, Exception? inner)
                : base($"the answer ended after {received} bytes", inner)
            {
                Received = received;
                Expected = expected;
            }

            public long Received { get; }
            public long? Expected { get; }
        }
    }
}
