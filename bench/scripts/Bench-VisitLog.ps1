<#
.SYNOPSIS
    The visit-log part of the Bench task, dot-sourced by bench/scripts/Bench.ps1 (it adds to its targets).
.DESCRIPTION
    Get-MatomoVisitLog against a bare loop of Live.getLastVisitsDetails pages of the same size through Invoke-RestMethod
    (bench/scripts/Measure-VisitLog.ps1), each run in a fresh pwsh, the designs taking turns; the median run counts:
      - the Matomo double (no added latency): 100,000 visits of site 1 in pages of 500, with the peak working set of the
        pwsh that read them (the whole process: PowerShell itself, the module and one page);
      - the real Matomo of ../shared/realmatomo when it runs: site 1, Q1 2023 (1,390 visits), pages of 100.
    On the double both designs must read the same visits (count and sum of ids); on the real server Get-MatomoVisitLog
    must read every visit of the range, which Matomo's own offset paging does not always give the loop.
#>

function Measure-VisitLogRun([string] $Design, [string] $Url, [string] $Token, [hashtable] $Read) {
    $resultFile = Join-Path $OutPath "bench-visitlog-$Design.json"
    if (Test-Path $resultFile) { Remove-Item $resultFile }
    $arguments = @('-Design', $Design, '-ModulePath', $ModulePath, '-Url', $Url, '-Token', $Token, '-ResultFile', $resultFile)
    foreach ($key in $Read.Keys) { $arguments += @("-$key", $Read[$key]) }
    Invoke-PwshFile -File (Join-Path $PSScriptRoot 'Measure-VisitLog.ps1') -Arguments $arguments | Out-Host
    if ($LASTEXITCODE -ne 0 -or -not (Test-Path $resultFile)) { throw "The visit log run ($Design) failed." }
    Get-Content $resultFile -Raw | ConvertFrom-Json
}

function Measure-VisitLogScenario([string] $Name, [string] $Url, [string] $Token, [hashtable] $Read, [int] $Runs) {
    Write-Host "Measuring $Name..."
    $byDesign = @{ MatomoPS = @(); Loop = @() }
    for ($i = 0; $i -lt $Runs; $i++) {
        foreach ($design in 'MatomoPS', 'Loop') { $byDesign[$design] += Measure-VisitLogRun $design $Url $Token $Read }
    }
    $median = @{}
    foreach ($design in 'MatomoPS', 'Loop') {
        $sorted = @($byDesign[$design] | Sort-Object Seconds)
        $median[$design] = $sorted[[math]::Floor($sorted.Count / 2)]
    }
    $agree = $median.MatomoPS.Visits -eq $median.Loop.Visits -and $median.MatomoPS.IdSum -eq $median.Loop.IdSum
    foreach ($design in 'MatomoPS', 'Loop') {
        $m = $median[$design]
        Write-Host ('  {0,-9} {1,9:N0} visits/s  ({2:N0} visits in {3:N2} s median, {4} requests, peak working set {5:N0} MB){6}' -f
            $design, ($m.Visits / $m.Seconds), $m.Visits, $m.Seconds, $m.Requests, $m.PeakMB, ($agree ? '' : '  VISITS DIFFER'))
    }
    [pscustomobject]@{ Name = $Name; MatomoPS = $median.MatomoPS; Loop = $median.Loop; Agrees = $agree }
}

$visitLogFake = Start-FakeMatomo
try {
    $double = Measure-VisitLogScenario 'Visit log, double: 100,000 visits of site 1 in pages of 500' $visitLogFake.Url $visitLogFake.Token `
        @{ SiteId = 1; Start = '2021-01-01'; End = '2025-06-29'; PageSize = 500; Visits = 100000 } 3
}
finally { Stop-FakeMatomo $visitLogFake }
Add-Target 'Visit log on the double: at least as many visits per second as the Invoke-RestMethod loop' ($double.Loop.Seconds / $double.MatomoPS.Seconds) 1
$targets.Add([pscustomobject]@{ Target = 'Visit log: peak working set for 100,000 visits from the double under 200 MB'
        Measured = ('{0:N0} MB' -f $double.MatomoPS.PeakMB); Met = $double.MatomoPS.PeakMB -lt 200 -and $double.MatomoPS.Visits -eq 100000 })
$targets.Add([pscustomobject]@{ Target = 'Visit log: both designs read the same visits'; Measured = "$($double.Agrees)"; Met = $double.Agrees })

$visitLogRun = $env:REALMATOMO_RUN ? $env:REALMATOMO_RUN : '/tmp/realmatomo'
. (Join-Path $Root 'tests/integration/KitHelpers.ps1')
if (Test-KitRunning $visitLogRun) {
    $visitLogKit = Read-KitEnv $visitLogRun
    $real = Measure-VisitLogScenario 'Visit log, real Matomo 5.1.2: site 1, Q1 2023 (1,390 visits) in pages of 100' $visitLogKit['MATOMO_URL'] $visitLogKit['MATOMO_TOKEN'] `
        @{ SiteId = 1; Start = '2023-01-01'; End = '2023-03-31'; PageSize = 100; Visits = 1390 } 3
    Add-Target 'Visit log on the real server: at least as many visits per second as the Invoke-RestMethod loop' ($real.Loop.Seconds / $real.MatomoPS.Seconds) 1
    # Matomo 5.1.2 pages a range by filter_offset unreliably (its query is split by dates, and an offset is carried
    # across the parts by counting): the loop may miss visits without any arriving. The cursor must not.
    $targets.Add([pscustomobject]@{ Target = 'Visit log on the real server: Get-MatomoVisitLog reads all 1,390 visits of the log'
            Measured = "$($real.MatomoPS.Visits) (the filter_offset loop: $($real.Loop.Visits))"; Met = $real.MatomoPS.Visits -eq 1390 })
}
else {
    Write-Host "Visit log, real Matomo: skipped (the kit does not run at $visitLogRun)."
}
