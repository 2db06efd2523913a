#Requires -Version 7.2
<#
.SYNOPSIS
    The Bench task of build.ps1, run like every build script in its own pwsh after the build.
.DESCRIPTION
    Measures Get-MatomoLanguageVisits (30 languages and the total) against other designs, each scenario in one run
    where the designs take turns (bench/scripts/Measure-Series.ps1), and prints ratios measured in that run with the HTTP
    requests each design made:
      - the Matomo double with 100 ms per request and 2 ms per API call: against the sequential loop and the floor;
      - the double with costly calls (100 ms per request and 40 ms per API call, on 4 workers, as PHP works):
        against the reference client's design (one request per series, all at once);
      - the real Matomo of ../shared/realmatomo when it is there (skipped with a line otherwise), cold (the
        segments' archives dropped before every run) and warm: visits by segment, and pageviews by page report;
      - the client's parse rates (bench/MatomoPS.Bench): of series, and of a flat page report of 10 years by day
        (100 rows a day), with the memory one read of it holds, in parts and whole;
      - the import time: Import-Module in 10 fresh pwsh processes, the median under 300 ms.
    Timing lives here, never in tests.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $FakePath,
    [Parameter(Mandatory)] [string] $BenchPath,
    [Parameter(Mandatory)] [string] $OutPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$Root = Split-Path (Split-Path $PSScriptRoot)
$Version = (Import-PowerShellDataFile $ModulePath).ModuleVersion
. (Join-Path $Root 'tests/pester/TestHelpers.ps1')
$env:MATOMOPS_FAKE = $FakePath
$null = New-Item -ItemType Directory -Path $OutPath -Force
Add-Type -Path $FakePath
# The double's own language list (most visited first), so every series finds traffic there.
$DoubleLanguages = @([FakeMatomo.FakeDataSet]::Languages)

# The machine's load: a benchmark on a shared machine should say how busy the machine was.
function Get-LoadAverage { if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg -Raw) -split ' ')[0] } else { 'unknown' } }

# One scenario in a fresh pwsh (bench/scripts/Measure-Series.ps1); returns its measurements.
function Measure-Scenario([string] $Name, [string] $Url, [string] $Token, [string[]] $Languages, [string] $Start, [string] $End,
    [string] $Designs, [int] $Runs, [hashtable] $Extra = @{}) {
    Write-Host "Measuring $Name..."
    $resultFile = Join-Path $OutPath ("bench-" + ($Name -replace '[^A-Za-z0-9]+', '-') + '.json')
    $arguments = @('-ModulePath', $ModulePath, '-Url', $Url, '-Token', $Token, '-Languages', ($Languages -join ','),
        '-Start', $Start, '-End', $End, '-Designs', $Designs, '-Runs', $Runs, '-ResultFile', $resultFile)
    foreach ($key in $Extra.Keys) { $arguments += @("-$key", $Extra[$key]) }
    if (Test-Path $resultFile) { Remove-Item $resultFile }
    Invoke-PwshFile -File (Join-Path $PSScriptRoot 'Measure-Series.ps1') -Arguments $arguments | Out-Host
    if ($LASTEXITCODE -ne 0 -or -not (Test-Path $resultFile)) { throw "The scenario '$Name' failed." }
    $measured = Get-Content $resultFile -Raw | ConvertFrom-Json
    $measured | Add-Member -NotePropertyName Name -NotePropertyValue $Name
    $measured
}

# A line per design of a scenario: its median, its requests, its ratio to MatomoPS and whether it agrees.
function Write-Scenario($Scenario) {
    Write-Host ''
    Write-Host $Scenario.Name
    $ps = $Scenario.MatomoPS.Seconds
    foreach ($design in $Scenario.PSObject.Properties.Name | Where-Object { $_ -ne 'Name' }) {
        $d = $Scenario.$design
        $ratio = if ($design -eq 'MatomoPS') { '' } else { '{0,6:N2}x (MatomoPS faster)' -f ($d.Seconds / $ps) }
        $cpu = $null -ne $d.PSObject.Properties['CpuSeconds']?.Value ? ('  machine CPU {0,5:N1} s, {1,4:P0} busy' -f $d.CpuSeconds, $d.BusyShare) : ''
        Write-Host ('  {0,-10} {1,8:N3} s median  {2,4} requests  {3,-26}{4}{5}' -f $design, $d.Seconds, $d.Requests, $ratio, $cpu, ($d.Agrees ? '' : '  NUMBERS DIFFER'))
    }
    # A real server on this machine shares its cores with the client: no design can be faster than the least CPU work
    # any design's run needed (server and client), spread over every core.
    $cpus = @($Scenario.PSObject.Properties.Value | Where-Object { $_ -is [psobject] -and $null -ne $_.PSObject.Properties['CpuSeconds']?.Value } | ForEach-Object CpuSeconds)
    if ($Scenario.Name -like 'Real Matomo*visits by segment*' -and $cpus.Count -gt 0) {
        $floor = ($cpus | Measure-Object -Minimum).Minimum / [Environment]::ProcessorCount
        Write-Host ('  Floor      {0,8:N3} s: the least machine CPU of a run ({1:N1} s) over {2} cores; MatomoPS took {3:N2}x the floor' -f
            $floor, ($floor * [Environment]::ProcessorCount), [Environment]::ProcessorCount, ($ps / $floor))
    }
}

function Get-Ratio($Scenario, [string] $Design) { $Scenario.$Design.Seconds / $Scenario.MatomoPS.Seconds }

# One line of name=value pairs from the bench console, as numbers; a failed run ends the benchmark.
function Read-BenchLine([string] $Line) {
    if ($LASTEXITCODE -ne 0 -or -not $Line) { throw 'A run of the bench console failed.' }
    $values = @{}
    foreach ($pair in "$Line" -split ' ') { $name, $value = $pair -split '=', 2; $values[$name] = [double]$value }
    $values
}

$targets = [System.Collections.Generic.List[object]]::new()
function Add-Target([string] $Target, [double] $Measured, [double] $AtLeast, [string] $Unit = 'x') {
    $targets.Add([pscustomobject]@{ Target = $Target; Measured = ('{0:N2}{1}' -f $Measured, $Unit); Met = $Measured -ge $AtLeast })
}

$scenarios = [System.Collections.Generic.List[object]]::new()
$end = [datetime]'2025-06-29'   # the double's yesterday (--today 2025-06-30)
$month = @{ Start = $end.AddDays(-30).ToString('yyyy-MM-dd'); End = $end.ToString('yyyy-MM-dd') }

# The double, as before: 100 ms per HTTP request (network and server), 2 ms per API call, no worker limit.
$fake = Start-FakeMatomo -LatencyMs 100 -CallCostMs 2
try {
    $classic = Measure-Scenario 'Double, 100 ms per request and 2 ms per call: 30 languages x 31 days' $fake.Url $fake.Token `
        $DoubleLanguages[0..29] @month 'MatomoPS,Loop,Floor' 9
    $year = Measure-Scenario 'Double, 100 ms per request and 2 ms per call: 120 languages x 365 days' $fake.Url $fake.Token `
        $DoubleLanguages[0..119] $end.AddDays(-364).ToString('yyyy-MM-dd') $end.ToString('yyyy-MM-dd') 'MatomoPS,Loop,Floor' 3
    $scenarios.Add($classic); $scenarios.Add($year)
    Add-Target 'Double: faster than the loop, 30 languages (no regression of 18x; at least 10x)' (Get-Ratio $classic 'Loop') 10
}
finally { Stop-FakeMatomo $fake }

# The double with costly calls on 4 workers: a request holds a worker for its 100 ms and its 40 ms calls.
$fake = Start-FakeMatomo -LatencyMs 100 -CallCostMs 40 -Workers 4
try {
    $costly = Measure-Scenario 'Double, 4 workers, 100 ms per request and 40 ms per call: 30 languages x 31 days' $fake.Url $fake.Token `
        $DoubleLanguages[0..29] @month 'MatomoPS,Reference,Loop' 5
    $scenarios.Add($costly)
    Add-Target 'Costly double: faster than the reference design (at least 2.5x)' (Get-Ratio $costly 'Reference') 2.5
}
finally { Stop-FakeMatomo $fake }

. (Join-Path $PSScriptRoot 'Bench-RealServer.ps1')
. (Join-Path $PSScriptRoot 'Bench-VisitLog.ps1')

Write-Host 'Measuring the parse rate (10 years daily x 50 series)...'
$parse = Read-BenchLine (& dotnet $BenchPath parse --series 50 --years 10 --runs 15)
$cpuRate = $parse.points / $parse.medianCpuSeconds
# CPU time, not wall clock: on a shared machine the wall clock mostly measures the wait for a free core.
Add-Target 'At least 1 million parsed points/s (per CPU second)' ($cpuRate / 1e6) 1 ' M/s'

Write-Host 'Measuring the report parse rate and memory (flat page report, 10 years by day x 100 rows)...'
$report = Read-BenchLine (& dotnet $BenchPath report --rows 100 --years 10 --runs 7)
$streamed = Read-BenchLine (& dotnet $BenchPath report-memory --rows 100 --years 10)
$whole = Read-BenchLine (& dotnet $BenchPath report-memory --rows 100 --years 10 --whole 1)
$reportRate = $report.rows / $report.parseMedianCpuSeconds
Add-Target 'At least 1 million report rows/s (reader, per CPU second)' ($reportRate / 1e6) 1 ' M/s'
$targets.Add([pscustomobject]@{ Target = 'A report read in parts holds less than a quarter of it'
    Measured = ('{0:N0} MB of {1:N0} MB' -f ($streamed.peakHeapBytes / 1MB), ($whole.peakHeapBytes / 1MB)); Met = $streamed.peakHeapBytes * 4 -lt $whole.peakHeapBytes })

# Import time as a user meets it: Import-Module in a fresh pwsh, ten times (the chart font and drawing code must not load here).
Write-Host 'Measuring the import time (10 fresh processes)...'
$pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
$importMs = @(1..10 | ForEach-Object {
        $command = "[math]::Round((Measure-Command { Import-Module '$ModulePath' }).TotalMilliseconds)"
        [double]$(if (Test-Path $pwsh) { & $pwsh -NoProfile -NonInteractive -Command $command } else { & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $command })
    } | Sort-Object)
$importMedian = ($importMs[4] + $importMs[5]) / 2
$targets.Add([pscustomobject]@{ Target = 'Import-Module under 300 ms (median of 10 fresh processes)'; Measured = ('{0:N0} ms' -f $importMedian); Met = $importMedian -lt 300 })

Write-Host ''
Write-Host "MatomoPS $Version, $([Environment]::ProcessorCount) cores, load average $(Get-LoadAverage). Medians of runs taken in turn; the loop runs once."
foreach ($scenario in $scenarios) { Write-Scenario $scenario }
Write-Host ''
Write-Host ("Parse rate, 10 years daily x 50 series ({0:N0} points, {1:N1} MB of JSON, one bulk answer through the client's HTTP path):" -f $parse.points, ($parse.answerBytes / 1MB))
Write-Host ("  {0:N2} M points per CPU second ({1:N3} s CPU, median); wall clock {2:N3} s median; {3:N0} MB allocated per parse, peak working set {4:N0} MB" -f
    ($cpuRate / 1e6), $parse.medianCpuSeconds, $parse.medianSeconds, ($parse.allocatedBytesPerRun / 1MB), ($parse.peakWorkingSetBytes / 1MB))
Write-Host ("Report parse rate, flat page report 10 years by day x 100 rows ({0:N0} rows of 19 columns, {1:N0} MB of JSON):" -f $report.rows, ($report.answerBytes / 1MB))
Write-Host ("  reader (answer bytes to rows): {0:N2} M rows per CPU second ({1:N3} s CPU, median; best {2:N2} M/s); System.Text.Json scanning the same JSON, nothing made of it: {3:N2} M rows/s ({4:N3} s)" -f
    ($reportRate / 1e6), $report.parseMedianCpuSeconds, ($report.rows / $report.parseBestCpuSeconds / 1e6), ($report.rows / $report.scanMedianCpuSeconds / 1e6), $report.scanMedianCpuSeconds)
Write-Host ("  the same rows with the 5 columns -Column nb_hits leaves ({0:N0} MB of JSON): {1:N2} M rows per CPU second ({2:N3} s)" -f
    ($report.narrowAnswerBytes / 1MB), ($report.rows / $report.narrowMedianCpuSeconds / 1e6), $report.narrowMedianCpuSeconds)
Write-Host ("  whole client (transport and reader, parts of 10,000 rows, 4 at once): {0:N2} M rows per CPU second ({1:N3} s CPU, {2:N3} s wall clock)" -f
    ($report.rows / $report.clientMedianCpuSeconds / 1e6), $report.clientMedianCpuSeconds, $report.clientMedianSeconds)
Write-Host ("  memory: read in parts {0:N0} MB live at most (peak working set {1:N0} MB); in one request {2:N0} MB live (peak working set {3:N0} MB)" -f
    ($streamed.peakHeapBytes / 1MB), ($streamed.peakWorkingSetBytes / 1MB), ($whole.peakHeapBytes / 1MB), ($whole.peakWorkingSetBytes / 1MB))
$disagree = @($scenarios | Where-Object { $s = $_; @($s.PSObject.Properties.Name | Where-Object { $_ -ne 'Name' -and -not $s.$_.Agrees }).Count -gt 0 })
$targets.Add([pscustomobject]@{ Target = 'Every design reports the same numbers'; Measured = "$($scenarios.Count - $disagree.Count) of $($scenarios.Count) scenarios"; Met = $disagree.Count -eq 0 })
Write-Host ''
foreach ($t in $targets) { Write-Host ('{0,-8} {1,-80} {2}' -f ($t.Met ? '[met]' : '[MISSED]'), $t.Target, $t.Measured) }
$missed = @($targets | Where-Object { -not $_.Met }).Count
Write-Host ($missed -eq 0 ? 'All targets met.' : "$missed target(s) missed.")
if ($missed -gt 0) { exit 1 }
