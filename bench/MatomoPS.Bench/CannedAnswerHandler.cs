using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace MatomoPS.Bench
{
    /// <summary>Answers every request with the same JSON bytes, so the parse benchmark measures the client and not a network or a server.</summary>
    internal sealed class CannedAnswerHandler : HttpMessageHandler
    {
        private readonly byte[] _body;

        public CannedAnswerHandler(byte[] body) => _body = body;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(_body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}
