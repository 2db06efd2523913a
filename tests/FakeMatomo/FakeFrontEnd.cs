using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace FakeMatomo
{
    /// <summary>
    /// A web server in front of Matomo as a hostile or half-broken front end would be: it writes each answer byte for
    /// byte as it is told (redirects, no Content-Length, a cut-off or endless body, broken gzip), on a loopback address
    /// of its own (127.0.0.2 is another host than 127.0.0.1), and keeps every request it was sent, body and all, so a
    /// test can show that a token never reached it. Every connection is closed after one answer.
    /// </summary>
    public sealed class FakeFrontEnd : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly Func<FakeFrontEndRequest, Task<FakeFrontEndAnswer>> _answer;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly ConcurrentQueue<FakeFrontEndRequest> _requests = new ConcurrentQueue<FakeFrontEndRequest>();

        private FakeFrontEnd(IPAddress address, Func<FakeFrontEndRequest, Task<FakeFrontEndAnswer>> answer)
        {
            _answer = answer;
            _listener = new TcpListener(address, 0);
            _listener.Start();
            Host = address.ToString();
            _ = Task.Run(AcceptLoopAsync);
        }

        /// <summary>A front end on <paramref name="address"/> (a loopback address, 127.0.0.1 by default) that answers as <paramref name="answer"/> says.</summary>
        public static FakeFrontEnd Start(Func<FakeFrontEndRequest, Task<FakeFrontEndAnswer>> answer, string address = "127.0.0.1")
        {
            var ip = IPAddress.Parse(address);
            if (!IPAddress.IsLoopback(ip)) throw new ArgumentException("A front end listens on loopback only.", nameof(address));
            return new FakeFrontEnd(ip, answer);
        }

        /// <summary>A front end that answers every request with the same answer.</summary>
        public static FakeFrontEnd Start(Func<FakeFrontEndRequest, FakeFrontEndAnswer> answer, string address = "127.0.0.1") =>
            Start(request => Task.FromResult(answer(request)), address);

        /// <summary>
        /// A front end that redirects every request with <paramref name="status"/> to <paramref name="target"/> (an absolute
        /// base address such as <c>http://127.0.0.2:8080/matomo/</c>), keeping the request's file name and query.
        /// </summary>
        public static FakeFrontEnd Redirecting(int status, string target, string address = "127.0.0.1") =>
            Start(request => FakeFrontEndAnswer.Redirect(status, target.TrimEnd('/') + "/" + request.FileAndQuery), address);

        /// <summary>
        /// A front end whose Matomo moved within it: a request under <c>/oldFolder/</c> is redirected with
        /// <paramref name="status"/> to the same file under <c>/newFolder/</c>, which is forwarded to the Matomo at
        /// <paramref name="backend"/>.
        /// </summary>
        public static FakeFrontEnd MovedWithin(string oldFolder, string newFolder, string backend, int status = 301, string address = "127.0.0.1") =>
            Start(request => request.Target.StartsWith($"/{oldFolder}/", StringComparison.Ordinal)
                ? Task.FromResult(FakeFrontEndAnswer.Redirect(status, $"/{newFolder}/{request.FileAndQuery}"))
                : request.ForwardAsync(backend), address);

        /// <summary>A front end that answers every request with the same JSON (and keeps what it was sent).</summary>
        public static FakeFrontEnd Answering(string json, string address = "127.0.0.1") => Start(_ => FakeFrontEndAnswer.Json(json), address);

        /// <summary>The front end's address as a user gives it, such as <c>http://127.0.0.2:41234/</c>.</summary>
        public string BaseUrl => $"http://{Host}:{Port}/";

        public string Host { get; }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        /// <summary>Every request received, in order.</summary>
        public IReadOnlyList<FakeFrontEndRequest> Requests => _requests.ToArray();

        private async Task AcceptLoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (SocketException)
                {
                    continue;
                }
                _ = Task.Run(() => ServeAsync(client));
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                try
                {
                    var stream = client.GetStream();
                    var request = await ReadRequestAsync(stream).ConfigureAwait(false);
                    if (request == null) return;
                    _requests.Enqueue(request);
                    var answer = await _answer(request).ConfigureAwait(false);
                    await answer.WriteAsync(stream, _stop.Token).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // The client went away, or the test ended: nothing to tell.
                }
            }
        }

        private static async Task<FakeFrontEndRequest?> ReadRequestAsync(NetworkStream stream)
        {
            var head = new MemoryStream();
            var one = new byte[1];
            while (!EndsWithBlankLine(head))
            {
                if (await stream.ReadAsync(one, 0, 1).ConfigureAwait(false) == 0) return null;
                head.WriteByte(one[0]);
                if (head.Length > 64 * 1024) return null;
            }
            var lines = Encoding.ASCII.GetString(head.ToArray()).Split(new[] { "\r\n" }, StringSplitOptions.RemoveEmptyEntries);
            var first = lines[0].Split(' ');
            var headers = lines.Skip(1).Select(line => line.Split(new[] { ':' }, 2))
                .Where(parts => parts.Length == 2)
                .GroupBy(parts => parts[0].Trim(), StringComparer.OrdinalIgnoreCase)
                .ToDictionary(group => group.Key, group => group.Last()[1].Trim(), StringComparer.OrdinalIgnoreCase);
            int length = headers.TryGetValue("Content-Length", out string? text) ? int.Parse(text, CultureInfo.InvariantCulture) : 0;
            var body = new byte[length];
            for (int read = 0; read < length;)
            {
                int got = await stream.ReadAsync(body, read, length - read).ConfigureAwait(false);
                if (got == 0) break;
                read += got;
            }
            return new FakeFrontEndRequest(first[0], first.Length > 1 ? first[1] : "/", headers, body);
        }

        private static bool EndsWithBlankLine(MemoryStream head)
        {
            if (head.Length < 4) return false;
            var buffer = head.GetBuffer();
            long end = head.Length;
            return buffer[end - 4] == '\r' && buffer[end - 3] == '\n' && buffer[end - 2] == '\r' && buffer[end - 1] == '\n';
        }

        public void Dispose()
        {
            _stop.Cancel();
            try { _listener.Stop(); } catch (Exception) { }
        }
    }

    /// <summary>One request a <see cref="FakeFrontEnd"/> received.</summary>
    public sealed class FakeFrontEndRequest
    {
        public FakeFrontEndRequest(string method, string target, IReadOnlyDictionary<string, string> headers, byte[] body)
        {
            Method = method;
            Target = target;
            Headers = headers;
            Body = Encoding.UTF8.GetString(body);
            RawBody = body;
        }

        public string Method { get; }

        /// <summary>The path and query as sent, such as <c>/matomo/index.php?module=API&amp;method=...</c>.</summary>
        public string Target { get; }

        /// <summary>The last part of the path and the query: <c>index.php?module=API&amp;...</c>.</summary>
        public string FileAndQuery => Target.Substring(Target.LastIndexOf('/', Target.IndexOf('?') < 0 ? Target.Length - 1 : Target.IndexOf('?')) + 1);

        public IReadOnlyDictionary<string, string> Headers { get; }

        public string Body { get; }

        public byte[] RawBody { get; }

        /// <summary>
        /// Sends this request on to <paramref name="baseUrl"/> (the same file and query under another address) and
        /// returns the answer as it came: a reverse proxy's job.
        /// </summary>
        public async Task<FakeFrontEndAnswer> ForwardAsync(string baseUrl)
        {
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
            using var message = new HttpRequestMessage(new HttpMethod(Method), baseUrl.TrimEnd('/') + "/" + FileAndQuery)
            {
                Content = new ByteArrayContent(RawBody),
            };
            if (Headers.TryGetValue("Content-Type", out string? type)) message.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            using var answer = await http.SendAsync(message).ConfigureAwait(false);
            byte[] body = await answer.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            return new FakeFrontEndAnswer((int)answer.StatusCode, body, answer.Content.Headers.ContentType?.ToString() ?? "application/json");
        }
    }

    /// <summary>An answer a <see cref="FakeFrontEnd"/> writes, byte for byte.</summary>
    public sealed class FakeFrontEndAnswer
    {
        private readonly Func<Stream, CancellationToken, Task>? _endless;

        public FakeFrontEndAnswer(int status, byte[] body, string contentType = "application/json; charset=utf-8")
        {
            Status = status;
            Body = body;
            Headers.Add(("Content-Type", contentType));
        }

        private FakeFrontEndAnswer(int status, Func<Stream, CancellationToken, Task> endless) : this(status, Array.Empty<byte>())
        {
            _endless = endless;
            WithoutLength = true;
        }

        public int Status { get; }
        public byte[] Body { get; }
        public List<(string Name, string Value)> Headers { get; } = new List<(string Name, string Value)>();

        /// <summary>Leave out Content-Length: the end of the answer is where the connection closes.</summary>
        public bool WithoutLength { get; set; }

        public static FakeFrontEndAnswer Json(string json, int status = 200) => new FakeFrontEndAnswer(status, Encoding.UTF8.GetBytes(json));

        public static FakeFrontEndAnswer Redirect(int status, string location)
        {
            var answer = new FakeFrontEndAnswer(status, Array.Empty<byte>(), "text/html");
            answer.Headers.Add(("Location", location));
            return answer;
        }

        /// <summary>
        /// A 200 answer without Content-Length that writes JSON-looking bytes until the client stops reading, or
        /// <paramref name="maxBytes"/> have gone (a bound, so the front end stops by itself).
        /// </summary>
        public static FakeFrontEndAnswer Endless(long maxBytes) => new FakeFrontEndAnswer(200, async (stream, stop) =>
        {
            var chunk = Encoding.ASCII.GetBytes("[" + string.Concat(Enumerable.Repeat("1234567890,", 6000)));
            for (long sent = 0; sent < maxBytes && !stop.IsCancellationRequested; sent += chunk.Length)
                await stream.WriteAsync(chunk, 0, chunk.Length, stop).ConfigureAwait(false);
        });

        internal async Task WriteAsync(Stream stream, CancellationToken stop)
        {
            var head = new StringBuilder($"HTTP/1.1 {Status} Status\r\n");
            foreach (var (name, value) in Headers) head.Append(name).Append(": ").Append(value).Append("\r\n");
            if (!WithoutLength) head.Append("Content-Length: ").Append(Body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            head.Append("Connection: close\r\n\r\n");
            byte[] bytes = Encoding.ASCII.GetBytes(head.ToString());
            await stream.WriteAsync(bytes, 0, bytes.Length, stop).ConfigureAwait(false);
            if (_endless != null) await _endless(stream, stop).ConfigureAwait(false);
            else await stream.WriteAsync(Body, 0, Body.Length, stop).ConfigureAwait(false);
            await stream.FlushAsync(stop).ConfigureAwait(false);
        }
    }
}
