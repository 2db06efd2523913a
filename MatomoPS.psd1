@{
    RootModule           = 'MatomoPS.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '7d3c1f5e-6a2b-4f0e-9c8d-2b1a4e6f8c31'
    Author               = 'MatomoPS contributors'
    CompanyName          = 'MatomoPS'
    Copyright            = '(c) 2026 MatomoPS contributors. MIT License.'
    Description          = 'Matomo analytics from PowerShell: visits, actions and unique visitors per day, week, month or year, per language in one round trip, and every Matomo report (pages, referrers, countries...) as rows, as typed objects for CSV, JSON and charts. Binary cmdlets over an async client that keeps the token secret and retries what heals. Runs on The raw visit log as rows (Get-MatomoVisitLog: paged by a cursor of time and visit ids, settled visits only unless -IncludeOpen, resumable with -After or -StatePath, a page size that shrinks when the server runs out of memory or time). Health of tracking and archiving per site for runbooks (Test-MatomoHealth: latest visit, tracking failures, archived visits against the visit log, -FailOn). Every site at a glance with the change against the previous period (Get-MatomoSiteSummary), and archived reports invalidated for re-processing with -WhatIf/-Confirm (Reset-MatomoArchive). PowerShell 7.4+ and Windows PowerShell 5.1.'
    CompatiblePSEditions = @('Desktop', 'Core')
    # Windows PowerShell 5.1, or PowerShell 7.4 and later: the module refuses 7.2 and 7.3 when imported (their
    # System.Text.Json is older than the version 8 it needs), as a manifest cannot set a minimum per edition.
    PowerShellVersion    = '5.1'
    FormatsToProcess     = @('MatomoPS.format.ps1xml')
    CmdletsToExport      = @(
        'Connect-Matomo'
        'Disconnect-Matomo'
        'Get-MatomoConnection'
        'Get-MatomoId'
        'Get-MatomoSite'
        'Get-MatomoVisits'
        'Get-MatomoLanguageVisits'
        'Invoke-MatomoApi'
        'Get-MatomoCacheInfo'
        'Clear-MatomoCache'
        'Get-MatomoReport'
        'Get-MatomoReportMetadata'
        'ConvertTo-MatomoChartData'
        'ConvertTo-MatomoTable'
        'Export-MatomoChart'
        'ConvertTo-MatomoChartImage'
        'ConvertTo-MatomoHtml'
        'ConvertTo-MatomoAdaptiveCard'
        'Get-MatomoVisitLog'
        'Test-MatomoHealth'
        'Reset-MatomoArchive'
        'Get-MatomoSiteSummary'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Matomo', 'Analytics', 'Reporting', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://github.com/matomops/MatomoPS/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/matomops/MatomoPS'
            ReleaseNotes = 'Commands: Connect-Matomo, Disconnect-Matomo, Get-MatomoConnection, Get-MatomoId, Get-MatomoSite, Get-MatomoVisits, Get-MatomoLanguageVisits, Get-MatomoReport, Get-MatomoReportMetadata, Invoke-MatomoApi, ConvertTo-MatomoTable, ConvertTo-MatomoChartData, Export-MatomoChart, ConvertTo-MatomoChartImage, ConvertTo-MatomoHtml, ConvertTo-MatomoAdaptiveCard, Get-MatomoCacheInfo, Clear-MatomoCache, Get-MatomoVisitLog, Test-MatomoHealth, Get-MatomoSiteSummary, Reset-MatomoArchive. Several metrics per call, site ids from the pipeline, labels in the session culture, per-series errors that name the series, retries with backoff that never repeat a failed authentication, full help (Get-Help <command> -Full, about_MatomoPS), -SiteId completion by id or name. Every Matomo report as rows (Get-MatomoReport: page URLs, referrers, countries..., flat or by label path, every row by default, paged with -First/-Skip, read in parts with bounded memory), the report list of the server (Get-MatomoReportMetadata, -Report completion), charts and tables of report rows by label (-Metric, -Top, the rest as Others). Reports that leave the machine: charts as PNG and SVG drawn in process (no browser, no native library), mail-safe HTML reports with the chart inline, Adaptive Cards for Teams Workflows webhooks. A local cache of closed periods for series and report rows (a rerun asks only for what it lacks; -NoCache, -Refresh, Connect-Matomo -Cache); -Compare PreviousPeriod|PreviousYear. The raw visit log as rows (Get-MatomoVisitLog: paged by a cursor of time and visit ids, settled visits only unless -IncludeOpen, resumable with -After or -StatePath, a page size that shrinks when the server runs out of memory or time). Health of tracking and archiving per site for runbooks (Test-MatomoHealth: latest visit, tracking failures, archived visits against the visit log, -FailOn). Every site at a glance with the change against the previous period (Get-MatomoSiteSummary), and archived reports invalidated for re-processing with -WhatIf/-Confirm (Reset-MatomoArchive). PowerShell 7.4+ and Windows PowerShell 5.1.'
        }
    }
}
