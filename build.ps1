#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, demonstrates, benchmarks and packages MatomoPS.
.DESCRIPTION
    Tasks:
      Build    (default) builds the importable module into out/MatomoPS/
      Test     builds, runs every xUnit and Pester test and the integration suite against a real Matomo
               (when MATOMOPS_IT_URL and MATOMOPS_IT_TOKEN are set), ends with "N passed, N failed";
               with -TestPath, only the Pester tests of that file or folder (Pester comes from the NuGet cache)
      Demo     runs the main job against the bundled Matomo double
      Bench    times MatomoPS against other designs on the Matomo double, on a double with costly API calls and, when
               present, on the real Matomo kit (../shared/realmatomo), and measures the client's parse rates
      Package  publishes the module to a local PSResource repository (out/repository)
      Clean    removes out/ and the bin/obj folders
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Test -TestPath tests/pester/Charts.Tests.ps1
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Package', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Test: run only the Pester tests in this file or folder, such as tests/pester/Charts.Tests.ps1.
    [string] $TestPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'MatomoPS'
$Manifest = Join-Path $Root 'MatomoPS.psd1'
$Version = (Import-PowerShellDataFile $Manifest).ModuleVersion
$FakeDll = Join-Path $Root "tests/FakeMatomo/bin/$Configuration/net10.0/FakeMatomo.dll"

function Invoke-Native {
    param([string] $File, [string[]] $Arguments)
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$File $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

function Invoke-Build {
    Write-Host "Building MatomoPS $Version ($Configuration)"
    # Chart.js (pinned in package-lock.json) is embedded in the module assembly; it comes from npm, never from git.
    Push-Location $Root
    try { Invoke-Native npm @('ci', '--no-audit', '--no-fund', '--loglevel=error') } finally { Pop-Location }
    Invoke-Native dotnet @('build', (Join-Path $Root 'MatomoPS.sln'), '-c', $Configuration, '-nologo', '-v:q', '-clp:ErrorsOnly')

    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $ModuleOut -Force
    $bin = Join-Path $Root "src/MatomoPS/bin/$Configuration/netstandard2.0"
    # The module's own assemblies and System.Text.Json with its netstandard2.0 dependencies; PowerShell itself is never shipped.
    Get-ChildItem $bin -Filter *.dll |
        Where-Object Name -NotLike 'System.Management.Automation*' |
        Copy-Item -Destination $ModuleOut
    Copy-Item $Manifest, (Join-Path $Root 'src/MatomoPS/MatomoPS.format.ps1xml') -Destination $ModuleOut
    Copy-Item (Join-Path $Root 'THIRD-PARTY-NOTICES.txt'), (Join-Path $Root 'LICENSE') -Destination $ModuleOut
    Invoke-BuildScript 'build/Help.ps1' @('-ModulePath', (Join-Path $ModuleOut 'MatomoPS.psd1'), '-CommandHelp', (Join-Path $Root 'docs/help'),
        '-AboutHelp', (Join-Path $Root 'docs/about_MatomoPS.md'), '-Destination', (Join-Path $ModuleOut 'en-US'))
    Write-Host "Module: $ModuleOut"
}

# Runs a new pwsh process: the same PowerShell as this one, whether started as `dotnet pwsh` or as pwsh.
function Invoke-ChildPwsh {
    param([string[]] $Arguments)
    $apphost = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    if (Test-Path $apphost) { & $apphost -NoProfile -NonInteractive @Arguments }
    else { & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive @Arguments }
}

# Runs a script of the repository (build/Help.ps1, bench/scripts/Bench.ps1...) in a child pwsh: they import the built
# module, which this process must not hold.
function Invoke-BuildScript {
    param([string] $Path, [string[]] $Arguments)
    Invoke-ChildPwsh (@('-File', (Join-Path $Root $Path)) + $Arguments) | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "$Path failed with exit code $LASTEXITCODE" }
}

function Get-PesterModulePath {
    $packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $path = Join-Path $packages.Trim() 'pester/5.7.1/tools/Pester.psd1'
    if (-not (Test-Path $path)) { throw "Pester 5.7.1 is not in the NuGet cache ($path); the test project's PackageDownload restores it." }
    $path
}

function Invoke-XunitTests {
    $results = Join-Path $Out 'test-results'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    $passed = 0; $failed = 0
    foreach ($project in 'tests/MatomoPS.Client.Tests', 'tests/MatomoPS.Tests') {
        $name = Split-Path $project -Leaf
        & dotnet test (Join-Path $Root $project) -c $Configuration --no-build -nologo `
            --results-directory $results --logger "trx;LogFileName=$name.trx" --logger 'console;verbosity=normal' | Out-Host
        $trx = Join-Path $results "$name.trx"
        if (Test-Path $trx) {
            $counters = ([xml](Get-Content $trx -Raw)).TestRun.ResultSummary.Counters
            $passed += [int]$counters.passed
            $failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        } else {
            Write-Warning "$name produced no results: counted as one failure."
            $failed += 1
        }
    }
    [pscustomobject]@{ Passed = $passed; Failed = $failed }
}

# Runs the Pester files of one folder in a child pwsh (which imports the module, so this process never holds its DLL).
function Invoke-PesterTests {
    param([string] $Path = (Join-Path $Root 'tests/pester'), [string] $Name = 'pester')
    $summary = Join-Path $Out "test-results/$Name.json"
    $null = New-Item -ItemType Directory -Path (Split-Path $summary) -Force
    $script = @'
param($PesterPath, $TestPath, $Summary)
Import-Module $PesterPath -Force
$config = New-PesterConfiguration
$config.Run.Path = $TestPath
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$result = Invoke-Pester -Configuration $config
@{ Passed = $result.PassedCount; Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount; Skipped = $result.SkippedCount } |
    ConvertTo-Json | Set-Content -Path $Summary
'@
    $env:MATOMOPS_MODULE = Join-Path $ModuleOut 'MatomoPS.psd1'
    $env:MATOMOPS_FAKE = $FakeDll
    # Tests ask their servers for every period unless a test turns the cache on with a folder of its own: the doubles
    # come and go on reused ports, so entries of one test must never answer another.
    $env:MATOMOPS_CACHE_MODE = 'Off'
    $env:MATOMOPS_CACHE = Join-Path $Out 'test-cache'
    $scriptFile = Join-Path $Out 'test-results/run-pester.ps1'
    Set-Content -Path $scriptFile -Value $script
    Invoke-ChildPwsh @('-File', $scriptFile, (Get-PesterModulePath), $Path, $summary) | Out-Host
    if (Test-Path $summary) {
        $counts = Get-Content $summary -Raw | ConvertFrom-Json
        [pscustomobject]@{ Passed = [int]$counts.Passed; Failed = [int]$counts.Failed; Skipped = [int]$counts.Skipped; Note = '' }
    } else {
        Write-Warning "Pester ($Path) produced no results: counted as one failure."
        [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0; Note = '' }
    }
}

# The integration suite (tests/integration) against the real Matomo that MATOMOPS_IT_URL and MATOMOPS_IT_TOKEN name.
# Without them it is skipped with one line on a developer machine, and counted as a failure in CI (CI=true).
function Invoke-IntegrationTests {
    if ($env:MATOMOPS_IT_URL -and $env:MATOMOPS_IT_TOKEN) {
        Write-Host "Integration suite against $($env:MATOMOPS_IT_URL)"
        return Invoke-PesterTests -Path (Join-Path $Root 'tests/integration') -Name 'integration'
    }
    if ($env:CI -eq 'true') {
        Write-Host 'Integration suite failed: MATOMOPS_IT_URL and MATOMOPS_IT_TOKEN are not set, and CI=true requires a real Matomo (.ci/run starts ../shared/realmatomo; see README, Integration tests).'
        return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0; Note = ' (no server)' }
    }
    Write-Host 'Integration suite skipped: set MATOMOPS_IT_URL and MATOMOPS_IT_TOKEN (see README, Integration tests).'
    [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0; Note = ' (skipped: no MATOMOPS_IT_URL)' }
}

function Invoke-Test {
    Invoke-Build
    if ($TestPath) {
        $only = Invoke-PesterTests -Path (Resolve-Path $TestPath).Path
        Write-Host ''
        Write-Host "Pester: $($only.Passed) passed, $($only.Failed) failed, $($only.Skipped) skipped"
        Write-Host "$($only.Passed) passed, $($only.Failed) failed"
        if ($only.Failed -gt 0) { exit 1 }
        return
    }
    $xunit = Invoke-XunitTests
    $pester = Invoke-PesterTests
    $integration = Invoke-IntegrationTests
    $passed = $xunit.Passed + $pester.Passed + $integration.Passed
    $failed = $xunit.Failed + $pester.Failed + $integration.Failed
    Write-Host ''
    Write-Host ("xUnit: $($xunit.Passed) passed, $($xunit.Failed) failed; " +
        "Pester: $($pester.Passed) passed, $($pester.Failed) failed, $($pester.Skipped) skipped; " +
        "integration: $($integration.Passed) passed, $($integration.Failed) failed, $($integration.Skipped) skipped$($integration.Note)")
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Clean {
    foreach ($path in @($Out) + (Get-ChildItem $Root -Recurse -Directory -Include bin, obj | ForEach-Object FullName)) {
        if (Test-Path $path) { Remove-Item $path -Recurse -Force }
    }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' {
        Invoke-Build
        Invoke-BuildScript 'build/Demo.ps1' @('-ModulePath', (Join-Path $ModuleOut 'MatomoPS.psd1'), '-FakePath', $FakeDll, '-OutPath', (Join-Path $Out 'demo'))
    }
    'Package' {
        Invoke-Build
        Invoke-BuildScript 'build/Package.ps1' @('-ModulePath', $ModuleOut, '-OutPath', $Out)
    }
    'Clean' { Invoke-Clean }
    'Bench' {
        Invoke-Build
        Invoke-BuildScript 'bench/scripts/Bench.ps1' @('-ModulePath', (Join-Path $ModuleOut 'MatomoPS.psd1'), '-FakePath', $FakeDll, '-OutPath', $Out,
            '-BenchPath', (Join-Path $Root "bench/MatomoPS.Bench/bin/$Configuration/net10.0/MatomoPS.Bench.dll"))
    }
    default { throw "The task $Task is not written yet." }
}
