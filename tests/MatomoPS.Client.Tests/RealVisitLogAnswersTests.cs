using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using FakeMatomo;

namespace MatomoPS.Client.Tests
{
    /// <summary>
    /// The visit log as a real Matomo 5.1.2 answers it (tests/data/realmatomo/live, captured with capture-live.sh from the
    /// kit's site 1): the client's reader reads every typed property from a real page, and the double's pages hold the
    /// real fields the client reads, in Matomo's order and JSON kinds, and page by minTimestamp as the real server does.
    /// </summary>
    public sealed class RealVisitLogAnswersTests : IClassFixture<FakeServerFixture>
    {
        private const string FirstPage = "Live.getLastVisitsDetails__site1_range_2023-01-01..2023-01-02_asc_limit-3.json";
        private const string NextPage = "Live.getLastVisitsDetails__site1_range_2023-01-01..2023-01-02_asc_limit-3_minTimestamp-1672537020.json";
        private const string SomeColumns = "Live.getLastVisitsDetails__site1_range_2023-01-01..2023-01-02_asc_limit-3_showColumns_doNotFetchActions.json";
        private const string Empty = "Live.getLastVisitsDetails__site1_range_2022-06-01..2022-06-30_asc_empty.json";

        private readonly FakeServerFixture _fixture;

        public RealVisitLogAnswersTests(FakeServerFixture fixture) => _fixture = fixture;

        private static Captured Answer(string name) => Captured.Read("live").Single(answer => answer.Name == name);

        private static List<MatomoVisit> Read(string name, MatomoVisitLogQuery query)
        {
            var reader = new MatomoReader(new MatomoExceptions(MatomoToken.FromPlainText("0123456789abcdef0123456789abcdef")), () => DateTime.Today);
            using var document = JsonDocument.Parse(Answer(name).Body);
            return reader.ReadVisits(query, document.RootElement);
        }

        [Fact]
        public void The_reader_reads_every_property_of_a_real_visit()
        {
            var visits = Read(FirstPage, MatomoVisitLogQuery.Create(1, new DateTime(2023, 1, 1), new DateTime(2023, 1, 2), zone: MatomoTimeZone.Parse("Europe/Berlin")));

            Assert.Equal(new long[] { 1, 2, 3 }, visits.Select(visit => visit.VisitId));
            var second = visits[1];
            Assert.Equal(("a6c8c58c97878d88", 1, 2, 61), (second.VisitorId, second.SiteId, second.Actions!.Value, second.DurationSeconds!.Value));
            Assert.Equal(new DateTime(2023, 1, 1, 0, 54, 0, DateTimeKind.Utc), second.LastActionTime);
            Assert.Equal(new DateTime(2023, 1, 1, 0, 53, 0), second.FirstActionTime);
            Assert.Equal(new DateTime(2023, 1, 1, 1, 54, 0), second.LastActionSiteTime);
            Assert.Equal(("social", "Twitter", "https://twitter.com/"), (second.ReferrerType, second.ReferrerName, second.ReferrerUrl));
            Assert.Equal(("us", "United States", "Desktop", "Chrome", "120.0", "Windows 10"), (second.CountryCode, second.Country, second.DeviceType, second.Browser, second.BrowserVersion, second.OperatingSystem));
            Assert.Equal(("en-us", "new", 1, 0), (second.LanguageCode, second.VisitorType, second.VisitCount!.Value, second.Goals!.Value));
            Assert.Null(second.UserId);
            Assert.Null(second.Region);
            var actions = Assert.IsType<MatomoVisitActions>(second.ActionDetails);
            Assert.Equal(new[] { "https://example.org/en/", "https://example.org/en/article-3.html" }, actions.Select(action => action.Url));
            Assert.Equal(new[] { "en home", "en article 3" }, actions.Select(action => action.Title));
            Assert.Equal(new int?[] { 60, 0 }, actions.Select(action => action.TimeSpentSeconds));
            Assert.Equal(new DateTime(2023, 1, 1, 0, 53, 0), actions[0].Time);
            Assert.All(actions, action => Assert.Equal(("action", 2L), (action.Type, action.VisitId)));
            Assert.Equal("Google", visits[0].ReferrerName);
            Assert.Equal("en news", visits[0].ReferrerKeyword);
        }

        [Fact]
        public void A_real_page_of_some_columns_without_actions_leaves_the_others_empty()
        {
            var visits = Read(SomeColumns, MatomoVisitLogQuery.Create(1, new DateTime(2023, 1, 1), new DateTime(2023, 1, 2), properties: new[] { "VisitorId", "Actions" }));

            Assert.Equal(3, visits.Count);
            Assert.All(visits, visit =>
            {
                Assert.NotNull(visit.VisitorId);
                Assert.NotNull(visit.Actions);
                Assert.Null(visit.ActionDetails);
                Assert.Null(visit.Browser);
                Assert.Null(visit.FirstActionTime);
            });
            Assert.Empty(Read(Empty, MatomoVisitLogQuery.Create(1, new DateTime(2022, 6, 1), new DateTime(2022, 6, 30))));
        }

        [Fact]
        public void Matomos_minTimestamp_means_strictly_later_on_the_real_server_and_on_the_double()
        {
            var first = Read(FirstPage, MatomoVisitLogQuery.Create(1, new DateTime(2023, 1, 1), new DateTime(2023, 1, 2)));
            var next = Read(NextPage, MatomoVisitLogQuery.Create(1, new DateTime(2023, 1, 1), new DateTime(2023, 1, 2)));
            long third = MatomoVisit.ToUnixSeconds(first[2].LastActionTime);

            Assert.Equal(1672537020, third);
            Assert.All(next, visit => Assert.True(MatomoVisit.ToUnixSeconds(visit.LastActionTime) > third));
            Assert.Equal(4, next[0].VisitId);

            // The double, asked the same way for its own visits of that day.
            var query = MatomoVisitLogQuery.Create(1, new DateTime(2023, 1, 1), new DateTime(2023, 1, 2));
            using var client = _fixture.Client();
            var doubleFirst = DoublePage(client, query.ToRequest(query.Start, query.End, 3, null));
            long doubleThird = MatomoVisit.ToUnixSeconds(doubleFirst[2].LastActionTime);
            var doubleNext = DoublePage(client, query.ToRequest(query.Start, query.End, 3, doubleThird));
            Assert.All(doubleNext, visit => Assert.True(MatomoVisit.ToUnixSeconds(visit.LastActionTime) > doubleThird));
            Assert.DoesNotContain(doubleNext, visit => doubleFirst.Any(seen => seen.VisitId == visit.VisitId));
        }

        private static List<MatomoVisit> DoublePage(MatomoClient client, MatomoRequest request) =>
            client.CallAsync(request, root => root.EnumerateArray().Select(item => new MatomoVisit
            {
                VisitId = item.GetProperty("idVisit").GetInt64(),
                LastActionTime = MatomoVisit.FromUnixSeconds(item.GetProperty("lastActionTimestamp").GetInt64()),
            }).ToList()).GetAwaiter().GetResult();

        [Theory]
        [InlineData(FirstPage)]
        [InlineData(SomeColumns)]
        public async Task The_doubles_visits_hold_real_fields_in_Matomos_order_and_json_kinds(string name)
        {
            var real = Answer(name);
            var fake = await Captured.Replay(_fixture.Server.BaseUrl, real);

            Assert.Equal(real.Status, fake.Status);
            using var realJson = JsonDocument.Parse(real.Body);
            using var fakeJson = JsonDocument.Parse(fake.Body);
            var realVisit = realJson.RootElement[0];
            Assert.Equal(JsonValueKind.Array, fakeJson.RootElement.ValueKind);
            foreach (var fakeVisit in fakeJson.RootElement.EnumerateArray())
            {
                AssertSameFields(realVisit, fakeVisit, "visit");
                if (realVisit.TryGetProperty("actionDetails", out var realActions) && realActions.GetArrayLength() > 0)
                    foreach (var action in fakeVisit.GetProperty("actionDetails").EnumerateArray()) AssertSameFields(realActions[0], action, "action");
            }
        }

        /// <summary>Every field of the double's object is one of the real object's, of the same JSON kind (text may be null), in the real order.</summary>
        private static void AssertSameFields(JsonElement real, JsonElement fake, string what)
        {
            var realNames = real.EnumerateObject().Select(property => property.Name).ToList();
            int last = -1;
            foreach (var property in fake.EnumerateObject())
            {
                int at = realNames.IndexOf(property.Name);
                Assert.True(at >= 0, $"The double's {what} has '{property.Name}', which Matomo 5.1.2 does not send.");
                Assert.True(at > last, $"The double's {what} has '{property.Name}' out of Matomo's order.");
                last = at;
                var realKind = real.GetProperty(property.Name).ValueKind;
                bool text = (realKind == JsonValueKind.String || realKind == JsonValueKind.Null) && (property.Value.ValueKind == JsonValueKind.String || property.Value.ValueKind == JsonValueKind.Null);
                Assert.True(text || realKind == property.Value.ValueKind, $"The double's {what} field '{property.Name}' is {property.Value.ValueKind}, Matomo's is {realKind}.");
            }
        }
    }
}
