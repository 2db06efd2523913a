using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Tests
{
    /// <summary>Get-MatomoVisitLog as a user runs it: rows, settling, resuming with a state file, -Expand, output for CSV, bad input.</summary>
    public sealed class VisitLogCommandTests : SessionTest
    {
        private const string Day = "-Start 2025-06-29 -End 2025-06-29";
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "matomops-visitlog-" + Guid.NewGuid().ToString("N"));

        public VisitLogCommandTests(ServerFixture fixture) : base(fixture)
        {
            ConnectTo();
            Directory.CreateDirectory(_folder);
        }

        public override void Dispose()
        {
            base.Dispose();
            Directory.Delete(_folder, recursive: true);
        }

        private static MatomoVisit[] Visits(IEnumerable<PSObject> output) => output.Select(o => (MatomoVisit)o.BaseObject).ToArray();

        private Dictionary<string, object?> State(string name = "state.json") => new() { ["state"] = Path.Combine(_folder, name) };

        [Fact]
        public void Each_visit_is_a_typed_row_oldest_first_with_its_cursor()
        {
            var visits = Visits(Shell.Run($"Get-MatomoVisitLog {Day} -PageSize 25"));

            Assert.Empty(Shell.Errors);
            Assert.True(visits.Length > 25, $"{visits.Length} visits");
            Assert.Equal(visits.Length, visits.Select(visit => visit.VisitId).Distinct().Count());
            Assert.Equal(visits.OrderBy(visit => visit.LastActionTime).Select(visit => visit.VisitId), visits.Select(visit => visit.VisitId));
            Assert.All(visits, visit => Assert.Equal(visit.SiteId + ":", visit.Cursor.Substring(0, 2)));
            Assert.Contains(Shell.Progress, record => record.StatusDescription.StartsWith("Visits up to", StringComparison.Ordinal));
        }

        [Fact]
        public void Visits_of_the_last_hour_are_left_for_the_next_run_unless_IncludeOpen()
        {
            // The session's clock says 2025-06-30 12:00 UTC.
            var settled = Visits(Shell.Run("Get-MatomoVisitLog -Start 2025-06-30 -End 2025-06-30"));
            var open = Visits(Shell.Run("Get-MatomoVisitLog -Start 2025-06-30 -End 2025-06-30 -IncludeOpen"));
            var shorter = Visits(Shell.Run("Get-MatomoVisitLog -Start 2025-06-30 -End 2025-06-30 -SettleTime 06:00:00"));

            Assert.NotEmpty(settled);
            Assert.All(settled, visit => Assert.True(visit.LastActionTime < new DateTime(2025, 6, 30, 11, 0, 0)));
            Assert.All(shorter, visit => Assert.True(visit.LastActionTime < new DateTime(2025, 6, 30, 6, 0, 0)));
            Assert.Contains(open, visit => visit.LastActionTime >= new DateTime(2025, 6, 30, 11, 0, 0));
            Assert.Equal(settled.Select(visit => visit.VisitId), open.Take(settled.Length).Select(visit => visit.VisitId));
        }

        [Fact]
        public void A_state_file_lets_a_run_go_on_after_the_last_visit_the_first_one_wrote()
        {
            var whole = Visits(Shell.Run($"Get-MatomoVisitLog {Day}"));

            var first = Visits(Shell.Run($"Get-MatomoVisitLog {Day} -PageSize 7 -First 10 -StatePath $state", State()));
            string saved = File.ReadAllText(Path.Combine(_folder, "state.json"));
            var rest = Visits(Shell.Run($"Get-MatomoVisitLog {Day} -PageSize 7 -StatePath $state", State()));
            var nothing = Visits(Shell.Run($"Get-MatomoVisitLog {Day} -StatePath $state", State()));

            Assert.Empty(Shell.Errors);
            Assert.Equal(10, first.Length);
            Assert.Contains($"\"Cursor\": \"{first[9].Cursor}\"", saved);
            Assert.DoesNotContain(FakeTokens.View, saved);
            Assert.Equal(whole.Select(visit => visit.VisitId), first.Concat(rest).Select(visit => visit.VisitId));
            Assert.Empty(nothing);
            Assert.Single(Directory.GetFiles(_folder));
        }

        [Fact]
        public void A_pipeline_that_Select_Object_stops_leaves_the_cursor_of_the_last_row_it_took()
        {
            var taken = Visits(Shell.Run($"Get-MatomoVisitLog {Day} -PageSize 4 -StatePath $state | Select-Object -First 6", State()));
            var rest = Visits(Shell.Run($"Get-MatomoVisitLog {Day} -PageSize 4 -After $after", new Dictionary<string, object?> { ["after"] = taken[5].Cursor }));
            var resumed = Visits(Shell.Run($"Get-MatomoVisitLog {Day} -StatePath $state", State()));

            Assert.Equal(6, taken.Length);
            Assert.Equal(rest.Select(visit => visit.VisitId), resumed.Select(visit => visit.VisitId));
            Assert.DoesNotContain(resumed, visit => taken.Any(done => done.VisitId == visit.VisitId));
        }

        [Fact]
        public void Expand_Actions_writes_one_row_per_action_with_its_visit()
        {
            var visits = Visits(Shell.Run($"Get-MatomoVisitLog {Day}"));
            var actions = Shell.Run($"Get-MatomoVisitLog {Day} -Expand Actions").Select(o => (MatomoVisitAction)o.BaseObject).ToArray();

            Assert.Equal(visits.Sum(visit => visit.Actions), actions.Length);
            Assert.Equal(visits.Select(visit => visit.VisitId), actions.Select(action => action.VisitId).Distinct());
            Assert.All(actions, action => Assert.Equal(visits.Single(visit => visit.VisitId == action.VisitId).Cursor, action.Cursor));
        }

        [Fact]
        public void Rows_are_flat_for_csv_and_nested_for_json()
        {
            var csv = Shell.Run($"Get-MatomoVisitLog {Day} -First 3 | ConvertTo-Csv -NoTypeInformation").Select(o => o.ToString()).ToList();
            var json = string.Join("", Shell.Run($"Get-MatomoVisitLog {Day} -First 1 | ConvertTo-Json -Depth 3").Select(o => o.ToString()));

            Assert.Equal(4, csv.Count);
            Assert.StartsWith("\"SiteId\",\"VisitId\",\"VisitorId\"", csv[0]);
            Assert.Contains("https://demo.example.org/", csv[1]);
            Assert.DoesNotContain("System.", string.Join("\n", csv));
            Assert.Contains("\"ActionDetails\": [", json);
            Assert.Contains("\"Position\": 1", json);
        }

        [Theory]
        [InlineData("-SettleTime -01:00:00", "negative")]
        [InlineData("-SettleTime 3600", "read as ticks")]
        [InlineData("-IncludeOpen -SettleTime 02:00:00", "give one of them")]
        [InlineData("-After 1:xyz:3", "not a cursor")]
        [InlineData("-After 2:1751241600:3", "site 2, not of site 1")]
        [InlineData("-Property VisitId, Colour", "'Colour' is not a property of a visit")]
        [InlineData("-Segment ' '", "blank")]
        [InlineData("-Start 2025-06-30 -End 2025-06-01", "")]
        [InlineData("-StatePath ./no-such-folder/state.json", "does not exist")]
        public void Bad_input_is_refused_before_any_visit_log_request(string arguments, string says)
        {
            Fixture.Server.ClearRequests();

            Shell.Run($"Get-MatomoVisitLog {arguments}");

            var error = Assert.Single(Shell.Errors);
            Assert.Equal("MatomoInvalidArgument,MatomoPS.GetMatomoVisitLogCommand", error.FullyQualifiedErrorId);
            Assert.Contains(says, error.Exception.Message);
            Assert.Empty(Fixture.Server.VisitLogRequests);
        }

        [Fact]
        public void A_state_file_of_another_segment_or_one_that_cannot_be_read_is_refused_before_any_request()
        {
            Shell.Run($"Get-MatomoVisitLog {Day} -First 2 -StatePath $state", State());
            File.WriteAllText(Path.Combine(_folder, "broken.json"), "{ not json");
            Fixture.Server.ClearRequests();

            Shell.Run($"Get-MatomoVisitLog {Day} -Segment 'browserCode==FF' -StatePath $state", State());
            var segment = Assert.Single(Shell.Errors);
            Shell.Run($"Get-MatomoVisitLog {Day} -StatePath $state", State("broken.json"));
            var broken = Assert.Single(Shell.Errors);

            Assert.Contains("give each segment its own state file", segment.Exception.Message);
            Assert.Contains("cannot be read", broken.Exception.Message);
            Assert.Empty(Fixture.Server.VisitLogRequests);
        }
    }
}
