# The cache of closed periods against a real Matomo: a rerun sends no data request and gives the rows the server
# gives, for series and for a report; a viewer's token is refused a site another token cached.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'IntegrationHelpers.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'IntegrationHelpers.ps1')
    Import-Module $env:MATOMOPS_MODULE -Force
    $script:Settings = Get-ItSettings
    $script:Folder = Join-Path $TestDrive 'cache'

    function Connect-Cached([string] $Token = $script:Settings.Token, [int] $SiteId = 1) {
        Connect-Matomo -Url $script:Settings.Url -Token (ConvertTo-ItSecureString $Token) -SiteId $SiteId -Cache ReadWrite -CachePath $script:Folder
    }

    # What a command wrote and the data requests it sent (its -Verbose lines of POST requests for data).
    function Invoke-Counted([scriptblock] $Command) {
        $VerbosePreference = 'Continue'
        $output = & $Command 4>&1
        [pscustomobject]@{
            Rows     = @($output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] } | ConvertTo-Csv -NoTypeInformation)
            Requests = @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'POST *' -and $_.Message -notmatch 'SitesManager|API\.getReportMetadata' }).Count
        }
    }
}

AfterAll {
    Disconnect-Matomo
}

Describe 'The cache of closed periods on a real Matomo' {
    It 'reads a rerun of series and of a report from the cache, with the rows the server gives' {
        Connect-Cached
        $series = { 'de', 'en', 'ar' | Get-MatomoLanguageVisits -Start 2023-01-01 -End 2023-03-31 }
        $report = { Get-MatomoReport Actions.getPageUrls -Flat -Period Month -Start 2023-01-01 -End 2023-03-31 }
        $firstSeries = Invoke-Counted $series
        $firstReport = Invoke-Counted $report

        $againSeries = Invoke-Counted $series
        $againReport = Invoke-Counted $report

        $firstSeries.Requests | Should -BeGreaterThan 0
        $firstReport.Requests | Should -BeGreaterThan 0
        $againSeries.Requests | Should -Be 0
        $againReport.Requests | Should -Be 0
        $againSeries.Rows | Should -Be $firstSeries.Rows
        $againReport.Rows | Should -Be $firstReport.Rows
        (Invoke-Counted { & $report -NoCache }).Rows | Should -Be $firstReport.Rows
        (Get-MatomoCacheInfo -Path $script:Folder).Entries | Should -BeGreaterThan 0
    }

    It 'refuses a token the site another token cached, with Matomo''s words, and reads nothing from the cache for it' -Skip:(-not (Get-ItSettings).ViewerToken -or (Get-ItSettings).ViewerSiteId -eq '1') {
        Connect-Cached
        $null = Get-MatomoVisits -SiteId 1 -Start 2023-01-01 -End 2023-01-31
        Connect-Cached -Token $script:Settings.ViewerToken -SiteId $script:Settings.ViewerSiteId

        $result = Invoke-ItCommand { Get-MatomoVisits -SiteId 1 -Start 2023-01-01 -End 2023-01-31 }

        $result.Output | Should -BeNullOrEmpty
        "$($result.Errors)" | Should -Match 'may not view site 1' -Because "$($result.Errors)"
    }
}
