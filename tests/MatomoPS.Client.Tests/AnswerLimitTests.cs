using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Client.Tests
{
    /// <summary>Answers a client must not trust as they come: too large, cut off without a Content-Length, badly compressed.</summary>
    public sealed class AnswerLimitTests : IClassFixture<FakeServerFixture>
    {
        private readonly FakeServerFixture _fixture;
        private readonly ConcurrentQueue<string> _log = new ConcurrentQueue<string>();
        private int _answered;

        public AnswerLimitTests(FakeServerFixture fixture) => _fixture = fixture;

        private bool IsFirst() => System.Threading.Interlocked.Increment(ref _answered) == 1;

        private MatomoClient Client(FakeFrontEnd front, Action<MatomoClientOptions>? configure = null) =>
            FakeServerFixture.NewClient(front.BaseUrl, configure: options =>
            {
                options.Log = _log.Enqueue;
                configure?.Invoke(options);
            });

        [Fact]
        public async Task An_endless_answer_stops_at_the_size_limit_and_is_not_asked_for_again()
        {
            using var front = FakeFrontEnd.Start(_ => FakeFrontEndAnswer.Endless(maxBytes: 64L * 1024 * 1024));
            using var client = Client(front, options => options.MaxAnswerBytes = 1024 * 1024);

            var error = await Assert.ThrowsAsync<MatomoException>(() => client.GetSiteIdsAsync());

            Assert.Equal(MatomoErrorKind.AnswerTooLarge, error.Kind);
            Assert.Contains("SitesManager.getSitesIdWithAtLeastViewAccess (HTTP 200) is larger than the limit of 1 MB", error.Message);
            Assert.Equal(1, error.Attempts);
            Assert.False(error.IsTransient);
            Assert.Single(front.Requests);
        }

        [Fact]
        public async Task An_answer_that_announces_more_than_the_limit_is_not_read()
        {
            using var front = FakeFrontEnd.Start(_ => new FakeFrontEndAnswer(200, new byte[2 * 1024 * 1024]));
            using var client = Client(front, options => options.MaxAnswerBytes = 1024 * 1024);

            var error = await Assert.ThrowsAsync<MatomoException>(() => client.GetSiteIdsAsync());

            Assert.Equal(MatomoErrorKind.AnswerTooLarge, error.Kind);
            Assert.Contains("(it announced 2 MB)", error.Message);
            Assert.Single(front.Requests);
        }

        [Fact]
        public async Task An_answer_cut_off_without_Content_Length_is_tried_again_and_heals()
        {
            using var front = FakeFrontEnd.Start(async request =>
            {
                var whole = await request.ForwardAsync(_fixture.Server.BaseUrl);
                // The first answer ends mid-way, as a proxy closing the connection early would leave it.
                int cut = whole.Body.Length / 2;
                return new FakeFrontEndAnswer(200, IsFirst() ? whole.Body.Take(cut).ToArray() : whole.Body) { WithoutLength = true };
            });
            using var client = Client(front);

            Assert.Equal(new[] { 1, 2, 3 }, await client.GetSiteIdsAsync());
            Assert.Equal(2, front.Requests.Count);
            Assert.Contains(_log, line => line.Contains("answer cut off after"));
        }

        [Fact]
        public async Task An_answer_always_cut_off_without_Content_Length_is_a_transient_invalid_answer_with_advice_about_the_cut()
        {
            using var front = FakeFrontEnd.Start(_ => new FakeFrontEndAnswer(200, Encoding.UTF8.GetBytes("{\"2025-06-01\":5,\"2025-06-0")) { WithoutLength = true });
            using var client = Client(front, options => options.MaxRetries = 2);

            var error = await Assert.ThrowsAsync<MatomoException>(() => client.GetSiteIdsAsync());

            Assert.Equal(MatomoErrorKind.Protocol, error.Kind);
            Assert.True(error.IsTransient);
            Assert.Contains("was cut off after 26 bytes", error.Message);
            Assert.Contains("Gave up after 3 attempts", error.Message);
            Assert.DoesNotContain("not JSON", error.Message);
            Assert.Equal(3, front.Requests.Count);
        }

        [Fact]
        public async Task A_complete_answer_without_Content_Length_is_read_as_usual()
        {
            using var front = FakeFrontEnd.Start(_ => new FakeFrontEndAnswer(200, Encoding.UTF8.GetBytes("[1,2,3]\n")) { WithoutLength = true });
            using var client = Client(front);

            Assert.Equal(new[] { 1, 2, 3 }, await client.GetSiteIdsAsync());
            Assert.Single(front.Requests);
        }

        [Fact]
        public async Task A_broken_gzip_answer_is_an_invalid_answer_not_an_unclassified_exception()
        {
            using var front = FakeFrontEnd.Start(_ =>
            {
                var answer = new FakeFrontEndAnswer(200, new byte[] { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5, 6, 7, 8, 9 });
                answer.Headers.Add(("Content-Encoding", "gzip"));
                return answer;
            });
            using var client = Client(front);

            var error = await Assert.ThrowsAsync<MatomoException>(() => client.GetSiteIdsAsync());

            Assert.Equal(MatomoErrorKind.Protocol, error.Kind);
            Assert.Contains("SitesManager.getSitesIdWithAtLeastViewAccess (HTTP 200) cannot be decompressed", error.Message);
            Assert.Equal(1, error.Attempts);
        }
    }
}
