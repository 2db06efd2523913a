using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace FakeMatomo
{
    /// <summary>
    /// The Matomo double on loopback: an <see cref="HttpListener"/> on a free port in front of <see cref="FakeMatomoApi"/>,
    /// with a per-request latency, a per-API-call cost, scripted faults and a log of what it received.
    /// </summary>
    public sealed class FakeMatomoServer : IDisposable
    {
        private readonly HttpListener _listener;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly ConcurrentQueue<FakeRequestRecord> _requests = new ConcurrentQueue<FakeRequestRecord>();
        private readonly Task _loop;
        private int _count;
        private int _apiCalls;
        private int _workers;
        private SemaphoreSlim? _workerSlots;

        private FakeMatomoServer(HttpListener listener, string baseUrl, FakeMatomoApi api)
        {
            _listener = listener;
            BaseUrl = baseUrl;
            Api = api;
            _loop = Task.Run(AcceptLoopAsync);
        }

        /// <summary>The server's address, such as <c>http://127.0.0.1:45123/matomo/</c>.</summary>
        public string BaseUrl { get; }

        public FakeMatomoApi Api { get; }

        /// <summary>Added to every HTTP request (network and web server time).</summary>
        public TimeSpan Latency { get; set; }

        /// <summary>Added for every API method run; a bulk request pays it once per sub-request, one after another, as PHP does.</summary>
        public TimeSpan CallCost { get; set; }

        /// <summary>
        /// How many requests the server works on at once, as PHP's workers (0: no limit). A request holds a worker for
        /// its <see cref="Latency"/> (then the server's own time per request: PHP starting, the token checked) and its
        /// <see cref="CallCost"/>s; the others wait for a free worker.
        /// </summary>
        public int Workers
        {
            get => _workers;
            set
            {
                _workers = value;
                _workerSlots = value > 0 ? new SemaphoreSlim(value) : null;
            }
        }

        /// <summary>Scripted faults, tried in order; the first that applies to a request is used.</summary>
        public List<FakeFault> Faults { get; } = new List<FakeFault>();

        /// <summary>Every request received so far, in arrival order.</summary>
        public IReadOnlyList<FakeRequestRecord> Requests => _requests.ToArray();

        /// <summary>
        /// The requests that asked the visit log (Live.getLastVisitsDetails), as a client's check of its zeros does:
        /// alone, or as a bulk request with visit-log looks among its sub-requests.
        /// </summary>
        public IReadOnlyList<FakeRequestRecord> VisitLogRequests => Requests.Where(request => request.ApiMethod == "Live.getLastVisitsDetails"
            || (request.ApiMethod == "API.getBulkRequest" && request.Body.Values.Any(value => value.StartsWith("method=Live.getLastVisitsDetails", StringComparison.Ordinal))))
            .ToArray();

        public int RequestCount => Volatile.Read(ref _count);

        public int ApiCallCount => Volatile.Read(ref _apiCalls);

        /// <summary>Starts a server on a free loopback port. <paramref name="today"/> is the double's clock (default: today).</summary>
        public static FakeMatomoServer Start(DateTime? today = null, int port = 0, string path = "/matomo/")
        {
            var api = new FakeMatomoApi(new FakeDataSet(today ?? DateTime.Today));
            for (int attempt = 0; ; attempt++)
            {
                int chosen = port > 0 ? port : FreePort();
                string prefix = $"http://127.0.0.1:{chosen}{path}";
                var listener = new HttpListener();
                listener.Prefixes.Add(prefix);
                // As a real server on this machine, it answers by name too.
                listener.Prefixes.Add($"http://localhost:{chosen}{path}");
                try
                {
                    listener.Start();
                    return new FakeMatomoServer(listener, prefix, api);
                }
                catch (HttpListenerException) when (port == 0 && attempt < 10)
                {
                    listener.Close();
                }
            }
        }

        public void ClearRequests()
        {
            while (_requests.TryDequeue(out _)) { }
        }

        private static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        private async Task AcceptLoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception) when (_stop.IsCancellationRequested || !_listener.IsListening)
                {
                    return;
                }
                catch (HttpListenerException)
                {
                    continue;
                }
                _ = Task.Run(() => ServeAsync(context));
            }
        }

        private async Task ServeAsync(HttpListenerContext context)
        {
            var response = context.Response;
            try
            {
                var record = Read(context.Request);
                _requests.Enqueue(record);
                var fault = Faults.ToArray().FirstOrDefault(candidate => candidate.TryUse(record));

                var worker = _workerSlots;
                if (worker != null) await worker.WaitAsync(_stop.Token).ConfigureAwait(false);
                try
                {
                    await WorkAsync(context, record, fault).ConfigureAwait(false);
                }
                finally
                {
                    worker?.Release();
                }
            }
            catch (Exception)
            {
                try { response.Abort(); } catch (Exception) { }
            }
        }

        private async Task WorkAsync(HttpListenerContext context, FakeRequestRecord record, FakeFault? fault)
        {
            var response = context.Response;
            if (Latency > TimeSpan.Zero) await Task.Delay(Latency, _stop.Token).ConfigureAwait(false);
            if (fault != null && fault.Delay > TimeSpan.Zero) await Task.Delay(fault.Delay, _stop.Token).ConfigureAwait(false);
            if (fault?.Drop == true)
            {
                Drop(context);
                return;
            }

            FakeAnswer answer = Api.Handle(record.Query, record.Body);
            Interlocked.Add(ref _apiCalls, answer.ApiCalls);
            if (CallCost > TimeSpan.Zero && answer.ApiCalls > 0)
                await Task.Delay(TimeSpan.FromTicks(CallCost.Ticks * answer.ApiCalls), _stop.Token).ConfigureAwait(false);
            answer = Apply(fault, answer);

            byte[] body = Encoding.UTF8.GetBytes(answer.Body);
            if (fault?.InvalidUtf8After != null) body = WithInvalidUtf8(body, fault.InvalidUtf8After);
            response.StatusCode = answer.Status;
            response.ContentType = answer.ContentType;
            if (fault?.RetryAfter != null) response.AddHeader("Retry-After", fault.RetryAfter);
            response.ContentLength64 = body.Length;
            if (fault?.Truncate == true)
            {
                await response.OutputStream.WriteAsync(body, 0, body.Length / 2).ConfigureAwait(false);
                await response.OutputStream.FlushAsync().ConfigureAwait(false);
                response.Abort();
                return;
            }
            await response.OutputStream.WriteAsync(body, 0, body.Length).ConfigureAwait(false);
            response.Close();
        }

        /// <summary>
        /// Closes the connection without a single byte of answer, as a proxy that gives up does. The managed
        /// HttpListener's Abort() first writes a "200" status line with an empty body, so the socket is closed directly.
        /// </summary>
        private static void Drop(HttpListenerContext context)
        {
            const BindingFlags Instance = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;
            object? connection = typeof(HttpListenerContext).GetProperty("Connection", Instance)?.GetValue(context);
            if (connection?.GetType().GetField("_socket", Instance)?.GetValue(connection) is Socket socket)
            {
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
                return;
            }
            context.Response.Abort();
        }

        /// <summary>The answer with 0xFF, which UTF-8 never uses, after the first place of <paramref name="after"/>; unchanged without one.</summary>
        private static byte[] WithInvalidUtf8(byte[] body, string after)
        {
            byte[] text = Encoding.UTF8.GetBytes(after);
            int at = body.AsSpan().IndexOf(text);
            if (at < 0) return body;
            int end = at + text.Length;
            var garbled = new byte[body.Length + 1];
            Array.Copy(body, garbled, end);
            garbled[end] = 0xFF;
            Array.Copy(body, end, garbled, end + 1, body.Length - end);
            return garbled;
        }

        private static FakeAnswer Apply(FakeFault? fault, FakeAnswer answer)
        {
            if (fault == null) return answer;
            if (fault.BulkSlotError != null && answer.Status == 200 && JsonNode.Parse(answer.Body) is JsonArray slots && fault.BulkSlot < slots.Count)
            {
                slots[fault.BulkSlot] = new JsonObject { ["result"] = "error", ["message"] = fault.BulkSlotError };
                answer = new FakeAnswer(200, answer.ContentType, slots.ToJsonString(), answer.ApiCalls);
            }
            if (fault.Body != null)
                return new FakeAnswer(fault.Status ?? 200, "application/json; charset=utf-8", fault.Body, answer.ApiCalls);
            if (fault.Html != null)
                return new FakeAnswer(fault.Status ?? answer.Status, "text/html; charset=utf-8", fault.Html, answer.ApiCalls);
            if (fault.Status.HasValue)
                return new FakeAnswer(fault.Status.Value, answer.ContentType, answer.Body, answer.ApiCalls);
            return answer;
        }

        private FakeRequestRecord Read(HttpListenerRequest request)
        {
            string rawQuery = request.Url?.Query.TrimStart('?') ?? string.Empty;
            string rawBody;
            using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
                rawBody = reader.ReadToEnd();
            var body = request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true
                ? FakeMatomoApi.ParseQueryString(rawBody)
                : new Dictionary<string, string>();
            var headers = request.Headers.AllKeys.Where(key => key != null).ToDictionary(key => key!, key => request.Headers[key] ?? string.Empty, StringComparer.OrdinalIgnoreCase);
            return new FakeRequestRecord(Interlocked.Increment(ref _count), request.HttpMethod, rawQuery, rawBody, FakeMatomoApi.ParseQueryString(rawQuery), body, headers);
        }

        public void Dispose()
        {
            _stop.Cancel();
            try { _listener.Stop(); _listener.Close(); } catch (Exception) { }
            try { _loop.Wait(TimeSpan.FromSeconds(2)); } catch (Exception) { }
        }
    }
}
