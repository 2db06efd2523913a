using System;
using System.Linq;
using System.Reflection;
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
