# Get-MatomoVisitLog against a real Matomo: the visit log of the kit's site 1 for Q1 2023 equals the visits in its
# database (also in pages of 7 and with a segment); visits tracked during an export (into a site of this file's own,
# deleted at the end) appear once or are left for the next run, across an export interrupted and resumed; a page the
# server runs out of memory on (a loopback fault proxy in front of the real server) is asked for again smaller.
# The database checks run only where MATOMOPS_IT_KIT_RUN_DIR names the kit (they read its MariaDB through its socket).
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'IntegrationHelpers.ps1')
    . (Join-Path $PSScriptRoot 'KitHelpers.ps1')
    $kit = Get-ItKit
    $KitSkip = $kit -is [string]
    $KitNote = if ($KitSkip) { " (skipped: $kit)" } else { '' }
    $ServerSkip = -not (Get-ItSettings)
    $ServerNote = if ($ServerSkip) { ' (skipped: MATOMOPS_IT_URL and MATOMOPS_IT_TOKEN are not set)' } else { '' }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'IntegrationHelpers.ps1')
    . (Join-Path $PSScriptRoot 'KitHelpers.ps1')
    Import-Module $env:MATOMOPS_MODULE -Force
    $script:Kit = Get-ItKit
    $script:Settings = Get-ItSettings

    # The ids of the visits of a site in the kit's database whose last action lies in [From, To) (UTC), optionally only
    # those with a page whose URL holds $UrlPart: what Matomo's log holds, read without Matomo.
    function Get-KitVisitIds([int] $SiteId, [string] $From, [string] $To, [string] $UrlPart) {
        $sql = "SELECT DISTINCT v.idvisit FROM matomo_log_visit v"
        if ($UrlPart) {
            $sql += " JOIN matomo_log_link_visit_action l ON l.idvisit = v.idvisit JOIN matomo_log_action a ON a.idaction = l.idaction_url"
        }
        $sql += " WHERE v.idsite = $SiteId AND v.visit_last_action_time >= '$From' AND v.visit_last_action_time < '$To'"
        if ($UrlPart) { $sql += " AND a.name LIKE '%$UrlPart%'" }
        $ids = & mariadb --socket (Join-Path $script:Kit.RunDir 'mysqld.sock') -u root -N -B matomo -e $sql
        if ($LASTEXITCODE -ne 0) { throw "Reading the kit's database failed (exit code $LASTEXITCODE)." }
        @($ids | ForEach-Object { [long]$_ } | Sort-Object)
    }

    function Connect-ItSuperUser([int] $SiteId) {
        Connect-Matomo -Url $script:Settings.Url -Token (ConvertTo-ItSecureString $script:Settings.Token) -SiteId $SiteId
    }
}

AfterAll {
    Disconnect-Matomo -ErrorAction Ignore
}

Describe "The visit log of the kit's site 1 in Q1 2023$KitNote" -Skip:$KitSkip {
    BeforeAll {
        Connect-ItSuperUser -SiteId 1
        $script:Expected = Get-KitVisitIds -SiteId 1 -From '2023-01-01' -To '2023-04-01'
    }

    It 'holds exactly the visits of the database, each once, oldest first' {
        $rows = @(Get-MatomoVisitLog -Start 2023-01-01 -End 2023-03-31)

        $script:Expected.Count | Should -Be 1390
        ($rows.VisitId | Sort-Object) | Should -Be $script:Expected
        $rows.Count | Should -Be $script:Expected.Count
        $times = $rows.LastActionTime
        (Compare-Object $times ($times | Sort-Object) -SyncWindow 0) | Should -BeNullOrEmpty
        $rows[0].SiteId | Should -Be 1
        $rows[0].LastActionSiteTime | Should -Be $rows[0].LastActionTime
    }

    It 'holds the same visits in pages of 7' {
        $rows = @(Get-MatomoVisitLog -Start 2023-01-01 -End 2023-03-31 -PageSize 7)

        ($rows.VisitId | Sort-Object) | Should -Be $script:Expected
        $rows.Count | Should -Be $script:Expected.Count
    }

    It 'holds with a segment exactly the visits that have such a page' {
        $expected = Get-KitVisitIds -SiteId 1 -From '2023-01-01' -To '2023-04-01' -UrlPart '/de/'

        $rows = @(Get-MatomoVisitLog -Start 2023-01-01 -End 2023-03-31 -Segment 'pageUrl=@/de/' -PageSize 50)

        $expected.Count | Should -Be 360
        ($rows.VisitId | Sort-Object) | Should -Be $expected
        $rows.Count | Should -Be $expected.Count
    }

    It 'gives one row per action with -Expand Actions, as many as the visits have' {
        $visits = @(Get-MatomoVisitLog -Start 2023-01-01 -End 2023-01-01)
        $actions = @(Get-MatomoVisitLog -Start 2023-01-01 -End 2023-01-01 -Expand Actions)

        $visits.Count | Should -Be 7
        $actions.Count | Should -Be 11
        ($actions | Group-Object VisitId | ForEach-Object Count) | Should -Be ($visits | ForEach-Object Actions)
        $actions[0].Url | Should -Be 'https://example.org/en/'
    }

    It 'gives a range without visits as no rows and no error' {
        $rows = @(Get-MatomoVisitLog -Start 2022-06-01 -End 2022-06-30 -ErrorVariable failed)

        $rows.Count | Should -Be 0
        $failed.Count | Should -Be 0
    }

    It 'writes flat rows that Export-Csv takes, one line per visit' {
        $path = Join-Path $TestDrive 'visits.csv'
        Get-MatomoVisitLog -Start 2023-01-01 -End 2023-01-31 | Export-Csv $path -NoTypeInformation

        $lines = @(Import-Csv $path)
        $lines.Count | Should -Be 469
        $lines[1].ActionDetails | Should -BeLike 'https://example.org/*'
        $lines[0].Cursor | Should -Match '^1:\d+:\d+$'
    }
}

Describe "The visit log with a viewer token$ServerNote" -Skip:($ServerSkip -or -not $env:MATOMOPS_IT_TOKEN_VIEWER) {
    It 'is refused for a site the viewer may not view, naming the site, before any visit-log request' {
        Connect-Matomo -Url $script:Settings.Url -Token (ConvertTo-ItSecureString $env:MATOMOPS_IT_TOKEN_VIEWER)

        $result = Invoke-ItCommand { Get-MatomoVisitLog -SiteId 1 -Start 2023-01-01 -End 2023-01-31 -Verbose }

        $result.Output | Should -BeNullOrEmpty
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].CategoryInfo.Category | Should -Be PermissionDenied
        $result.Errors[0].Exception.Message | Should -BeLike '*site 1*'
        ($result.Verbose -match 'Live.getLastVisitsDetails') | Should -BeNullOrEmpty
    }
}

Describe "Visits tracked during an export$ServerNote" -Skip:$ServerSkip {
    BeforeAll {
        $script:SiteId = [int](Invoke-ItApi SitesManager.addSite @{
                siteName    = "MatomoPS visit log test $([guid]::NewGuid().ToString('N').Substring(0, 8))"
                'urls[0]'   = 'https://visitlog.matomops-it.test'
                timezone    = 'UTC'
                currency    = 'EUR'
                startDate   = [datetime]::UtcNow.AddDays(-7).ToString('yyyy-MM-dd')
            }).value
        $script:Now = [datetime]::UtcNow
        $script:Number = 0

        # Tracks one visit per time given (UTC; pages one second apart end at that time): matomo.php in bulk, with
        # token_auth for cdt. Returns nothing; Matomo's answer must count every request.
        function Send-Visits([datetime[]] $LastActions, [int] $Pages = 2) {
            $requests = foreach ($at in $LastActions) {
                $script:Number++
                $visitor = -join ([Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes("visitlog $script:SiteId $script:Number"))[0..7] | ForEach-Object { $_.ToString('x2') })
                for ($i = 0; $i -lt $Pages; $i++) {
                    $query = [ordered]@{
                        idsite = $script:SiteId; rec = 1; url = "https://visitlog.matomops-it.test/page-$i.html"; action_name = "page $i"
                        cdt = ConvertTo-UnixTime $at.AddSeconds($i - $Pages + 1); cid = $visitor; cip = "2001:db8:7::$($script:Number)"
                        ua = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0'
                    }
                    if ($i -eq 0) { $query.new_visit = 1 }
                    '?' + (($query.GetEnumerator() | ForEach-Object { "$($_.Key)=$([uri]::EscapeDataString([string]$_.Value))" }) -join '&')
                }
            }
            $body = @{ requests = @($requests); token_auth = $script:Settings.Token } | ConvertTo-Json -Compress
            $answer = Invoke-RestMethod -Method Post -Uri "$($script:Settings.Url)matomo.php" -Body $body -ContentType 'application/json'
            if ($answer.tracked -ne @($requests).Count) { throw "Matomo did not take every tracking request: $($answer | ConvertTo-Json -Compress)" }
        }

        # Every visit of the site as Matomo's own log lists it, by id (without MatomoPS).
        function Get-LoggedVisits {
            $all = Invoke-ItApi Live.getLastVisitsDetails @{ idSite = $script:SiteId; period = 'range'; date = "$($script:Now.AddDays(-3).ToString('yyyy-MM-dd')),$($script:Now.AddDays(1).ToString('yyyy-MM-dd'))"; filter_limit = -1; doNotFetchActions = 1; showColumns = 'idVisit,lastActionTimestamp' }
            @($all | ForEach-Object { [pscustomobject]@{ VisitId = [long]$_.idVisit; Time = [datetimeoffset]::FromUnixTimeSeconds([long]$_.lastActionTimestamp).UtcDateTime } })
        }

        # 30 closed visits over the last two days (pairs of them in the same second), and 3 open ones.
        $closed = foreach ($n in 0..14) { $at = $script:Now.Date.AddDays(-2).AddHours(8 + 2 * $n).AddSeconds(7); $at; $at }
        Send-Visits $closed
        Send-Visits @($script:Now.AddMinutes(-10), $script:Now.AddMinutes(-9), $script:Now.AddMinutes(-8))
        $script:Range = @{ SiteId = $script:SiteId; Start = $script:Now.AddDays(-3).Date; End = $script:Now.Date }
        Connect-ItSuperUser -SiteId $script:SiteId
    }

    AfterAll {
        if ($script:SiteId) { $null = Invoke-ItApi SitesManager.deleteSite @{ idSite = $script:SiteId } }
    }

    It 'gives every settled visit once and leaves the open ones for the next run, across an interruption and a resume' {
        $state = Join-Path $TestDrive 'visitlog.state.json'
        $script:Tracked = $false
        # The first run: after 9 rows, new visits are tracked (two closed ones in the same second, one more closed, one
        # open), as a live site's visits arrive; after 15 rows the pipeline stops it (as a runbook stopped half way).
        $first = @(Get-MatomoVisitLog @script:Range -PageSize 7 -StatePath $state | ForEach-Object -Begin { $n = 0 } -Process {
                $n++
                if ($n -eq 9) {
                    Send-Visits @($script:Now.AddHours(-3), $script:Now.AddHours(-3), $script:Now.AddHours(-2), $script:Now.AddMinutes(-5))
                    $script:Tracked = $true
                }
                $_
            } | Select-Object -First 15)
        $saved = Get-Content $state -Raw | ConvertFrom-Json
        # -After from the last row written gives what the resumed run gives.
        $after = @(Get-MatomoVisitLog @script:Range -PageSize 7 -After $first[-1].Cursor)
        $second = @(Get-MatomoVisitLog @script:Range -PageSize 7 -StatePath $state)
        $open = @(Get-MatomoVisitLog @script:Range -IncludeOpen -StatePath $state)

        $script:Tracked | Should -BeTrue
        $first.Count | Should -Be 15
        $saved.Cursor | Should -Be $first[-1].Cursor
        $saved.PSObject.Properties.Name | Should -Not -Contain 'token_auth'
        ($after.VisitId) | Should -Be ($second.VisitId)
        $logged = Get-LoggedVisits
        $bound = $script:Now.AddHours(-1)
        $settled = @($logged | Where-Object Time -LT $bound | ForEach-Object VisitId | Sort-Object)
        $exported = @($first.VisitId) + @($second.VisitId)
        # Never twice, never lost: the two runs hold each settled visit exactly once, the tracked ones among them.
        ($exported | Sort-Object) | Should -Be $settled
        ($exported | Select-Object -Unique).Count | Should -Be $exported.Count
        $settled.Count | Should -Be 33
        # The open visits (3 before the export, 1 tracked during it) came in the run that included them, once.
        ($open.VisitId | Sort-Object) | Should -Be @($logged | Where-Object Time -GE $bound | ForEach-Object VisitId | Sort-Object)
        $open.Count | Should -Be 4
        # A run after everything is written gives nothing new.
        @(Get-MatomoVisitLog @script:Range -IncludeOpen -StatePath $state).Count | Should -Be 0
    }

    It 'stops after -First visits and goes on after them with the state file' {
        $state = Join-Path $TestDrive 'first.state.json'

        $part = @(Get-MatomoVisitLog @script:Range -First 5 -PageSize 3 -StatePath $state)
        $rest = @(Get-MatomoVisitLog @script:Range -PageSize 3 -StatePath $state)
        $whole = @(Get-MatomoVisitLog @script:Range -PageSize 100)

        $part.Count | Should -Be 5
        (@($part.VisitId) + @($rest.VisitId)) | Should -Be $whole.VisitId
    }
}

Describe "A server that runs out of memory on a large page$ServerNote" -Skip:$ServerSkip {
    BeforeAll {
        # A loopback proxy in front of the real server: a visit-log page of more than 40 visits gets HTTP 500 and the
        # fatal-error page PHP gives when memory_limit is reached; everything else goes through unchanged.
        if (-not ('MatomoPSIt.MemoryFaultProxy' -as [type])) {
            Add-Type -TypeDefinition @'
using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
namespace MatomoPSIt
{
    public sealed class MemoryFaultProxy : IDisposable
    {
        private readonly HttpListener _listener = new HttpListener();
        private readonly HttpClient _http = new HttpClient();
        private readonly string _target;
        public ConcurrentQueue<string> Limits { get; } = new ConcurrentQueue<string>();
        public int MaxVisits { get; set; } = 40;
        public string Url { get; }
        public MemoryFaultProxy(string target, int port)
        {
            _target = target.TrimEnd('/');
            Url = "http://127.0.0.1:" + port + "/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            Task.Run(Serve);
        }
        private async Task Serve()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); } catch { return; }
                _ = Task.Run(() => Answer(context));
            }
        }
        private async Task Answer(HttpListenerContext context)
        {
            var request = context.Request;
            string query = request.Url.Query;
            var limit = Regex.Match(query, "[?&]filter_limit=(-?[0-9]+)");
            if (query.Contains("method=Live.getLastVisitsDetails") && limit.Success)
            {
                Limits.Enqueue(limit.Groups[1].Value);
                int asked = int.Parse(limit.Groups[1].Value);
                if (asked < 0 || asked > MaxVisits)
                {
                    await Write(context, 500, "text/html; charset=utf-8", "<html><head><title>A fatal error occurred</title></head><body><h1>A fatal error occurred</h1><pre>Allowed memory size of 134217728 bytes exhausted (tried to allocate 65536 bytes) on /var/www/matomo/core/DataTable.php(1021)</pre></body></html>");
                    return;
                }
            }
            var forward = new HttpRequestMessage(new HttpMethod(request.HttpMethod), _target + request.Url.PathAndQuery);
            if (request.HasEntityBody)
            {
                var body = new System.IO.MemoryStream();
                await request.InputStream.CopyToAsync(body);
                forward.Content = new ByteArrayContent(body.ToArray());
                forward.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
            using var answer = await _http.SendAsync(forward);
            string text = await answer.Content.ReadAsStringAsync();
            await Write(context, (int)answer.StatusCode, answer.Content.Headers.ContentType?.ToString() ?? "application/json", text);
        }
        private static async Task Write(HttpListenerContext context, int status, string type, string text)
        {
            byte[] bytes = System.Text.Encoding.UTF8.GetBytes(text);
            context.Response.StatusCode = status;
            context.Response.ContentType = type;
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, 0, bytes.Length);
            context.Response.Close();
        }
        public void Dispose() { _listener.Stop(); _listener.Close(); _http.Dispose(); }
    }
}
'@
        }
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $script:Proxy = [MatomoPSIt.MemoryFaultProxy]::new($script:Settings.Url, $port)
    }

    AfterAll {
        if ($script:Proxy) { $script:Proxy.Dispose() }
    }

    It 'asks for the page again smaller and the export completes' -Skip:$KitSkip {
        Connect-Matomo -Url $script:Proxy.Url -Token (ConvertTo-ItSecureString $script:Settings.Token) -SiteId 1

        $result = Invoke-ItCommand { Get-MatomoVisitLog -Start 2023-01-01 -End 2023-01-31 -PageSize 200 -Verbose }

        $result.Errors | Should -BeNullOrEmpty
        ($result.Output.VisitId | Sort-Object) | Should -Be (Get-KitVisitIds -SiteId 1 -From '2023-01-01' -To '2023-02-01')
        $limits = @($script:Proxy.Limits)
        $limits[0..3] | Should -Be '200', '100', '50', '25'
        ($result.Verbose -match 'Allowed memory size.*asking for 100 a page') | Should -Not -BeNullOrEmpty
    }
}
