<#
.SYNOPSIS
    One benchmark scenario, run by build/Bench.ps1 in a fresh pwsh: the built module's Get-MatomoLanguageVisits
    against the loop an ops engineer would otherwise write (one Invoke-RestMethod per series, in turn).
.OUTPUTS
    Writes the measurements as JSON to -ResultFile.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Url,
    [Parameter(Mandatory)] [string] $Token,
    # Comma-separated, as one argument of pwsh -File.
    [Parameter(Mandatory)] [string] $Languages,
    [Parameter(Mandatory)] [string] $Start,
    [Parameter(Mandatory)] [string] $End,
    [int] $Runs = 3,
    [Parameter(Mandatory)] [string] $ResultFile
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$Language = $Languages -split ','
Import-Module $ModulePath
Connect-Matomo -Url $Url -Token (ConvertTo-SecureString $Token -AsPlainText -Force)

# MatomoPS: the command a user runs. Its verbose stream logs every HTTP request it makes ("POST ... -> HTTP 200 ...").
function Measure-MatomoPS {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $output = Get-MatomoLanguageVisits -Language $Language -Start $Start -End $End -Verbose 4>&1
    $clock.Stop()
    [pscustomobject]@{
        Seconds  = $clock.Elapsed.TotalSeconds
        Rows     = @($output | Where-Object { $_ -is [MatomoPS.Client.MatomoVisitsRow] })
        Requests = @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'POST *' }).Count
    }
}

# The loop: one POST per language and one for the total, one after another, token in the body as Matomo 5 requires.
function Measure-Loop {
    $endpoint = $Url.TrimEnd('/') + '/index.php?module=API&method=VisitsSummary.getVisits&format=json'
    $segments = @($Language | ForEach-Object { 'pageUrl=@' + [uri]::EscapeDataString("/$_/") }) + @('')
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $answers = foreach ($segment in $segments) {
        $body = @{ token_auth = $Token; idSite = 1; period = 'day'; date = "$Start,$End"; filter_limit = -1 }
        if ($segment) { $body.segment = $segment }
        , (Invoke-RestMethod -Method Post -Uri $endpoint -Body $body)
    }
    $clock.Stop()
    [pscustomobject]@{ Seconds = $clock.Elapsed.TotalSeconds; Answers = @($answers); Requests = $segments.Count }
}

# The floor: every series in one bulk POST from a bare HttpClient, the answer read but not parsed. That is one round
# trip plus the server's work (its latency, its cost per API call and its own computing), which no client can beat
# with a single request.
function Measure-Floor {
    $fields = [System.Collections.Generic.List[System.Collections.Generic.KeyValuePair[string, string]]]::new()
    $fields.Add([System.Collections.Generic.KeyValuePair[string, string]]::new('token_auth', $Token))
    $segments = @($Language | ForEach-Object { 'pageUrl=@' + [uri]::EscapeDataString("/$_/") }) + @('')
    for ($i = 0; $i -lt $segments.Count; $i++) {
        $subRequest = "method=VisitsSummary.getVisits&idSite=1&period=day&date=$Start%2C$End"
        if ($segments[$i]) { $subRequest += '&segment=' + [uri]::EscapeDataString($segments[$i]) }
        $fields.Add([System.Collections.Generic.KeyValuePair[string, string]]::new("urls[$i]", $subRequest))
    }
    $fields.Add([System.Collections.Generic.KeyValuePair[string, string]]::new('filter_limit', '-1'))
    $endpoint = $Url.TrimEnd('/') + '/index.php?module=API&method=API.getBulkRequest&format=json'
    $http = [System.Net.Http.HttpClient]::new()
    try {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $response = $http.PostAsync($endpoint, [System.Net.Http.FormUrlEncodedContent]::new($fields)).GetAwaiter().GetResult()
        $bytes = $response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult()
        $clock.Stop()
        if (-not $response.IsSuccessStatusCode -or $bytes.Length -lt 100) { throw "The floor request failed: HTTP $([int]$response.StatusCode)" }
        $clock.Elapsed.TotalSeconds
    }
    finally {
        $http.Dispose()
    }
}

function Get-Median([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    $sorted[[int][math]::Floor($sorted.Count / 2)]
}

function Get-Sum($Values) {
    [long] $sum = 0
    foreach ($value in $Values) { if ($value -is [ValueType]) { $sum += $value } }
    $sum
}

$null = Measure-MatomoPS   # warm-up: JIT, the connection, and the double's cache of generated visits
$null = Measure-Floor
# MatomoPS and the floor take turns, so both meet the same load on a shared machine; each pair gives one ratio.
$matomo = @(); $floor = @()
foreach ($run in 1..$Runs) {
    $matomo += Measure-MatomoPS
    $floor += Measure-Floor
}
$loop = Measure-Loop

# Both ways must report the same numbers, or the comparison means nothing.
$last = $matomo[-1]
$series = @($Language) + @('Total')
$agree = $true
for ($i = 0; $i -lt $series.Count; $i++) {
    $mine = Get-Sum ($last.Rows | Where-Object Series -EQ $series[$i] | ForEach-Object Value)
    $theirs = Get-Sum $loop.Answers[$i].PSObject.Properties.Value
    if ($mine -ne $theirs) { $agree = $false; Write-Warning "$($series[$i]): MatomoPS $mine, loop $theirs" }
}

[pscustomobject]@{
    MatomoSeconds  = Get-Median $matomo.Seconds
    MatomoRuns     = @($matomo.Seconds)
    FloorSeconds   = Get-Median $floor
    FloorRuns      = $floor
    FloorRatio     = Get-Median @(for ($i = 0; $i -lt $Runs; $i++) { $matomo[$i].Seconds / $floor[$i] })
    MatomoRequests = $last.Requests
    LoopSeconds    = $loop.Seconds
    LoopRequests   = $loop.Requests
    Points         = $last.Rows.Count
    Agree          = $agree
} | ConvertTo-Json | Set-Content -Path $ResultFile
