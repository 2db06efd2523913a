using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using FakeMatomo;

namespace MatomoPS.Tests
{
    /// <summary>
    /// The local cache of closed periods as a runbook meets it: a rerun asks nothing, only open periods are asked,
    /// -NoCache/-Refresh/-Cache Off, sites of another token, damaged entries, an unwritable folder, many runspaces, no
    /// token anywhere in the files, files only the user may read. The double's today is 2025-06-30, so with 7 settle
    /// days the periods that ended by 2025-06-22 are closed.
    /// </summary>
    public sealed class CacheTests : SessionTest
    {
        private const string Closed = "-Start 2025-05-01 -End 2025-05-31";
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "matomops-cache-test-" + Guid.NewGuid().ToString("N"));

        public CacheTests(ServerFixture fixture) : base(fixture) { }

        public override void Dispose()
        {
            base.Dispose();
            if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        }

        private void Connect(string token = FakeTokens.View, string mode = "ReadWrite", string? folder = null, PowerShellHost? shell = null)
        {
            var host = shell ?? Shell;
            host.Run("Connect-Matomo -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force) -Cache $mode -CachePath $folder",
                new Dictionary<string, object?> { ["url"] = Fixture.Server.BaseUrl, ["token"] = token, ["mode"] = mode, ["folder"] = folder ?? _folder });
            Assert.Empty(host.Errors);
        }

        /// <summary>The requests for data (series), not for the site list.</summary>
        private List<FakeRequestRecord> DataRequests(int since) =>
            Fixture.Server.Requests.Where(r => r.Number > since && r.ApiMethod != null && !r.ApiMethod.StartsWith("SitesManager.", StringComparison.Ordinal)).ToList();

        private List<string> Languages(string range, string extra = "", PowerShellHost? shell = null)
        {
            var host = shell ?? Shell;
            var rows = host.Run($"'de', 'en' | Get-MatomoLanguageVisits {range} {extra}");
            Assert.Empty(host.Errors);
            return Rows(rows).Select(row => $"{row.SiteId} {row.Series} {row.Key} {row.Label} {row.Value}").ToList();
        }

        [Fact]
        public void The_second_run_of_a_closed_range_asks_nothing_and_gives_equal_rows()
        {
            Connect();
            var first = Languages(Closed);
            int before = Fixture.Server.RequestCount;

            var second = Languages(Closed + " -Verbose");

            Assert.Empty(DataRequests(before));
            Assert.Equal(first, second);
            Assert.Contains(Shell.Verbose, line => line.Contains("93 periods of 3 series from the cache", StringComparison.Ordinal));
            var info = (MatomoPS.Client.MatomoCacheInfo)Shell.Run("Get-MatomoCacheInfo -Path $folder", new Dictionary<string, object?> { ["folder"] = _folder }).Single().BaseObject;
            // One entry per series and site for the days of May: 3.
            Assert.Equal(3, info.Entries);
            Assert.True(info.Hits >= 93);
        }

        [Fact]
        public void A_range_reaching_into_the_settle_window_asks_only_for_the_periods_not_closed_or_not_cached()
        {
            Connect();
            Languages("-Start 2025-05-01 -End 2025-06-10");
            int before = Fixture.Server.RequestCount;

            var rows = Languages("-Start 2025-05-01 -End 2025-06-30");

            // As many requests as without a cache (one per series here), each for 2025-06-11 on: June 11-22 were never
            // asked for, June 23-30 are open.
            var asked = DataRequests(before);
            Assert.Equal(3, asked.Count);
            Assert.All(asked, request => Assert.Equal("2025-06-11,2025-06-30", request.Query["date"]));
            Shell.Run("Disconnect-Matomo");
            Connect(mode: "Off");
            Assert.Equal(Languages("-Start 2025-05-01 -End 2025-06-30"), rows);
        }

        [Fact]
        public void NoCache_Refresh_and_Cache_Off_ask_the_server_and_Refresh_replaces_what_the_cache_holds()
        {
            Connect();
            var cached = Languages(Closed);

            int before = Fixture.Server.RequestCount;
            Assert.Equal(cached, Languages(Closed, "-NoCache"));
            Assert.NotEmpty(DataRequests(before));

            before = Fixture.Server.RequestCount;
            Assert.Equal(cached, Languages(Closed, "-Refresh"));
            Assert.NotEmpty(DataRequests(before));

            Shell.Run("Disconnect-Matomo");
            string other = _folder + "-off";
            Connect(mode: "Off", folder: other);
            before = Fixture.Server.RequestCount;
            Assert.Equal(cached, Languages(Closed));
            Assert.NotEmpty(DataRequests(before));
            Assert.False(Directory.Exists(other));
        }

        [Fact]
        public void A_site_the_token_may_not_view_is_refused_by_Matomo_never_served_from_the_cache()
        {
            Connect(token: FakeTokens.View);
            Languages(Closed, "-SiteId 1");
            Shell.Run("Disconnect-Matomo");
            Connect(token: FakeTokens.SiteTwoViewer);
            int before = Fixture.Server.RequestCount;

            var rows = Shell.Run($"'de' | Get-MatomoLanguageVisits {Closed} -SiteId 1");

            Assert.Empty(rows);
            Assert.Contains("may not view site 1", Assert.Single(Shell.Errors).ToString());
            Assert.Empty(DataRequests(before));
        }

        [Fact]
        public void Damaged_entries_are_dropped_and_asked_for_again_without_an_error()
        {
            Connect();
            var cached = Languages(Closed, "-SiteId 1, 2");
            var files = Directory.GetFiles(_folder, "*.json", SearchOption.AllDirectories);
            Assert.Equal(6, files.Length);
            for (int i = 0; i < files.Length; i++)
                File.WriteAllText(files[i], (i % 4) switch
                {
                    // Cut short; of another format; not JSON; our entry with a value that is not a count.
                    0 => "{\"format\":1,\"key\":\"",
                    1 => "{\"format\":99,\"key\":\"x\",\"value\":1}",
                    2 => "not json",
                    _ => File.ReadAllText(files[i]).Replace("\"value\":{", "\"value\":{\"2025-05-01\":-5,", StringComparison.Ordinal),
                });
            int before = Fixture.Server.RequestCount;

            Assert.Equal(cached, Languages(Closed, "-SiteId 1, 2"));
            Assert.NotEmpty(DataRequests(before));
            // Asked for again and kept again: the third run asks nothing.
            before = Fixture.Server.RequestCount;
            Assert.Equal(cached, Languages(Closed, "-SiteId 1, 2"));
            Assert.Empty(DataRequests(before));
        }

        [Fact]
        public void An_unwritable_folder_is_one_warning_and_the_command_goes_on_uncached()
        {
            Directory.CreateDirectory(_folder);
            string blocked = Path.Combine(_folder, "a-file");
            File.WriteAllText(blocked, "not a folder");
            Connect(folder: Path.Combine(blocked, "cache"));

            var rows = Languages(Closed);

            Assert.Equal(93, rows.Count);
            var warning = Assert.Single(Shell.Warnings);
            Assert.Contains("cannot be written", warning, StringComparison.Ordinal);
            Assert.Contains("MATOMOPS_CACHE", warning, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Eight_runspaces_on_one_cache_give_equal_rows_without_an_error()
        {
            Connect(mode: "Off", folder: _folder + "-off");
            var expected = Languages(Closed);
            var shells = Enumerable.Range(0, 8).Select(_ => new PowerShellHost(Session)).ToList();
            try
            {
                // The session's default connection is the last Connect-Matomo's: each runspace connects in turn, then all run at once.
                var results = shells.Select(shell => Task.Run(() =>
                {
                    lock (shells) Connect(shell: shell);
                    return Languages(Closed, shell: shell);
                })).ToArray();
                foreach (var result in await Task.WhenAll(results)) Assert.Equal(expected, result);
                Assert.Equal(3, Directory.GetFiles(_folder, "*.json", SearchOption.AllDirectories).Length);
                Assert.Empty(Directory.GetFiles(_folder, "*.tmp", SearchOption.AllDirectories));
            }
            finally
            {
                foreach (var shell in shells) shell.Dispose();
            }
        }

        [Fact]
        public void No_cache_file_holds_the_token_or_a_hash_of_it_and_only_the_user_may_read_them()
        {
            Connect();
            Languages(Closed);

            var token = FakeTokens.View;
            var hashes = new[] { Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))), Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(token))) };
            var files = Directory.GetFiles(_folder, "*", SearchOption.AllDirectories);
            Assert.Equal(3, files.Length);
            foreach (string file in files)
            {
                string text = File.ReadAllText(file);
                Assert.DoesNotContain(token, text, StringComparison.OrdinalIgnoreCase);
                Assert.All(hashes, hash => Assert.DoesNotContain(hash, text, StringComparison.OrdinalIgnoreCase));
                Assert.DoesNotContain(token, Path.GetFileName(file), StringComparison.OrdinalIgnoreCase);
                if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }
            if (!OperatingSystem.IsWindows())
                foreach (string folder in Directory.GetDirectories(_folder, "*", SearchOption.AllDirectories).Append(_folder))
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        }

        [Fact]
        public void Clear_MatomoCache_deletes_the_entries_it_selects()
        {
            Connect();
            Languages(Closed, "-SiteId 1, 2");
            var vars = new Dictionary<string, object?> { ["folder"] = _folder, ["url"] = Fixture.Server.BaseUrl };

            // An entry per series and site for May's days: 6. Those of site 2 hold days before May 10.
            Assert.Equal(6, Directory.GetFiles(_folder, "*.json", SearchOption.AllDirectories).Length);
            Shell.Run("Clear-MatomoCache -Path $folder -SiteId 2 -Before 2025-05-10 -Confirm:$false", vars);
            Assert.Empty(Shell.Errors);
            Assert.Equal(3, Directory.GetFiles(_folder, "*.json", SearchOption.AllDirectories).Length);
            Shell.Run("Clear-MatomoCache -Path $folder -SiteId 1 -Before 2025-05-01 -Confirm:$false", vars);
            Assert.Equal(3, Directory.GetFiles(_folder, "*.json", SearchOption.AllDirectories).Length);
            Shell.Run("Clear-MatomoCache -Path $folder -Url http://elsewhere.invalid/ -Confirm:$false", vars);
            Assert.Equal(3, Directory.GetFiles(_folder, "*.json", SearchOption.AllDirectories).Length);
            Shell.Run("Clear-MatomoCache -Path $folder -Url $url -WhatIf", vars);
            Assert.Equal(3, Directory.GetFiles(_folder, "*.json", SearchOption.AllDirectories).Length);
            Shell.Run("Clear-MatomoCache -Path $folder -Url $url -Confirm:$false", vars);
            Assert.Empty(Directory.GetFiles(_folder, "*.json", SearchOption.AllDirectories));
        }

        /// <summary>A parameter of a request, wherever the client put it.</summary>
        private static string? Parameter(FakeRequestRecord request, string name) =>
            request.Query.TryGetValue(name, out string? value) ? value : request.Body.TryGetValue(name, out value) ? value : null;

        private List<string> Report(string arguments)
        {
            var lines = Shell.Run($"Get-MatomoReport {arguments} | ConvertTo-Csv -NoTypeInformation").Select(line => line.ToString()).ToList();
            Assert.Empty(Shell.Errors);
            return lines;
        }

        [Fact]
        public void A_report_of_closed_periods_is_read_again_from_the_cache_with_equal_rows_and_only_open_periods_are_asked()
        {
            Connect();
            const string Weeks = "Actions.getPageUrls -Flat -SiteId 1, 2 -Period Week -Start 2025-05-05 -End 2025-06-01";
            var first = Report(Weeks);
            int before = Fixture.Server.RequestCount;

            var second = Report(Weeks);

            Assert.DoesNotContain(DataRequests(before), request => request.ApiMethod != "API.getReportMetadata");
            Assert.Equal(first, second);
            Assert.True(first.Count > 10);

            // May's months from the cache; June (not closed on 2025-06-30) asked for, alone.
            Report("Referrers.getReferrerType -Period Month -Start 2025-05-01 -End 2025-05-31");
            before = Fixture.Server.RequestCount;
            var months = Report("Referrers.getReferrerType -Period Month -Start 2025-05-01 -End 2025-06-30");
            var asked = Assert.Single(DataRequests(before), request => request.ApiMethod == "Referrers.getReferrerType");
            Assert.StartsWith("2025-06-01", Parameter(asked, "date"), StringComparison.Ordinal);
            Shell.Run("Disconnect-Matomo");
            Connect(mode: "Off", folder: _folder + "-off");
            Assert.Equal(Report("Referrers.getReferrerType -Period Month -Start 2025-05-01 -End 2025-06-30"), months);
        }

        [Fact]
        public void A_report_is_asked_again_with_NoCache_Refresh_and_for_a_Range_and_its_file_holds_no_token()
        {
            Connect();
            const string May = "UserCountry.getCountry -Period Day -Start 2025-05-01 -End 2025-05-07";
            var cached = Report(May);
            foreach (string extra in new[] { " -NoCache", " -Refresh" })
            {
                int before = Fixture.Server.RequestCount;
                Assert.Equal(cached, Report(May + extra));
                Assert.Contains(DataRequests(before), request => request.ApiMethod == "UserCountry.getCountry");
            }
            Report("UserCountry.getCountry -Period Range -Start 2025-05-01 -End 2025-05-07");
            int beforeRange = Fixture.Server.RequestCount;
            Report("UserCountry.getCountry -Period Range -Start 2025-05-01 -End 2025-05-07");
            Assert.Contains(DataRequests(beforeRange), request => request.ApiMethod == "UserCountry.getCountry");
            Assert.All(Directory.GetFiles(_folder, "*.json", SearchOption.AllDirectories),
                file => Assert.DoesNotContain(FakeTokens.View, File.ReadAllText(file), StringComparison.OrdinalIgnoreCase));
        }
    }
}
