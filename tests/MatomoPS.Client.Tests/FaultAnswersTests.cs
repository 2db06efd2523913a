using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using FakeMatomo;

namespace MatomoPS.Client.Tests
{
    /// <summary>
    /// Holds the double's fault switches to a real Matomo 5.1.2 in the same state (tests/data/realmatomo/faults, made by
    /// capture-faults.sh): its database stopped, maintenance mode, the address locked out, browser-triggered archiving
    /// off with a segment it never processed (Matomo's guard for a single request with the segment in the URL, zeros
    /// everywhere else), and its visit log with or without the Live plugin. Each captured question is asked of a double
    /// of its own in that state and must get the same status, content type and message; a 0 of the real answer must be
    /// a 0 of the double's (other numbers depend on data).
    /// </summary>
    public sealed class FaultAnswersTests
    {
        public static IEnumerable<object[]> EveryFault() => Captured.Read("faults").Select(answer => new object[] { answer.Name });

        [Theory]
        [MemberData(nameof(EveryFault))]
        public async Task The_double_in_the_same_state_answers_as_the_real_server(string name)
        {
            var real = Captured.Find(name);
            using var server = FakeMatomoServer.Start(FakeServerFixture.ServerToday);
            Enter(server.Api, name);

            var fake = await Captured.Replay(server.BaseUrl, real.HttpMethod, OnTheDouble(real.Query), real.RequestBody is null ? null : OnTheDouble(real.RequestBody));

            Assert.Equal((real.Status, real.MediaType), (fake.Status, fake.MediaType));
            if (real.MediaType == "text/html")
            {
                Assert.Equal(Captured.HtmlText(real.Body, "title"), Captured.HtmlText(fake.Body, "title"));
                string tag = real.Body.Contains("<h2>") ? "h2" : "p";
                Assert.Equal(Captured.HtmlText(real.Body, tag), Captured.HtmlText(fake.Body, tag));
                return;
            }
            var differences = new List<string>();
            Compare(JsonDocument.Parse(real.Body).RootElement, JsonDocument.Parse(fake.Body).RootElement, "$", differences);
            Assert.True(differences.Count == 0, $"The double's answer to {name} differs from the real one:\n{string.Join("\n", differences)}\nreal: {Captured.Cut(real.Body)}\ndouble: {Captured.Cut(fake.Body)}");
        }

        [Fact]
        public void The_guard_fires_only_where_the_segment_is_in_the_url_of_a_single_request_for_one_site()
        {
            static bool Guarded(string file) => Captured.Find(file).Body.Contains(FakeMatomoApi.UnprocessedSegmentMessage.Substring(0, 60));

            Assert.True(Guarded("archiving-off__segment-in-query__VisitsSummary.getVisits.json"));
            Assert.True(Guarded("archiving-off__segment-in-query_week__VisitsSummary.getVisits.json"));
            Assert.False(Guarded("archiving-off__segment-in-body__VisitsSummary.getVisits.json"));
            Assert.False(Guarded("archiving-off__two-sites-in-query__VisitsSummary.getVisits.json"));
            Assert.False(Guarded("archiving-off__bulk__VisitsSummary.getVisits.json"));
            // Reports too: the guard for one site, empty tables for two.
            Assert.True(Guarded("archiving-off__segment-in-query__Actions.getPageUrls.json"));
            Assert.False(Guarded("archiving-off__two-sites-in-query__Actions.getPageUrls.json"));
            // A segment that matches no visit is not refused: its zeros are counts.
            Assert.False(Guarded("archiving-off__no-match-in-query__VisitsSummary.getVisits.json"));
            Assert.Equal("[]", Captured.Find("archiving-off__Live.getLastVisitsDetails__segment-without-visits.json").Body);
            Assert.NotEqual("[]", Captured.Find("archiving-off__Live.getLastVisitsDetails__segment-with-visits.json").Body);
        }

        private static void Enter(FakeMatomoApi api, string name)
        {
            if (name.StartsWith("database-down__")) api.DatabaseDown = true;
            else if (name.StartsWith("maintenance__")) api.MaintenanceMode = true;
            else if (name.StartsWith("locked-out__")) api.LockOut();
            else if (name.StartsWith("archiving-off__")) api.BrowserArchiving = false;
            else if (name.StartsWith("Live-deactivated__")) api.LiveDisabled = true;
            else Assert.Fail($"faults/{name}: no state of the double is known for it.");
        }

        // The real server's segment is pageUrl=@/fa/article-3 (its pages are /fa/article-N.html); the double's fa pages
        // are /fa/page-N/, so its segment with visits is pageUrl=@/fa/; the one without visits stays without.
        private static string OnTheDouble(string text) => text.Replace("fa%252Farticle-3", "fa%252F").Replace("fa%25252Farticle-3", "fa%25252F");

        private static void Compare(JsonElement real, JsonElement fake, string path, List<string> differences)
        {
            if (real.ValueKind != fake.ValueKind)
            {
                differences.Add($"{path}: a {real.ValueKind} but the double: a {fake.ValueKind}");
                return;
            }
            switch (real.ValueKind)
            {
                case JsonValueKind.Object:
                    var names = real.EnumerateObject().Select(p => p.Name).ToArray();
                    var fakeNames = fake.EnumerateObject().Select(p => p.Name).ToArray();
                    if (!names.SequenceEqual(fakeNames)) differences.Add($"{path}: keys {string.Join(",", names)} but the double: {string.Join(",", fakeNames)}");
                    else foreach (var property in real.EnumerateObject()) Compare(property.Value, fake.GetProperty(property.Name), path + "." + property.Name, differences);
                    break;
                case JsonValueKind.Array:
                    if (real.GetArrayLength() != fake.GetArrayLength()) differences.Add($"{path}: {real.GetArrayLength()} entries but the double: {fake.GetArrayLength()}");
                    else for (int i = 0; i < real.GetArrayLength(); i++) Compare(real[i], fake[i], $"{path}[{i}]", differences);
                    break;
                case JsonValueKind.String:
                    if (real.GetString() != fake.GetString()) differences.Add($"{path}: '{real.GetString()}' but the double: '{fake.GetString()}'");
                    break;
                case JsonValueKind.Number:
                    if (real.GetRawText() == "0" && fake.GetRawText() != "0") differences.Add($"{path}: 0 but the double: {fake.GetRawText()}");
                    break;
            }
        }
    }
}
