<#
.SYNOPSIS
    One benchmark scenario, run by bench/scripts/Bench.ps1 in a fresh pwsh: the same series (one per language, plus the
    total) fetched by several designs, taking turns, so that all meet the same machine and server.
.DESCRIPTION
    Designs:
      MatomoPS   Get-MatomoLanguageVisits as a user runs it (its defaults, or -Source PageReport)
      Reference  the reference client's design: one request per series, all at once (N+1 concurrent POSTs)
      Loop       what an ops engineer writes by hand: one Invoke-RestMethod per series, one after another
      Floor      every series in one bulk POST from a bare HttpClient, the answer read but not parsed
      FirstRun   MatomoPS with its cache of closed periods on, in an empty cache folder each run: a runbook's first run
      Rerun      MatomoPS with its cache on, in a folder that a first run filled: the same runbook run again
    MatomoPS itself runs with the cache off, so it is measured against the server every run.
    With -ResetCommand, the command runs before every measured run (a "cold" server: the segments' archives dropped).
.OUTPUTS
    Writes the measurements as JSON to -ResultFile: per design the median seconds, every run, the HTTP requests, the
    machine's CPU during the median run (on Linux), and whether its numbers agree with MatomoPS's.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Url,
    [Parameter(Mandatory)] [string] $Token,
    # Comma-separated, as one argument of pwsh -File.
    [Parameter(Mandatory)] [string] $Languages,
    [Parameter(Mandatory)] [string] $Start,
    [Parameter(Mandatory)] [string] $End,
    [int] $SiteId = 1,
    [ValidateSet('Visits', 'Actions')] [string] $Metric = 'Visits',
    [ValidateSet('Segment', 'PageReport')] [string] $Source = 'Segment',
    [string] $Designs = 'MatomoPS,Reference,Loop,Floor',
    [int] $Runs = 3,
    [string] $ResetCommand,
    [Parameter(Mandatory)] [string] $ResultFile
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$Language = $Languages -split ','
$Method = "VisitsSummary.get$Metric"
$Segments = @($Language | ForEach-Object { 'pageUrl=@' + [uri]::EscapeDataString("/$_/") }) + @('')
Import-Module $ModulePath
$secureToken = ConvertTo-SecureString $Token -AsPlainText -Force
# Every design of MatomoPS names its connection: -PassThru makes each the default in turn.
$CacheRoot = Join-Path ([IO.Path]::GetTempPath()) "matomops-bench-cache-$PID"
$FilledCache = Connect-Matomo -Url $Url -Token $secureToken -SiteId $SiteId -Cache ReadWrite -CachePath (Join-Path $CacheRoot 'filled') -PassThru
$Uncached = Connect-Matomo -Url $Url -Token $secureToken -SiteId $SiteId -Cache Off -PassThru
$Http = [System.Net.Http.HttpClient]::new()
$Endpoint = $Url.TrimEnd('/') + '/index.php'

function New-Body([hashtable] $Fields) {
    $pairs = [System.Collections.Generic.List[System.Collections.Generic.KeyValuePair[string, string]]]::new()
    $pairs.Add([System.Collections.Generic.KeyValuePair[string, string]]::new('token_auth', $Token))
    foreach ($name in $Fields.Keys) { $pairs.Add([System.Collections.Generic.KeyValuePair[string, string]]::new($name, "$($Fields[$name])")) }
    [System.Net.Http.FormUrlEncodedContent]::new($pairs)
}

function Get-SeriesFields([string] $Segment) {
    $fields = @{ idSite = $SiteId; period = 'day'; date = "$Start,$End"; filter_limit = -1 }
    if ($Segment) { $fields.segment = $Segment }
    $fields
}

# The total of each series, in the order languages then total: what every design must agree on.
function Get-Totals($Answers) { @($Answers | ForEach-Object { [long](($_.PSObject.Properties.Value | Measure-Object -Sum).Sum) }) }

# MatomoPS through a connection, its requests counted from -Verbose.
function Measure-Connection($Connection, [hashtable] $Extra = @{}) {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $output = Get-MatomoLanguageVisits -Language $Language -Start $Start -End $End -Metric $Metric -Connection $Connection @Extra -Verbose 4>&1
    $clock.Stop()
    $rows = @($output | Where-Object { $_ -is [MatomoPS.Client.MatomoSeriesRow] })
    [pscustomobject]@{
        Seconds  = $clock.Elapsed.TotalSeconds
        Requests = @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'POST *' }).Count
        Totals   = @(@($Language) + @('Total') | ForEach-Object { $name = $_; [long](($rows | Where-Object Series -EQ $name | Measure-Object Value -Sum).Sum) })
    }
}

function Measure-MatomoPS { Measure-Connection $Uncached ($Source -eq 'PageReport' ? @{ Source = 'PageReport' } : @{}) }

function Measure-FirstRun {
    $empty = Connect-Matomo -Url $Url -Token $secureToken -SiteId $SiteId -Cache ReadWrite -CachePath (Join-Path $CacheRoot ([guid]::NewGuid())) -PassThru
    try { Measure-Connection $empty } finally { Disconnect-Matomo -Connection $empty }
}

function Measure-Rerun { Measure-Connection $FilledCache }

function Measure-Reference {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $tasks = @($Segments | ForEach-Object { $Http.PostAsync("$Endpoint`?module=API&method=$Method&format=json", (New-Body (Get-SeriesFields $_))) })
    [System.Threading.Tasks.Task]::WaitAll($tasks)
    $answers = @($tasks | ForEach-Object { , ($_.Result.Content.ReadAsStringAsync().GetAwaiter().GetResult() | ConvertFrom-Json) })
    $clock.Stop()
    [pscustomobject]@{ Seconds = $clock.Elapsed.TotalSeconds; Requests = $Segments.Count; Totals = Get-Totals $answers }
}

function Measure-Loop {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $answers = foreach ($segment in $Segments) {
        , (Invoke-RestMethod -Method Post -Uri "$Endpoint`?module=API&method=$Method&format=json" -Body ((Get-SeriesFields $segment) + @{ token_auth = $Token }))
    }
    $clock.Stop()
    [pscustomobject]@{ Seconds = $clock.Elapsed.TotalSeconds; Requests = $Segments.Count; Totals = Get-Totals $answers }
}

# One round trip plus the server's work for every series in one request: what no single request can beat.
function Measure-Floor {
    $fields = @{}
    for ($i = 0; $i -lt $Segments.Count; $i++) {
        $sub = "method=$Method&idSite=$SiteId&period=day&date=$Start%2C$End"
        if ($Segments[$i]) { $sub += '&segment=' + [uri]::EscapeDataString($Segments[$i]) }
        $fields["urls[$i]"] = $sub
    }
    $fields.filter_limit = -1
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $response = $Http.PostAsync("$Endpoint`?module=API&method=API.getBulkRequest&format=json", (New-Body $fields)).GetAwaiter().GetResult()
    $text = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
    $clock.Stop()
    if (-not $response.IsSuccessStatusCode -or $text.Length -lt 100) { throw "The floor request failed: HTTP $([int]$response.StatusCode)" }
    [pscustomobject]@{ Seconds = $clock.Elapsed.TotalSeconds; Requests = 1; Totals = Get-Totals @($text | ConvertFrom-Json) }
}

# The machine's busy and idle CPU time so far, in seconds of one core (Linux; $null elsewhere): a run on a server that
# shares the machine shows how much work it cost and whether the cores were the limit.
function Get-MachineCpu {
    if (-not (Test-Path /proc/stat)) { return $null }
    $ticks = @(((Get-Content /proc/stat -TotalCount 1) -split '\s+')[1..8] | ForEach-Object { [double]$_ })
    [pscustomobject]@{ Busy = ($ticks[0] + $ticks[1] + $ticks[2] + $ticks[5] + $ticks[6] + $ticks[7]) / 100; Idle = ($ticks[3] + $ticks[4]) / 100 }
}

# Waits (at most 10 s) until the machine's cores are at most 10 % busy over a quarter of a second: the database's
# clean-up after a reset would otherwise count towards the run that follows it.
function Wait-QuietMachine {
    $deadline = [DateTime]::UtcNow.AddSeconds(10)
    do {
        $before = Get-MachineCpu
        if (-not $before) { return }
        Start-Sleep -Milliseconds 250
        $after = Get-MachineCpu
        $busy = $after.Busy - $before.Busy; $idle = $after.Idle - $before.Idle
    } while ($busy -gt 0.1 * ($busy + $idle) -and [DateTime]::UtcNow -lt $deadline)
}

function Measure-Design([string] $Design) {
    $before = Get-MachineCpu
    $taken = & "Measure-$Design"
    $after = Get-MachineCpu
    if ($before) {
        $busy = $after.Busy - $before.Busy; $idle = $after.Idle - $before.Idle
        $taken | Add-Member -NotePropertyName CpuSeconds -NotePropertyValue $busy
        $taken | Add-Member -NotePropertyName BusyShare -NotePropertyValue ($busy + $idle -gt 0 ? $busy / ($busy + $idle) : 0)
    }
    $taken
}

# The median run of a design (by its seconds): its time is the design's median, its CPU figures are the design's.
function Get-MedianRun($Runs) {
    $sorted = @($Runs | Sort-Object Seconds)
    $sorted[[int][math]::Floor($sorted.Count / 2)]
}

$designList = $Designs -split ','
# Warm-up: JIT, the connection, and (without a reset) the server's archives.
foreach ($design in $designList | Where-Object { $_ -ne 'Loop' }) { $null = & "Measure-$design" }
$measured = @{}
foreach ($design in $designList) { $measured[$design] = [System.Collections.Generic.List[object]]::new() }
foreach ($run in 1..$Runs) {
    # The designs take turns in every run; the slow sequential loop runs once.
    foreach ($design in $designList) {
        if ($design -eq 'Loop' -and $run -gt 1) { continue }
        if ($ResetCommand) {
            Invoke-Expression $ResetCommand | Out-Null
            if ($LASTEXITCODE -ne 0) { throw "The reset before a cold run failed (exit code $LASTEXITCODE): $ResetCommand" }
            Wait-QuietMachine
        }
        $measured[$design].Add((Measure-Design $design))
    }
}

$reference = $measured[$designList[0]][-1].Totals
$result = [ordered]@{}
foreach ($design in $designList) {
    $taken = $measured[$design]
    $median = Get-MedianRun $taken
    $result[$design] = [ordered]@{
        Seconds  = [double]$median.Seconds
        Runs     = @($taken | ForEach-Object Seconds)
        Requests = $taken[-1].Requests
        # The machine's CPU during the design's median run: seconds of one core, and the share of all cores that were busy.
        CpuSeconds = $median.PSObject.Properties['CpuSeconds']?.Value
        BusyShare  = $median.PSObject.Properties['BusyShare']?.Value
        Agrees   = ((@($taken[-1].Totals) -join ',') -eq (@($reference) -join ','))
        Totals   = @($taken[-1].Totals)
    }
}
$Http.Dispose()
Remove-Item $CacheRoot -Recurse -Force -ErrorAction Ignore
[pscustomobject]$result | ConvertTo-Json -Depth 4 | Set-Content -Path $ResultFile
