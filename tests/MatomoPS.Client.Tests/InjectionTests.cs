using System;
using System.Linq;
using System.Threading.Tasks;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Client.Tests
{
    /// <summary>
    /// Values with <c>&amp;</c>, <c>=</c>, <c>#</c>, <c>%</c> or a newline reach Matomo as the same value and add no parameter:
    /// checked on what the double received and decoded, in a plain request and in a bulk sub-URL.
    /// </summary>
    public sealed class InjectionTests : IDisposable
    {
        private static readonly DateTime First = new DateTime(2025, 6, 1);
        private readonly FakeMatomoServer _server = FakeMatomoServer.Start(FakeServerFixture.ServerToday);

        public void Dispose() => _server.Dispose();

        public static TheoryData<string> Smuggling => new TheoryData<string>
        {
            "x&idSite=3",
            "a=b&token_auth=x",
            "de#fragment",
            "50%25 and 100%",
            "two\nlines",
            "p%26q",
        };

        /// <summary>A code is put into its condition after the template is split, so even <c>;</c> and <c>,</c> stay inside it.</summary>
        public static TheoryData<string> SmugglingCodes
        {
            get
            {
                var codes = Smuggling;
                codes.Add("semi;colon,comma");
                return codes;
            }
        }

        [Theory]
        [MemberData(nameof(Smuggling))]
        public async Task A_segment_value_arrives_as_written_and_adds_no_parameter(string value)
        {
            using var client = FakeServerFixture.NewClient(_server.BaseUrl);
            var query = MatomoSeriesQuery.Create(new[] { 1 }, MatomoMetric.Visits, MatomoPeriod.Day, First, First, "pageUrl=@" + value + ";browserCode==FF");

            await client.GetVisitsAsync(query);

            var request = Assert.Single(_server.Requests);
            // A single request carries its parameters in the URL (where Matomo's guard reads the segment), the token alone in the body.
            Assert.Equal(new[] { "token_auth" }, request.Body.Keys);
            Assert.Equal(new[] { "date", "filter_limit", "format", "idSite", "method", "module", "period", "segment" }, request.Query.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal("1", request.Query["idSite"]);
            Assert.Equal(FakeTokens.View, request.Body["token_auth"]);
            Assert.Equal(new[] { Expected(value), "FF" }, FakeSegment.Parse(request.Query["segment"]).Values);
        }

        [Theory]
        [MemberData(nameof(SmugglingCodes))]
        public async Task A_language_code_in_a_bulk_sub_url_arrives_as_written_and_adds_no_parameter(string code)
        {
            using var client = FakeServerFixture.NewClient(_server.BaseUrl);
            var queries = new[]
            {
                MatomoSeriesQuery.ForLanguage(new[] { 1 }, MatomoMetric.Visits, MatomoPeriod.Day, First, First, "pageUrl=@/{0}/", code),
                MatomoSeriesQuery.Create(new[] { 1 }, MatomoMetric.Visits, MatomoPeriod.Day, First, First),
            };

            var rows = await Task.WhenAll(client.FetchSeries(queries, new MatomoFetchOptions { ThrottleLimit = 1 }));

            Assert.Equal(code.Trim(), Assert.Single(rows[0]).Series);
            var request = Assert.Single(_server.Requests);
            Assert.Equal(new[] { "token_auth", "urls[0]", "urls[1]" }, request.Body.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal(new[] { "filter_limit", "format", "method", "module" }, request.Query.Keys.OrderBy(k => k, StringComparer.Ordinal));
            var sub = FakeMatomoApi.ParseQueryString(request.Body["urls[0]"]);
            Assert.Equal(new[] { "date", "idSite", "method", "period", "segment" }, sub.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal("1", sub["idSite"]);
            // The code is put into the value with its slashes, so even "%26" is not taken as already encoded.
            Assert.Equal("/" + code + "/", Assert.Single(FakeSegment.Parse(sub["segment"]).Values));
        }

        /// <summary>
        /// What Matomo decodes. A value that is already URL-encoded (only <c>%XX</c> escapes and unreserved characters,
        /// as Matomo's UI writes them) is sent as is and so decodes once: the documented rule of <see cref="MatomoSegment"/>.
        /// </summary>
        private static string Expected(string value) => value == "p%26q" ? "p&q" : value;
    }
}
