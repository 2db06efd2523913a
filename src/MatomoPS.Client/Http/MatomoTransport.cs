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
    /// (what is retried is decided by <see cref="MatomoErrorClassifier"/>). It deals in bytes, statuses and headers;
    /// reading the JSON is the reader's job.
    /// </summary>
    internal sealed class MatomoTransport : IDisposable
    {
        private static readonly string UserAgent = "MatomoPS/" + ProductVersion();

        private readonly MatomoClientOptions _options;
        private readonly MatomoExceptions _exceptions;
        private readonly HttpClient _http;
        private MatomoError? _refusedLogin;
        private Uri _endpoint;

        public MatomoTransport(MatomoClientOptions options, MatomoExceptions exceptions, HttpMessageHandler handler, bool disposeHandler)
        {
            _options = options;
            _exceptions = exceptions;
            _endpoint = options.Endpoint;
            Retry = new MatomoRetryPolicy(options);
            // Redirects are this class's decision, never the handler's: a handler that follows them would send the POST
            // body, token and all, wherever a server points.
            if (handler is HttpClientHandler own && own.AllowAutoRedirect) own.AllowAutoRedirect = false;
            _http = new HttpClient(handler, disposeHandler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            _http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
            _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }

        /// <summary>
        /// The endpoint requests go to: the options' own, or where the server moved it by a redirect this transport
        /// may follow (same origin, or http to https on the same host when allowed).
        /// </summary>
        public Uri Endpoint => Volatile.Read(ref _endpoint);

        /// <summary>When to try again, for whole answers here and for the failed parts of bulk answers in the client.</summary>
        public MatomoRetryPolicy Retry { get; }

        /// <summary>
        /// Sends <paramref name="request"/> until it succeeds, fails for good, or runs out of retries or time;
        /// returns the successful answer's bytes. Throws <see cref="MatomoException"/> for every failure. Without
        /// <paramref name="retry"/>, a failure ends the call at once (for a check that must cost one request at most).
        /// A request that carries on the retries of an earlier one (the failed slots of a bulk answer) starts at
        /// <paramref name="firstAttempt"/> and counts its time on <paramref name="total"/>, so both share one budget.
        /// </summary>
        public async Task<MatomoAnswer> SendAsync(MatomoRequest request, MatomoLog log, CancellationToken cancellation, bool retry = true,
            int firstAttempt = 1, Stopwatch? total = null)
        {
            int retries = Retry.Retries(retry);
            // A refused login is never repeated: on a server with brute-force detection every failed login counts
            // toward locking the address out, so after one, this token is not sent again.
            var refused = Volatile.Read(ref _refusedLogin);
            if (refused != null) throw _exceptions.NotSentAgain(refused, request.Method);

            total ??= Stopwatch.StartNew();
            for (int attempt = firstAttempt; ; attempt++)
            {
                cancellation.ThrowIfCancellationRequested();
                var (answer, failure) = await SendOnceAsync(request, log, attempt, cancellation).ConfigureAwait(false);
                if (failure == null) return answer!;
                if (failure.Kind == MatomoErrorKind.Authentication || failure.Kind == MatomoErrorKind.LockedOut)
                    Interlocked.CompareExchange(ref _refusedLogin, failure, null);
                if (!failure.Retryable) throw _exceptions.GaveUp(failure, attempt, total.Elapsed, null);
                if (!Retry.TryNext(attempt, retries, total.Elapsed, failure.RetryAfter, out var pause, out string reason))
                    throw _exceptions.GaveUp(failure, attempt, total.Elapsed, reason);
                log.Write($"{request.Method}: {MatomoExceptions.Sentence(failure.Message)} Attempt {attempt} of {retries + 1}; trying again in {pause.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s.");
                await Task.Delay(pause, cancellation).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// One attempt: the answer when it is a success, else what went wrong. A redirect within the connection's origin
        /// (or to https on the same host, when allowed) is followed and moves the endpoint for every later request; any
        /// other redirect ends the attempt before anything is sent to where it points.
        /// </summary>
        private async Task<(MatomoAnswer? Answer, MatomoError? Failure)> SendOnceAsync(MatomoRequest request, MatomoLog log, int attempt, CancellationToken cancellation)
        {
            var (inUrl, inBody) = request.Layout();
            for (int hop = 0; ; hop++)
            {
                var endpoint = Endpoint;
                var requested = new Uri(endpoint, endpoint.AbsolutePath + "?module=API&method=" + Uri.EscapeDataString(request.Method) + "&format=json" + inUrl);
                var (answer, failure, location) = await SendToAsync(endpoint, requested, inBody, request, log, attempt, cancellation).ConfigureAwait(false);
                if (location == null) return (answer, failure);

                var moved = MatomoRedirectRule.Follow(endpoint, requested, location.Value.Target, _options.AllowHttpsRedirect, request.Method,
                    location.Value.Status, out var refused);
                if (moved == null) return (null, refused);
                if (hop + 1 >= MatomoRedirectRule.MaxHops)
                    return (null, MatomoErrorClassifier.OfRedirectLoop(request.Method, endpoint, hop + 1));
                Interlocked.CompareExchange(ref _endpoint, moved, endpoint);
                log.Write($"{request.Method}: HTTP {location.Value.Status}, moved to {MatomoEndpoint.Display(moved)}; this connection uses that address from now on");
            }
        }

        /// <summary>
        /// One HTTP exchange: <paramref name="requestUri"/> at <paramref name="endpoint"/>, with <paramref name="inBody"/> after
        /// the token in the body. An answer, a failure, or where the server redirected to.
        /// </summary>
        private async Task<(MatomoAnswer? Answer, MatomoError? Failure, (int Status, Uri Target)? Redirect)> SendToAsync(Uri endpoint, Uri requestUri,
            IReadOnlyList<KeyValuePair<string, string>> inBody, MatomoRequest request, MatomoLog log, int attempt, CancellationToken cancellation)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(_options.Timeout);
            var clock = Stopwatch.StartNew();
            using var message = new HttpRequestMessage(HttpMethod.Post, requestUri)
            {
                Content = BuildBody(inBody),
            };
            string tried = attempt > 1 ? $" (attempt {attempt})" : string.Empty;
            log.Write($"POST {request}{tried}");

            int status = 0;
            TimeSpan? retryAfter = null;
            try
            {
                using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                status = (int)response.StatusCode;
                retryAfter = RetryAfter(response.Headers);
                if (IsRedirect(status) && response.Headers.Location != null)
                {
                    log.Write($"{request.Method}: HTTP {status} in {clock.ElapsedMilliseconds} ms, redirected{tried}");
                    return (null, null, (status, response.Headers.Location));
                }
                long? announced = response.Content.Headers.ContentLength;
                if (announced > _options.MaxAnswerBytes)
                    return (null, MatomoErrorClassifier.OfTooLarge(request.Method, status, _options.MaxAnswerBytes, announced), null);
                byte[] body = await ReadBodyAsync(response.Content, _options.MaxAnswerBytes, timeout.Token).ConfigureAwait(false);
                log.Write($"{request.Method}: HTTP {status} in {clock.ElapsedMilliseconds} ms ({body.Length} bytes){tried}");
                var answer = new MatomoAnswer(status, response.Content.Headers.ContentType?.MediaType, retryAfter, body);
                // Without a Content-Length, a connection closed early looks like the end of the answer: the JSON itself tells.
                if (announced == null && answer.IsSuccess && MatomoAnswerText.StartsLikeJson(body) && MatomoAnswerText.EndsEarly(body))
                {
                    log.Write($"{request.Method}: HTTP {status}, answer cut off after {body.Length} bytes{tried}");
                    return (null, MatomoErrorClassifier.OfTruncation(request.Method, status, body.Length, null, retryAfter), null);
                }
                var failure = MatomoErrorClassifier.OfAnswer(request.Method, answer);
                return failure == null ? (answer, null, null) : (null, failure, null);
            }
            catch (AnswerTooLargeException)
            {
                log.Write($"{request.Method}: HTTP {status}, answer over {_options.MaxAnswerBytes} bytes; not read further{tried}");
                return (null, MatomoErrorClassifier.OfTooLarge(request.Method, status, _options.MaxAnswerBytes, null), null);
            }
            catch (InvalidDataException error) when (!cancellation.IsCancellationRequested)
            {
                log.Write($"{request.Method}: HTTP {status}, answer does not decompress{tried}");
                return (null, MatomoErrorClassifier.OfBadCompression(request.Method, status, error), null);
            }
            catch (Exception error) when (error is OperationCanceledException || error is HttpRequestException || error is IOException || error is ObjectDisposedException)
            {
                // Ctrl+C wins over everything else; then our own timeout; then what the connection did.
                cancellation.ThrowIfCancellationRequested();
                if (timeout.IsCancellationRequested)
                {
                    log.Write($"{request.Method}: no answer within {_options.Timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s{tried}");
                    return (null, MatomoErrorClassifier.OfTimeout(request.Method, _options.Timeout), null);
                }
                if (error is TruncatedAnswerException cut)
                {
                    log.Write($"{request.Method}: HTTP {status}, answer cut off after {cut.Received} bytes{tried}");
                    return (null, MatomoErrorClassifier.OfTruncation(request.Method, status, cut.Received, cut.Expected, retryAfter), null);
                }
                log.Write($"{request.Method}: connection failed after {clock.ElapsedMilliseconds} ms{tried}");
                return (null, MatomoErrorClassifier.OfConnectionError(request.Method, endpoint, error, CertificateErrors(message)), null);
            }
        }

        private static bool IsRedirect(int status) => status == 301 || status == 302 || status == 303 || status == 307 || status == 308;

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
        /// The whole body, at most <paramref name="limit"/> bytes. With a Content-Length it is read straight into an array
        /// of that size (a large report costs its size once, not the copies of a growing buffer); an answer that ends
        /// early is a truncated answer. Without one, reading stops as soon as the body passes the limit.
        /// </summary>
        private static async Task<byte[]> ReadBodyAsync(HttpContent content, long limit, CancellationToken cancellation)
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
                        var buffer = new byte[81920];
                        for (int read; (read = await stream.ReadAsync(buffer, 0, buffer.Length, cancellation).ConfigureAwait(false)) > 0;)
                        {
                            if (growing!.Length + read > limit) throw new AnswerTooLargeException();
                            growing.Write(buffer, 0, read);
                        }
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

        /// <summary>The answer passed the size limit while it was read.</summary>
        private sealed class AnswerTooLargeException : Exception
        {
        }

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
