#Requires -Version 7.2
<#
.SYNOPSIS
    The Bench task of build.ps1, run like every build script in its own pwsh after the build.
.DESCRIPTION
    Starts the Matomo double as a process with a fixed latency per HTTP request and a small cost per API call,
    then measures Get-MatomoLanguageVisits against the sequential Invoke-RestMethod loop for two scenarios,
    compares both with the floor (one round trip plus the server's work), and measures the client's parse rates: of
    series, and of a flat page report of 10 years by day (100 rows a day) with the memory one read of it holds.
    Timing lives here, never in tests.
#>

param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $FakePath,
    [Parameter(Mandatory)] [string] $BenchPath,
    [Parameter(Mandatory)] [string] $OutPath,
    [int] $LatencyMs = 100,
    [int] $CallCostMs = 2
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$Root = Split-Path $PSScriptRoot
$Version = (Import-PowerShellDataFile $ModulePath).ModuleVersion
. (Join-Path $Root 'tests/pester/TestHelpers.ps1')

# The machine's load: a benchmark on a shared machine should say how busy the machine was.
function Get-LoadAverage {
    if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg -Raw) -split ' ')[0] } else { 'unknown' }
}

# One line of name=value pairs from the bench console, as numbers; a failed run ends the benchmark.
function Read-BenchLine([string] $Line) {
    if ($LASTEXITCODE -ne 0 -or -not $Line) { throw 'A run of the bench console failed.' }
    $values = @{}
    foreach ($pair in "$Line" -split ' ') { $name, $value = $pair -split '=', 2; $values[$name] = [double]$value }
    $values
}

function Invoke-Bench {
    # The double's own language list (most visited first), so every series finds traffic.
    Add-Type -Path $FakePath
    $languages = [FakeMatomo.FakeDataSet]::Languages
    $end = [datetime]'2025-06-29'   # the double's yesterday (--today 2025-06-30)
    $scenarios = @(
        @{ Name = '30 languages x 31 days'; Languages = 30; Days = 31; Runs = 9 }
        @{ Name = '120 languages x 365 days'; Languages = 120; Days = 365; Runs = 3 }
    )

    $env:MATOMOPS_FAKE = $FakePath
    $null = New-Item -ItemType Directory -Path $OutPath -Force
    Write-Host "Starting the Matomo double: $LatencyMs ms per HTTP request, $CallCostMs ms per API call"
    $fake = Start-FakeMatomo -LatencyMs $LatencyMs -CallCostMs $CallCostMs
    $results = @()
    try {
        foreach ($scenario in $scenarios) {
            Write-Host "Measuring $($scenario.Name)..."
            $resultFile = Join-Path $OutPath "bench-$($scenario.Languages).json"
            $codes = @($languages | Select-Object -First $scenario.Languages)
            $arguments = @(
                '-ModulePath', $ModulePath, '-Url', $fake.Url, '-Token', $fake.Token,
                '-Languages', ($codes -join ','),
                '-Start', $end.AddDays(1 - $scenario.Days).ToString('yyyy-MM-dd'), '-End', $end.ToString('yyyy-MM-dd'),
                '-Runs', $scenario.Runs, '-ResultFile', $resultFile)
            Invoke-PwshFile -File (Join-Path $PSScriptRoot 'Measure-LanguageVisits.ps1') -Arguments $arguments | Out-Host
            if ($LASTEXITCODE -ne 0 -or -not (Test-Path $resultFile)) { throw "The $($scenario.Name) measurement failed." }
            $measured = Get-Content $resultFile -Raw | ConvertFrom-Json
            $nominal = ($LatencyMs + ($scenario.Languages + 1) * $CallCostMs) / 1000
            $results += [pscustomobject]@{
                Scenario       = $scenario.Name
                MatomoPS       = $measured.MatomoSeconds
                Loop           = $measured.LoopSeconds
                SpeedUp        = $measured.LoopSeconds / $measured.MatomoSeconds
                Requests       = "$($measured.MatomoRequests) / $($measured.LoopRequests)"
                NominalFloor   = $nominal
                Floor          = $measured.FloorSeconds
                ToFloor        = $measured.FloorRatio
                ToNominalFloor = $measured.MatomoSeconds / $nominal
                Agree          = $measured.Agree
            }
        }
    }
    finally {
        Stop-FakeMatomo $fake
    }

    Write-Host 'Measuring the parse rate (10 years daily x 50 series)...'
    $line = & dotnet $BenchPath parse --series 50 --years 10 --runs 15
    if ($LASTEXITCODE -ne 0) { throw 'The parse benchmark failed.' }
    $parse = @{}
    foreach ($pair in "$line" -split ' ') { $name, $value = $pair -split '=', 2; $parse[$name] = [double]$value }
    $cpuRate = $parse.points / $parse.medianCpuSeconds

    Write-Host ''
    Write-Host "MatomoPS $Version against the Matomo double: $LatencyMs ms per HTTP request, $CallCostMs ms per API call ($([Environment]::ProcessorCount) cores, load average $(Get-LoadAverage))."
    Write-Host 'MatomoPS: Get-MatomoLanguageVisits, median of several runs after a warm-up. Loop: one Invoke-RestMethod per series, in turn (run once).'
    Write-Host 'Floor: all series in one bulk POST from a bare HttpClient, answer not parsed (median); PS/floor: median ratio of runs taken in turn.'
    Write-Host 'Nominal floor: latency + series x call cost, without the double''s own computing.'
    $format = '{0,-25} {1,9} {2,8} {3,8} {4,11} {5,9} {6,10} {7,9} {8,10} {9,6}'
    Write-Host ($format -f 'Scenario', 'MatomoPS', 'Loop', 'Speed-up', 'Requests', 'Floor', 'PS/floor', 'Nominal', 'PS/nominal', 'Agree')
    Write-Host ($format -f '', '', '', '', '(PS/loop)', '', '', 'floor', '', '')
    foreach ($r in $results) {
        Write-Host ($format -f $r.Scenario, ('{0:N3} s' -f $r.MatomoPS), ('{0:N2} s' -f $r.Loop), ('{0:N1}x' -f $r.SpeedUp), $r.Requests,
            ('{0:N3} s' -f $r.Floor), ('{0:N2}x' -f $r.ToFloor), ('{0:N3} s' -f $r.NominalFloor), ('{0:N2}x' -f $r.ToNominalFloor), $r.Agree)
    }
    Write-Host ''
    Write-Host ("Parse rate, 10 years daily x 50 series ({0:N0} points, {1:N1} MB of JSON, one bulk answer through the client's HTTP path):" -f $parse.points, ($parse.answerBytes / 1MB))
    Write-Host ("  {0:N2} M points per CPU second ({1:N3} s CPU, median); wall clock {2:N3} s median ({3:N2} M/s), {4:N3} s best ({5:N2} M/s)" -f
        ($cpuRate / 1e6), $parse.medianCpuSeconds, $parse.medianSeconds, ($parse.points / $parse.medianSeconds / 1e6), $parse.bestSeconds, ($parse.points / $parse.bestSeconds / 1e6))
    Write-Host ("  memory: {0:N0} MB allocated per parse, peak working set {1:N0} MB" -f ($parse.allocatedBytesPerRun / 1MB), ($parse.peakWorkingSetBytes / 1MB))

    Write-Host 'Measuring the report parse rate and memory (flat page report, 10 years by day x 100 rows)...'
    $report = Read-BenchLine (& dotnet $BenchPath report --rows 100 --years 10 --runs 7)
    $streamed = Read-BenchLine (& dotnet $BenchPath report-memory --rows 100 --years 10)
    $whole = Read-BenchLine (& dotnet $BenchPath report-memory --rows 100 --years 10 --whole 1)
    $reportRate = $report.rows / $report.parseMedianCpuSeconds
    Write-Host ("Report parse rate, flat page report 10 years by day x 100 rows ({0:N0} rows of 19 columns, {1:N0} MB of JSON):" -f $report.rows, ($report.answerBytes / 1MB))
    Write-Host ("  reader (answer bytes to rows): {0:N2} M rows per CPU second ({1:N3} s CPU, median; best {2:N2} M/s); System.Text.Json scanning the same JSON, nothing made of it: {3:N2} M rows/s ({4:N3} s)" -f
        ($reportRate / 1e6), $report.parseMedianCpuSeconds, ($report.rows / $report.parseBestCpuSeconds / 1e6), ($report.rows / $report.scanMedianCpuSeconds / 1e6), $report.scanMedianCpuSeconds)
    Write-Host ("  the same rows with the 5 columns -Column nb_hits leaves ({0:N0} MB of JSON): {1:N2} M rows per CPU second ({2:N3} s)" -f
        ($report.narrowAnswerBytes / 1MB), ($report.rows / $report.narrowMedianCpuSeconds / 1e6), $report.narrowMedianCpuSeconds)
    Write-Host ("  whole client (transport and reader, parts of 10,000 rows, 4 at once): {0:N2} M rows per CPU second ({1:N3} s CPU, {2:N3} s wall clock)" -f
        ($report.rows / $report.clientMedianCpuSeconds / 1e6), $report.clientMedianCpuSeconds, $report.clientMedianSeconds)
    Write-Host ("  memory: read in parts {0:N0} MB live at most (peak working set {1:N0} MB); in one request {2:N0} MB live (peak working set {3:N0} MB)" -f
        ($streamed.peakHeapBytes / 1MB), ($streamed.peakWorkingSetBytes / 1MB), ($whole.peakHeapBytes / 1MB), ($whole.peakWorkingSetBytes / 1MB))

    $small = $results[0]
    $targets = @(
        [pscustomobject]@{ Target = 'At least 10x faster than the loop (30 languages)'; Measured = '{0:N1}x' -f $small.SpeedUp; Met = $small.SpeedUp -ge 10 }
        [pscustomobject]@{ Target = 'Within 1.5x of the floor (30 languages)'; Measured = '{0:N2}x' -f $small.ToFloor; Met = $small.ToFloor -le 1.5 }
        # CPU time, not wall clock: on a shared machine the wall clock mostly measures the wait for a free core.
        [pscustomobject]@{ Target = 'At least 1 million parsed points/s (per CPU second)'; Measured = '{0:N2} M/s' -f ($cpuRate / 1e6); Met = $cpuRate -ge 1e6 }
        [pscustomobject]@{ Target = 'At least 1 million report rows/s (reader, per CPU second)'; Measured = '{0:N2} M/s' -f ($reportRate / 1e6); Met = $reportRate -ge 1e6 }
        [pscustomobject]@{ Target = 'A report read in parts holds less than a quarter of it'; Measured = '{0:N0} MB of {1:N0} MB' -f ($streamed.peakHeapBytes / 1MB), ($whole.peakHeapBytes / 1MB); Met = $streamed.peakHeapBytes * 4 -lt $whole.peakHeapBytes }
        [pscustomobject]@{ Target = 'MatomoPS and the loop report the same numbers'; Measured = "$(@($results | Where-Object Agree).Count) of $($results.Count) scenarios"; Met = @($results | Where-Object { -not $_.Agree }).Count -eq 0 }
    )
    Write-Host ''
    foreach ($t in $targets) { Write-Host ('{0,-8} {1,-50} {2}' -f ($t.Met ? '[met]' : '[MISSED]'), $t.Target, $t.Measured) }
    $missed = @($targets | Where-Object { -not $_.Met }).Count
    Write-Host ($missed -eq 0 ? 'All targets met.' : "$missed target(s) missed.")
    if ($missed -gt 0) { exit 1 }
}

Invoke-Bench
