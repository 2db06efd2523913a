using System;
using System.Linq;
using System.Reflection;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Client.Tests
{
    /// <summary>What a C# user of the client holds: the client's own failures to fake, and nothing of its inner workings.</summary>
    public sealed class PublicSurfaceTests
    {
        [Fact]
        public void A_caller_builds_the_clients_exception_to_fake_its_failures()
        {
            var error = new MatomoException(MatomoErrorKind.DatabaseUnavailable, "Matomo cannot reach its database.", "VisitsSummary.getVisits",
                httpStatus: 500, attempts: 4, transient: true, series: "de");

            Assert.Equal(MatomoErrorKind.DatabaseUnavailable, error.Kind);
            Assert.Equal("VisitsSummary.getVisits", error.ApiMethod);
            Assert.Equal(500, error.HttpStatus);
            Assert.Equal(4, error.Attempts);
            Assert.True(error.IsTransient);
            Assert.Equal("de", error.Series);
            Assert.Null(error.ServerMessage);
        }

        [Fact]
        public async Task Callers_of_one_client_each_hear_of_their_own_requests_only()
        {
            using var server = FakeMatomoServer.Start(FakeServerFixture.ServerToday);
            using var shared = FakeServerFixture.NewClient(server.BaseUrl);
            var first = new ConcurrentQueue<string>();
            var second = new ConcurrentQueue<string>();

            await shared.WithLog(first.Enqueue).GetSiteIdsAsync();
            await shared.WithLog(second.Enqueue).GetReportMetadataAsync(1);

            Assert.Contains(first, line => line.StartsWith("POST SitesManager.getSitesIdWithAtLeastViewAccess"));
            Assert.DoesNotContain(first, line => line.Contains("API.getReportMetadata"));
            Assert.Contains(second, line => line.StartsWith("POST API.getReportMetadata"));
            Assert.DoesNotContain(second, line => line.Contains("SitesManager"));
            // A caller's client shares the connections: disposing it leaves the shared client working.
            shared.WithLog(null).Dispose();
            Assert.Equal(new[] { 1, 2, 3 }, await shared.GetSiteIdsAsync());
        }

        [Theory]
        [InlineData("MatomoPS.Client.MatomoBatchPlan")]
        [InlineData("MatomoPS.Client.MatomoPageFolders")]
        public void The_inner_workings_of_one_command_are_not_public(string type) =>
            Assert.False(typeof(MatomoClient).Assembly.GetType(type, throwOnError: true)!.IsPublic);

        [Fact]
        public void The_client_shows_no_member_of_the_page_folder_feature_nor_a_shared_semaphore()
        {
            Assert.DoesNotContain(typeof(MatomoClient).GetMethods(BindingFlags.Public | BindingFlags.Instance), method => method.Name.Contains("Folder"));
            Assert.Null(typeof(MatomoFetchOptions).GetProperty("SharedThrottle", BindingFlags.Public | BindingFlags.Instance));
            Assert.Equal(new[] { "Resolve" }, typeof(MatomoEndpoint).GetMethods(BindingFlags.Public | BindingFlags.Static).Select(method => method.Name));
        }
    }
}
