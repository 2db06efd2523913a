using System;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace MatomoPS.Client.Tests
{
    /// <summary>
    /// An https server on loopback with a freshly made self-signed certificate (trusted by nobody). After the TLS
    /// handshake it answers every request with the site id list <c>[1,2,3]</c>, enough to tell a refused handshake
    /// from a working one.
    /// </summary>
    public sealed class SelfSignedTlsServer : IDisposable
    {
        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly X509Certificate2 _certificate = CreateCertificate();
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private int _connections;

        public SelfSignedTlsServer()
        {
            _listener.Start();
            _ = Task.Run(AcceptLoopAsync);
        }

        public string BaseUrl => $"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";

        /// <summary>TCP connections accepted: one per attempt the client made.</summary>
        public int Connections => Volatile.Read(ref _connections);

        private async Task AcceptLoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
                catch (Exception) { return; }
                Interlocked.Increment(ref _connections);
                _ = Task.Run(() => ServeAsync(client));
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            using (var tls = new SslStream(client.GetStream()))
            {
                try
                {
                    await tls.AuthenticateAsServerAsync(_certificate);
                    var buffer = new byte[65536];
                    var request = new StringBuilder();
                    int contentLength = -1, headerEnd = -1;
                    while (headerEnd < 0 || request.Length < headerEnd + 4 + contentLength)
                    {
                        int read = await tls.ReadAsync(buffer, 0, buffer.Length, _stop.Token);
                        if (read == 0) return;
                        request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                        if (headerEnd < 0 && (headerEnd = request.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal)) >= 0)
                        {
                            var match = System.Text.RegularExpressions.Regex.Match(request.ToString(0, headerEnd), "Content-Length: *(\\d+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
                            contentLength = match.Success ? int.Parse(match.Groups[1].Value) : 0;
                        }
                    }
                    byte[] answer = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 7\r\nConnection: close\r\n\r\n[1,2,3]");
                    await tls.WriteAsync(answer, 0, answer.Length, _stop.Token);
                    await tls.FlushAsync();
                }
                catch (Exception)
                {
                    // The client refused the certificate: the handshake fails here too.
                }
            }
        }

        private static X509Certificate2 CreateCertificate()
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            // Through PKCS#12 so the private key is usable by SslStream on every platform.
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _certificate.Dispose();
        }
    }
}
