<#
.SYNOPSIS
    The real-server part of the Bench task, dot-sourced by bench/scripts/Bench.ps1 (it adds to its $scenarios and targets).
.DESCRIPTION
    Uses the real Matomo 5.1.2 of ../shared/realmatomo beside the repository, started with its setup.sh (about 1 s when
    installed; stopped again if this run started it), or skips with one line when the kit is not there. Site 1,
    January 2023, 30 languages (the kit's five with traffic and 25 without) and the total, by day:
      - cold: before every run the segments' archives are dropped (their done-flags deleted from the archive tables),
        so Matomo archives every segment again on request, as a server sees a new segment;
      - warm: the archives stay.
    Each is measured twice when php-fpm and nginx are installed (bench/scripts/MatomoFpm.ps1): with the kit's web server (PHP's
    built-in server) and with the same Matomo behind nginx and php-fpm, as production serves it; both have 4 PHP workers.
    On this 2-core machine a cold run keeps both cores busy whatever the client does: the machine's CPU, printed beside
    every design, shows the server's work, which bounds the time.
#>

$kit = Join-Path (Split-Path $Root) 'shared/realmatomo'
if (-not (Test-Path (Join-Path $kit 'setup.sh'))) {
    Write-Host "Real Matomo: skipped ($kit is not there; the benchmark then measures the double only)."
    return
}
. (Join-Path $Root 'tests/integration/KitHelpers.ps1')
$run = $env:REALMATOMO_RUN ? $env:REALMATOMO_RUN : '/tmp/realmatomo'
# Running already when its PHP server and MariaDB of this run folder run (their pid files name live processes whose
# command lines name the folder), as .ci/run checks: then it stays up after the run.
$wasRunning = Test-KitRunning $run
Write-Host "Starting the real Matomo (../shared/realmatomo/setup.sh; $(if ($wasRunning) { 'running already, it stays up' } else { 'not running, stopped again after the run' }))..."
& bash (Join-Path $kit 'setup.sh') *> (Join-Path $OutPath 'realmatomo-setup.log')
if ($LASTEXITCODE -ne 0) { throw "The real Matomo did not start; see $(Join-Path $OutPath 'realmatomo-setup.log')." }
$kitEnv = Read-KitEnv $run

try {
    # Dropping the segments' archives whole: every archive without the plain done-flag of an unsegmented archive ("done"
    # or "done.Plugin"; a segment's are "done<hash>"), its numbers and its blobs, so the tables do not grow from run to run.
    $socket = Join-Path $run 'mysqld.sock'
    $tables = @(& mariadb --no-defaults -S $socket -uroot -N matomo -e "SHOW TABLES LIKE 'matomo_archive_%'")
    $sqlFile = Join-Path $OutPath 'bench-drop-segment-archives.sql'
    $tables | Where-Object { $_ -like 'matomo_archive_numeric_*' } | ForEach-Object {
        # Matomo makes a month's blob table only when it has a blob to keep.
        $blob = $_ -replace '_numeric_', '_blob_'
        $kept = "SELECT idarchive FROM $_ WHERE name = 'done' OR name LIKE 'done.%'"
        if ($blob -in $tables) { "DELETE FROM $blob WHERE idarchive NOT IN ($kept);" }
        "DELETE FROM $_ WHERE idarchive NOT IN (SELECT idarchive FROM ($kept) AS unsegmented);"
    } | Set-Content $sqlFile
    $reset = "Get-Content -Raw '$sqlFile' | & mariadb --no-defaults -S '$socket' -uroot matomo"

    $withTraffic = 'en', 'de', 'ar', 'fa', 'uk'
    $languages = @($withTraffic) + @($DoubleLanguages | Where-Object { $_ -notin $withTraffic } | Select-Object -First 25)
    $january = @{ Start = '2023-01-01'; End = '2023-01-31' }
    $token = $kitEnv.MATOMO_TOKEN

    # Cold and warm visits by segment, and cold pageviews by page report, on one web server in front of the kit's Matomo.
    function Measure-RealServer([string] $Server, [string] $Url) {
        $cold = Measure-Scenario "Real Matomo 5.1.2, $Server, cold: visits by segment, 30 languages x 31 days" $Url $token $languages @january `
            'MatomoPS,Reference,Loop' 5 @{ ResetCommand = $reset }
        $warm = Measure-Scenario "Real Matomo 5.1.2, $Server, warm: visits by segment, 30 languages x 31 days" $Url $token $languages @january `
            'MatomoPS,Reference,Loop' 5
        $pages = Measure-Scenario "Real Matomo 5.1.2, $Server, cold: pageviews, page report against segment requests, 30 languages x 31 days" `
            $Url $token $languages @january 'MatomoPS,Reference' 3 @{ ResetCommand = $reset; Metric = 'Actions'; Source = 'PageReport' }
        $scenarios.Add($cold); $scenarios.Add($warm); $scenarios.Add($pages)
        Add-Target "Real Matomo, $Server, cold, visits by segment: faster than the reference design (at least 1.3x)" (Get-Ratio $cold 'Reference') 1.3
        Add-Target "Real Matomo, $Server, cold, pageviews by page report: faster than segment requests (at least 10x)" (Get-Ratio $pages 'Reference') 10
    }

    Measure-RealServer "PHP's built-in server" $kitEnv.MATOMO_URL
    # A runbook run again: a year of closed days from the cache of closed periods, against its first run (an empty
    # cache) and the reference design, on warm archives (a daily runbook's server has them).
    $rerun = Measure-Scenario "Real Matomo 5.1.2, PHP's built-in server, rerun of a runbook: visits by segment, 30 languages x 365 days" `
        $kitEnv.MATOMO_URL $token $languages -Start 2023-01-01 -End 2023-12-31 'MatomoPS,FirstRun,Rerun,Reference' 3
    $scenarios.Add($rerun)
    Add-Target 'Real Matomo, rerun of a runbook from the cache: faster than its first run (at least 20x)' ($rerun.FirstRun.Seconds / $rerun.Rerun.Seconds) 20
    Add-Target 'Real Matomo, rerun of a runbook from the cache: faster than the reference design (at least 20x)' ($rerun.Reference.Seconds / $rerun.Rerun.Seconds) 20
    . (Join-Path $PSScriptRoot 'MatomoFpm.ps1')
    $fpmDir = Join-Path $OutPath 'php-fpm'
    $fpm = Start-MatomoFpm (Join-Path $run 'matomo') $fpmDir
    if ($fpm) {
        try { Measure-RealServer 'nginx and php-fpm' $fpm.Url }
        finally { Stop-MatomoFpm $fpmDir }
    }
    else {
        Write-Host 'Real Matomo behind nginx and php-fpm: skipped (install the Debian packages php<version>-fpm and nginx-light to measure it).'
    }
}
finally {
    if (-not $wasRunning) { & bash (Join-Path $kit 'stop.sh') *> $null }
}
