#Requires -Version 7.2
<#
.SYNOPSIS
    The main job of MatomoPS, end to end, against the bundled Matomo double: no server or token needed.
.DESCRIPTION
    Starts the Matomo double (tests/FakeMatomo) on loopback with its built-in data set (a site with
    traffic since 2020 in more than a hundred languages), imports the built module and runs what an ops
    engineer would: the site id, visits per week for the last complete quarter, visits per language per
    week, a CSV, a chart page, the same chart as PNG and SVG images, a mail-ready HTML report and a Teams card in
    <OutPath>. The double is stopped at the end, also after a failure.
    Every step prints the command it runs, so the same lines work against a real server after
    Connect-Matomo -Url https://matomo.example.org -Token (Read-Host -AsSecureString).
    Runs in its own pwsh process (build.ps1 -Task Demo starts it).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $FakePath,
    [Parameter(Mandatory)] [string] $OutPath,
    # The double's "today": later days have no traffic. The real today shows recent data.
    [datetime] $Today = [datetime]::Today
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

# The double's own test token (FakeTokens.View): no real server knows it.
Add-Type -Path $FakePath
$DemoToken = [FakeMatomo.FakeTokens]::View
$Languages = 'de', 'en', 'ar', 'fa', 'tr', 'ru', 'uk'

function Start-MatomoDouble {
    $urlFile = Join-Path ([IO.Path]::GetTempPath()) "matomops-demo-$([guid]::NewGuid()).url"
    $arguments = @($FakePath, '--today', $Today.ToString('yyyy-MM-dd'), '--url-file', $urlFile)
    $process = Start-Process -FilePath dotnet -ArgumentList $arguments -PassThru -RedirectStandardOutput ([IO.Path]::GetTempFileName())
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while (-not (Test-Path $urlFile) -or -not (Get-Content $urlFile -Raw)) {
        if ($process.HasExited) { throw "The Matomo double exited with code $($process.ExitCode)." }
        if ([DateTime]::UtcNow -gt $deadline) { $process.Kill(); throw 'The Matomo double did not start within 60 seconds.' }
        Start-Sleep -Milliseconds 100
    }
    $url = (Get-Content $urlFile -Raw).Trim()
    Remove-Item $urlFile
    [pscustomobject]@{ Process = $process; Url = $url }
}

# Prints a step's title and its command as a user would type it, then runs it and returns its output.
function Invoke-Step {
    param([string] $Title, [scriptblock] $Command)
    Write-Host ''
    Write-Host "== $Title" -ForegroundColor Cyan
    $lines = @($Command.ToString() -split '\r?\n' | Where-Object { $_.Trim() })
    $indent = ($lines | ForEach-Object { $_.Length - $_.TrimStart().Length } | Measure-Object -Minimum).Minimum
    foreach ($line in $lines) { Write-Host "PS> $($line.Substring($indent))" -ForegroundColor DarkGray }
    & $Command
}

if (-not (Test-Path $FakePath)) { throw "The Matomo double is not built ($FakePath); run ./build.ps1 first." }
$null = New-Item -ItemType Directory -Path $OutPath -Force
$OutPath = (Resolve-Path $OutPath).Path
$csvPath = Join-Path $OutPath 'visits-per-language.csv'
$chartPath = Join-Path $OutPath 'languages.html'
$pngPath = Join-Path $OutPath 'languages.png'
$svgPath = Join-Path $OutPath 'languages.svg'
$reportPath = Join-Path $OutPath 'report.html'
$cardPath = Join-Path $OutPath 'card.json'
foreach ($old in $csvPath, $chartPath, $pngPath, $svgPath, $reportPath, $cardPath) { if (Test-Path $old) { Remove-Item $old } }

# The last complete quarter before today.
$quarterStart = [datetime]::new($Today.Year, 3 * [math]::Floor(($Today.Month - 1) / 3) + 1, 1).AddMonths(-3)
$quarterEnd = $quarterStart.AddMonths(3).AddDays(-1)
$start = $quarterStart.ToString('yyyy-MM-dd'); $end = $quarterEnd.ToString('yyyy-MM-dd')

$double = Start-MatomoDouble
try {
    Write-Host "The Matomo double serves $($double.Url) (today is $($Today.ToString('yyyy-MM-dd')))."
    Import-Module (Resolve-Path $ModulePath).Path -Force
    $url = $double.Url
    $token = ConvertTo-SecureString $DemoToken -AsPlainText -Force
    Write-Host "PS> `$start = '$start'; `$end = '$end'"
    Write-Host "PS> `$languages = $(($Languages | ForEach-Object { "'$_'" }) -join ', ')"

    Invoke-Step 'Connect (against a real server: -Token (Read-Host -AsSecureString))' {
        Connect-Matomo -Url $url -Token $token -PassThru
    } | Out-Host
    Invoke-Step 'The site id' {
        Get-MatomoId
    } | Out-Host
    Invoke-Step "Visits per week, $start to $end" {
        Get-MatomoVisits -Start $start -End $end -Period Week
    } | Out-Host
    $rows = Invoke-Step 'Visits per language per week, fetched in one bulk request' {
        $languages | Get-MatomoLanguageVisits -Start $start -End $end -Period Week
    }
    Invoke-Step 'One row per week, one column per language' {
        $rows | ConvertTo-MatomoTable | Format-Table Label, de, en, ar, fa, tr, ru, uk, Total
    } | Out-Host
    Invoke-Step 'The rows as CSV' {
        $rows | Export-Csv -Path $csvPath -NoTypeInformation
    }
    Write-Host "CSV: $csvPath ($(@($rows).Count) rows)"

    Invoke-Step 'A chart page: one file, Chart.js inlined, opens offline' {
        $rows | Export-MatomoChart -Path $chartPath -Title 'Visits per language and week'
    } | Out-Host
    Write-Host "Chart: $chartPath"

    Invoke-Step 'The same chart as images, drawn in process (no browser): PNG at twice the density for mail, and SVG' {
        $rows | Export-MatomoChart -Path $pngPath -Title 'Visits per language and week' -Scale 2
        $rows | Export-MatomoChart -Path $svgPath -Title 'Visits per language and week'
    } | Out-Host
    Write-Host "Images: $pngPath, $svgPath"

    Invoke-Step 'A mail-ready HTML report: the table with the chart inline (for a mail, attach the PNG and use -ChartContentId)' {
        $image = $rows | ConvertTo-MatomoChartImage -Title 'Visits per language and week' -Scale 2
        $rows | ConvertTo-MatomoTable | ConvertTo-MatomoHtml -Title 'Visits per language and week' -ChartImage $image |
            Set-Content -Path $reportPath -Encoding utf8NoBOM
    }
    Write-Host "Report: $reportPath"

    Invoke-Step 'A Teams card of the last week against the week before, as a Workflows webhook takes it' {
        $rows | ConvertTo-MatomoAdaptiveCard -Title 'Visits per language, last week' -AsWebhookPayload |
            Set-Content -Path $cardPath -Encoding utf8NoBOM
    }
    Write-Host "Card: $cardPath"

    Disconnect-Matomo
} finally {
    if (-not $double.Process.HasExited) { $double.Process.Kill(); $double.Process.WaitForExit() }
    Write-Host 'The Matomo double is stopped.'
}
