using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace MatomoPS.Tests
{
    /// <summary>
    /// Made-up host names answered in process: a request for a name listed here goes to the loopback address it stands
    /// for, or fails as an unreachable host would; the client still sees, and names, the made-up host. No name is looked
    /// up and nothing leaves this machine. A host not listed is reached as it is (the doubles on 127.0.0.1).
    /// </summary>
    public sealed class SimulatedHosts : DelegatingHandler
    {
        private static readonly ConcurrentDictionary<string, Uri?> Hosts = new ConcurrentDictionary<string, Uri?>(StringComparer.OrdinalIgnoreCase);

        public SimulatedHosts()
            : base(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate })
        {
        }

        /// <summary>Makes <paramref name="host"/> answer as <paramref name="loopbackBase"/> (scheme, address and port); null makes it unreachable.</summary>
        public static IDisposable Add(string host, string? loopbackBase)
        {
            var target = loopbackBase == null ? null : new Uri(loopbackBase);
            if (target != null && !IPAddress.IsLoopback(IPAddress.Parse(target.Host))) throw new ArgumentException("A simulated host stands for a loopback address only.");
            Hosts[host] = target;
            return new Removal(host);
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            if (Hosts.TryGetValue(uri.Host, out var target))
            {
                if (target == null)
                    throw new HttpRequestException($"Connection refused ({uri.Host}:{uri.Port})", new SocketException((int)SocketError.ConnectionRefused));
                request.RequestUri = new UriBuilder(uri) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
            }
            return base.SendAsync(request, cancellationToken);
        }

        private sealed class Removal : IDisposable
        {
            private readonly string _host;

            public Removal(string host) => _host = host;

            public void Dispose() => Hosts.TryRemove(_host, out _);
        }
    }
}
