using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace MatomoPS.Client
{
    /// <summary>
    /// The one place that talks HTTP: POSTs with the token in the body, timeouts, retries with backoff,
    /// cancellation, and keeping the token out of every message.
    /// </summary>
    internal sealed class MatomoTransport : IDisposable
    {
        private static readonly string UserAgent = "MatomoPS/" + ProductVersion();
        [ThreadStatic] private static Random? _jitter;

        private readonly MatomoClientOptions _options;
        private readonly HttpClient _http;

        public MatomoTransport(MatomoClientOptions options, HttpMessageHandler? handler = null)
        {
            _options = options;
            _http = new HttpClient(handler ?? CreateHandler(options), disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            _http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
            _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }

        /// <summary>
        /// Sends <paramref name="request"/> and parses the answer. Transient failures are tried again up to
        /// <see cref="MatomoClientOptions.MaxRetries"/> times within <see cref="MatomoClientOptions.TotalBudget"/>.
        /// The caller disposes the returned document.
        /// </summary>
        public async Task<JsonDocument> SendAsync(MatomoRequest request, IEnumerable<KeyValuePair<string, string>>? bodyExtras, Action<string>? log, CancellationToken cancellation)
        {
            var total = Stopwatch.StartNew();
            for (int attempt = 1; ; attempt++)
            {
                cancellation.ThrowIfCancellationRequested();
                MatomoException failure;
                TimeSpan? retryAfter = null;
                try
                {
                    return await SendOnceAsync(request, bodyExtras, attempt, log, cancellation).ConfigureAwait(false);
                }
                catch (RetryableException retryable)
                {
                    failure = retryable.Failure;
                    retryAfter = retryable.RetryAfter;
                }
                catch (MatomoException error) when (error.IsTransient)
                {
                    failure = error;
                }
                catch (MatomoException error)
                {
                    error.Attempts = attempt;
                    throw;
                }

                TimeSpan pause = NextPause(attempt, retryAfter);
                bool budgetLeft = total.Elapsed + pause < _options.TotalBudget;
                if (attempt > _options.MaxRetries || !budgetLeft)
                    throw GiveUp(request, failure, attempt, total.Elapsed, budgetLeft);

                log?.Invoke($"{request.Method}: {failure.Message} Attempt {attempt} of {_options.MaxRetries + 1}; trying again in {pause.TotalSeconds:0.0} s.");
                await Task.Delay(pause, cancellation).ConfigureAwait(false);
            }
        }

        private async Task<JsonDocument> SendOnceAsync(MatomoRequest request, IEnumerable<KeyValuePair<string, string>>? bodyExtras, int attempt, Action<string>? log, CancellationToken cancellation)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(_options.Timeout);
            var clock = Stopwatch.StartNew();
            string query = "?module=API&method=" + Uri.EscapeDataString(request.Method) + "&format=json";
            using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_options.Endpoint, _options.Endpoint.AbsolutePath + query))
            {
                Content = BuildBody(request, bodyExtras),
            };

            int status = 0;
            byte[] body;
            string? contentType;
            HttpResponseHeaders? headers = null;
            try
            {
                using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                status = (int)response.StatusCode;
                headers = response.Headers;
                contentType = response.Content.Headers.ContentType?.MediaType;
                body = await ReadBodyAsync(response.Content, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception error) when (error is OperationCanceledException || error is HttpRequestException || error is IOException || error is ObjectDisposedException)
            {
                // Ctrl+C wins over everything else; then our own timeout; then what the connection did.
                cancellation.ThrowIfCancellationRequested();
                if (timeout.IsCancellationRequested)
                {
                    log?.Invoke($"POST {request} -> no answer within {_options.Timeout.TotalSeconds:0.#} s");
                    throw new MatomoException(MatomoErrorKind.Transient, $"Matomo did not answer {request.Method} within {_options.Timeout.TotalSeconds:0.#} s (the -TimeoutSec of the connection).", request.Method);
                }
                if (Innermost(error) is System.Security.Authentication.AuthenticationException refused)
                {
                    // A certificate that is not trusted stays untrusted: no retry.
                    log?.Invoke($"POST {request} -> TLS handshake refused");
                    throw new MatomoException(MatomoErrorKind.Certificate,
                        $"The TLS connection to {MatomoEndpoint.Display(_options.Endpoint)} failed during {request.Method}: {refused.Message} Use a certificate the machine trusts, or -SkipCertificateCheck for a test server.", request.Method);
                }
                if (error is TruncatedAnswerException cut)
                {
                    // The answer started but did not end: retried, as a proxy may have cut it; if it keeps happening,
                    // it is reported as a broken answer (never parsed into a shorter result).
                    log?.Invoke($"POST {request} -> HTTP {status}, answer cut off after {cut.Received} bytes");
                    var truncated = new MatomoException(MatomoErrorKind.Protocol,
                        $"Matomo's answer to {request.Method} (HTTP {status}) was cut off after {cut.Received}{(cut.Expected.HasValue ? $" of {cut.Expected} " : " ")}bytes.", request.Method, status);
                    throw new RetryableException(truncated, headers == null ? null : RetryAfter(headers));
                }
                log?.Invoke($"POST {request} -> connection failed after {clock.ElapsedMilliseconds} ms");
                throw new MatomoException(MatomoErrorKind.Transient, $"The connection to {MatomoEndpoint.Display(_options.Endpoint)} failed during {request.Method}: {Redact(Innermost(error).Message)}", request.Method, null, null);
            }

            log?.Invoke($"POST {request} -> HTTP {status} in {clock.ElapsedMilliseconds} ms ({body.Length} bytes)" + (attempt > 1 ? $", attempt {attempt}" : string.Empty));
            try
            {
                return MatomoResponseParser.ParseDocument(status, contentType, body, request.Method);
            }
            catch (MatomoException error)
            {
                var safe = new MatomoException(error.Kind, Redact(error.Message), error.ApiMethod, error.HttpStatus);
                if (safe.IsTransient) throw new RetryableException(safe, RetryAfter(headers!));
                throw safe;
            }
        }

        private HttpContent BuildBody(MatomoRequest request, IEnumerable<KeyValuePair<string, string>>? bodyExtras)
        {
            var form = new StringBuilder();
            _options.Token.Use(token => form.Append("token_auth=").Append(Uri.EscapeDataString(token)));
            bool hasLimit = request.Has("filter_limit");
            foreach (var pair in request.Parameters) Append(form, pair.Key, pair.Value);
            if (bodyExtras != null) foreach (var pair in bodyExtras) Append(form, pair.Key, pair.Value);
            if (!hasLimit) Append(form, "filter_limit", "-1");
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(form.ToString()));
            form.Clear();
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
            return content;
        }

        private static void Append(StringBuilder form, string name, string value) =>
            form.Append('&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));

        private static async Task<byte[]> ReadBodyAsync(HttpContent content, CancellationToken cancellation)
        {
            long? expected = content.Headers.ContentLength;
            using var buffer = new MemoryStream();
            try
            {
                using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
                using (cancellation.Register(() => stream.Dispose()))
                    await stream.CopyToAsync(buffer, 81920, cancellation).ConfigureAwait(false);
            }
            catch (Exception error) when (!cancellation.IsCancellationRequested && (error is IOException || error is HttpRequestException))
            {
                throw new TruncatedAnswerException(buffer.Length, expected, error);
            }
            catch (ObjectDisposedException) when (cancellation.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellation);
            }
            if (expected.HasValue && buffer.Length != expected.Value)
                throw new TruncatedAnswerException(buffer.Length, expected, null);
            return buffer.ToArray();
        }

        private TimeSpan NextPause(int attempt, TimeSpan? retryAfter)
        {
            if (retryAfter.HasValue)
                return retryAfter.Value > _options.MaxRetryDelay ? _options.MaxRetryDelay : retryAfter.Value;
            double exponential = _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
            double capped = Math.Min(exponential, _options.MaxRetryDelay.TotalMilliseconds);
            _jitter ??= new Random(Guid.NewGuid().GetHashCode());
            return TimeSpan.FromMilliseconds(capped * (0.5 + _jitter.NextDouble() / 2));
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
        /// The error after the last try: what happened (status, the server's words, the method), plus how many
        /// attempts were made and how long it all took, so a runbook log explains itself.
        /// </summary>
        private MatomoException GiveUp(MatomoRequest request, MatomoException last, int attempts, TimeSpan elapsed, bool budgetLeft)
        {
            string why = budgetLeft
                ? (attempts > _options.MaxRetries ? $" (-MaxRetries is {_options.MaxRetries})" : string.Empty)
                : $" (the total time budget of {_options.TotalBudget.TotalSeconds:0.#} s would run out)";
            string text = $"{last.Message} Gave up after {attempts} attempt{(attempts == 1 ? string.Empty : "s")} over {elapsed.TotalSeconds:0.0} s{why}.";
            return new MatomoException(last.Kind, text, request.Method, last.HttpStatus, last) { Attempts = attempts };
        }

        private string Redact(string text) => _options.Token.Redact(text);

        private static Exception Innermost(Exception error)
        {
            while (error.InnerException != null) error = error.InnerException;
            return error;
        }

        private static HttpMessageHandler CreateHandler(MatomoClientOptions options)
        {
            var handler = new HttpClientHandler
            {
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                UseCookies = false,
            };
            if (options.SkipCertificateCheck)
                handler.ServerCertificateCustomValidationCallback = (_, _, _, _) => true;
            return handler;
        }

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

        /// <summary>Carries a transient failure with the server's <c>Retry-After</c> to the retry loop.</summary>
        private sealed class RetryableException : Exception
        {
            public RetryableException(MatomoException failure, TimeSpan? retryAfter) : base(failure.Message)
            {
                Failure = failure;
                RetryAfter = retryAfter;
            }

            public MatomoException Failure { get; }
            public TimeSpan? RetryAfter { get; }
        }
    }
}
