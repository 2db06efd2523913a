using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// Test-MatomoHealth: is tracking and archiving healthy? One object per site (every site the token may view unless
    /// -SiteId says which), Ok, Warning or Failing, with the reason and the checks behind it: the latest visit against
    /// -MaxSilence, the tracking failures Matomo recorded, each day's archived visits against the visit log, and the
    /// server. With -FailOn the command ends in an error naming the sites at or beyond that status, after writing them
    /// all, so a runbook's exit code follows the status.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "MatomoHealth")]
    [OutputType(typeof(MatomoSiteHealth))]
    public sealed class TestMatomoHealthCommand : MatomoCmdlet
    {
        private readonly MatomoSiteSelection _sites;
        private readonly List<MatomoSiteHealth> _written = new List<MatomoSiteHealth>();

        /// <summary>A command with its parts.</summary>
        public TestMatomoHealthCommand() => _sites = new MatomoSiteSelection(this);

        /// <summary>The sites to check: numbers, or objects with a SiteId, Id or idsite property, also from the pipeline; default: every site the token may view.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "idsite")]
        [ValidateNotNullOrEmpty]
        [ValidateRange(1, int.MaxValue)]
        [ArgumentCompleter(typeof(SiteIdCompleter))]
        public int[]? SiteId { get; set; }

        /// <summary>The connections to use (Connect-Matomo -PassThru), also from the pipeline; default: the current connection.</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public MatomoConnection[]? Connection { get; set; }

        /// <summary>The first day whose archiving is checked; default: the day before -End.</summary>
        [Parameter]
        [CalendarDate]
        public DateTime? Start { get; set; }

        /// <summary>
        /// The last day whose archiving is checked; default: yesterday in each site's time zone. Given, the tracking
        /// check also looks back from the end of that day instead of from now.
        /// </summary>
        [Parameter]
        [CalendarDate]
        public DateTime? End { get; set; }

        /// <summary>The longest time since the latest visit before tracking is a warning; default: one day.</summary>
        [Parameter]
        public TimeSpan MaxSilence { get; set; } = MatomoHealthOptions.DefaultMaxSilence;

        /// <summary>The checks to run; default: all (LatestVisit, TrackingFailures, Archiving, Server).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SingleEnumValue(typeof(MatomoHealthCheckName), Many = true)]
        public MatomoHealthCheckName[]? Check { get; set; }

        /// <summary>Ends the command with an error naming the sites whose status is this or worse (Warning or Failing), after writing every site.</summary>
        [Parameter]
        [SingleEnumValue(typeof(MatomoHealthStatus))]
        [ValidateSet(nameof(MatomoHealthStatus.Warning), nameof(MatomoHealthStatus.Failing))]
        public MatomoHealthStatus? FailOn { get; set; }

        /// <summary>The most requests in flight at once, over every connection.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = MatomoConnectionScope.DefaultThrottleLimit;

        /// <summary>Gathers the connections and sites of each pipeline input.</summary>
        protected override Task ProcessRecordAsync()
        {
            Connections.Gather(Connection);
            _sites.Gather(SiteId);
            return Task.CompletedTask;
        }

        /// <summary>Checks the input, then every connection's sites, and writes each site's health in the order asked.</summary>
        protected override async Task EndProcessingAsync()
        {
            CheckInput();
            var checks = Check?.Distinct().ToArray() ?? (MatomoHealthCheckName[])Enum.GetValues(typeof(MatomoHealthCheckName));
            await Connections.ForEachAsync(async connection =>
            {
                var client = ClientOf(connection);
                var sites = await SitesOf(connection, client).ConfigureAwait(false);
                var report = await client.TestHealthAsync(new MatomoHealthOptions
                {
                    Sites = sites, Start = Start, End = End, MaxSilence = MaxSilence, Checks = checks, Now = Session.Now, ThrottleLimit = ThrottleLimit,
                }, Cancellation).ConfigureAwait(false);
                foreach (var failure in report.Failures) QueueError(CheckNotRun(failure, connection, report.Sites));
                lock (_written) _written.AddRange(report.Sites);
                return report.Sites;
            }).ConfigureAwait(false);
        }

        /// <summary>Writes every site, then ends in an error when -FailOn finds sites at or beyond its status.</summary>
        protected override void EndProcessing()
        {
            base.EndProcessing();
            if (FailOn is not MatomoHealthStatus level) return;
            var failed = _written.Where(site => site.Status >= level).ToList();
            if (failed.Count == 0) return;
            string list = string.Join("; ", failed.Select(site => $"site {site.SiteId} ({site.Name}) is {site.Status}: {site.Reason}"));
            string message = $"{failed.Count} of {_written.Count} site{(_written.Count == 1 ? string.Empty : "s")} {(failed.Count == 1 ? "is" : "are")} {level} or worse: {list}";
            ThrowTerminatingError(new ErrorRecord(new MatomoHealthException(message, failed), "MatomoHealth" + level, ErrorCategory.InvalidResult, failed.Select(site => site.SiteId).ToArray())
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Read each site's Reason and Checks (Test-MatomoHealth | Select-Object -ExpandProperty Checks)." },
            });
        }

        /// <summary>
        /// The error of a check the server refused, which the command survives: the server's words, the checks left
        /// <c>NotChecked</c> by it, and (for a refusal of access) the way out.
        /// </summary>
        private ErrorRecord CheckNotRun(MatomoException failure, MatomoConnection connection, IReadOnlyList<MatomoSiteHealth> sites)
        {
            var names = sites.SelectMany(site => site.Checks).Where(check => check.Status == MatomoCheckStatus.NotChecked && check.Detail.Contains(failure.Message))
                .GroupBy(check => check.Name).Select(group => $"{group.Key} of site{(group.Count() == 1 ? string.Empty : "s")} {string.Join(", ", group.Select(check => check.SiteId).Distinct())}")
                .ToList();
            string note = names.Count == 0 ? "Test-MatomoHealth could not run a check." : $"Test-MatomoHealth could not check {string.Join("; ", names)} (NotChecked).";
            var record = MatomoErrorRecords.Record(failure, failure.ApiMethod,
                new MatomoErrorRecords.Context(MyInvocation.MyCommand.Name, connection.IsFromEnvironment, note, Connections.FansOut ? connection.ToString() : null));
            if (failure.Kind == MatomoErrorKind.Access)
                record.ErrorDetails.RecommendedAction = "Use a token with admin access to these sites for that check, or leave it out: -Check LatestVisit, Archiving, Server.";
            return record;
        }

        /// <summary>Bad input is refused before any request.</summary>
        private void CheckInput()
        {
            if (MaxSilence <= TimeSpan.Zero)
                throw new MatomoArgumentException($"-MaxSilence must be longer than zero, such as (New-TimeSpan -Hours 6); it is {MaxSilence}.");
            // The latest day anywhere on earth (UTC+14): a later one is in the future for every site.
            var latestToday = Session.Now.ToOffset(TimeSpan.FromHours(14)).Date;
            if (End > latestToday || Start > latestToday)
                throw new MatomoArgumentException($"-{(End > latestToday ? "End" : "Start")} is in the future; the days checked must have begun (default: yesterday in each site's time zone).");
            var end = End ?? latestToday.AddDays(-1);
            if (Start > end)
                throw new MatomoArgumentException(End.HasValue
                    ? $"-Start ({Start:yyyy-MM-dd}) is after -End ({End:yyyy-MM-dd})."
                    : $"-Start ({Start:yyyy-MM-dd}) is after yesterday, the default -End; give -End too.");
            if (Start.HasValue && (end - Start.Value).Days + 1 > MatomoHealthOptions.MaxDays)
                throw new MatomoArgumentException($"-Start to -End covers {(end - Start.Value).Days + 1} days; check at most {MatomoHealthOptions.MaxDays} at once (each day is a look at the visit log for every site).");
        }

        /// <summary>The sites to check, with their time zones: those of -SiteId (refused before any request for them when the token may not view them), else every site the token may view.</summary>
        private async Task<IReadOnlyList<MatomoSite>> SitesOf(MatomoConnection connection, MatomoClient client)
        {
            IReadOnlyList<MatomoSite> sites = connection.Sites;
            if (_sites.Given.Count > 0)
            {
                var ids = await _sites.ForAsync(connection).ConfigureAwait(false);
                // A site made since connecting is not in the connection's list: the server's list has it.
                var known = ids.All(id => connection.Sites.Any(site => site.SiteId == id)) ? connection.Sites : await client.GetSitesAsync(Cancellation).ConfigureAwait(false);
                sites = ids.Select(id => known.First(site => site.SiteId == id)).ToList();
            }
            foreach (var site in sites.Where(site => !MatomoTimeZone.Parse(site.Timezone).IsKnown))
                QueueWarning($"The time zone '{site.Timezone}' of site {site.SiteId} is not known on this machine: its days and its latest visit count in UTC, which may be off by the zone's offset.");
            return sites;
        }
    }
}
