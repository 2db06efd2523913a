# Invoke-MatomoApi against a real Matomo: reports the module has no command for, raw answers, bulk requests, errors.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'IntegrationHelpers.ps1')
    $TokenCases = Get-ItTokenCases
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'IntegrationHelpers.ps1')
    Import-Module $env:MATOMOPS_MODULE -Force
    $script:Sites = Initialize-ItSites

    # The pages of site A in December 2021 with their pageviews, as "label=hits" sorted by label.
    function Get-ExpectedDecemberPages {
        Get-ItVisits | Where-Object { $_.Site -eq 'A' -and $_.Day.Month -eq 12 } | ForEach-Object Pages |
            Group-Object | ForEach-Object { "$($_.Name)=$($_.Count)" } | Sort-Object -Culture ([cultureinfo]::InvariantCulture)
    }
}

AfterAll {
    Disconnect-Matomo
}

foreach ($case in $TokenCases) {
    Describe "Invoke-MatomoApi with the <TokenName> token$($case.Note)" -ForEach @($case) -Skip:$case.Skip {
        BeforeAll {
            Connect-It -Token ([Environment]::GetEnvironmentVariable($TokenVariable))
        }

        It 'gives Actions.getPageUrls with flat=1 as one object per page, every page of the month' {
            $pages = Invoke-MatomoApi Actions.getPageUrls -Parameter @{ period = 'month'; date = '2021-12-01'; flat = 1 }

            @($pages | ForEach-Object { "$($_.label)=$($_.nb_hits)" } | Sort-Object -Culture ([cultureinfo]::InvariantCulture)) | Should -Be @(Get-ExpectedDecemberPages)
            $pages[0].label | Should -Be '/en/'
            $pages.label | Should -Contain $script:ItSpecialPage
        }
    }
}

Describe 'Invoke-MatomoApi as a user drives it' {
    BeforeAll {
        Connect-It
    }

    It 'lets Matomo cut a report with filter_limit, and asks for every row without it' {
        $three = Invoke-MatomoApi Actions.getPageUrls -Parameter @{ period = 'month'; date = '2021-12-01'; flat = 1; filter_limit = 3 }
        $all = Invoke-MatomoApi Actions.getPageUrls -Parameter @{ period = 'month'; date = '2021-12-01'; flat = 1 }

        $three.Count | Should -Be 3
        $all.Count | Should -Be @(Get-ExpectedDecemberPages).Count
        $three.label | Should -Be $all[0..2].label
    }

    It 'gives a single day without visits as one row of zeros' {
        $row = Invoke-MatomoApi VisitsSummary.get -Parameter @{ period = 'day'; date = '2021-12-24' }

        @($row).Count | Should -Be 1
        $row.nb_visits | Should -Be 0
        $row.nb_uniq_visitors | Should -Be 0
        $row.bounce_rate | Should -Be '0%'
    }

    It 'gives a row per day of a date list, the empty days (Matomo''s []) with their date alone' {
        $days = Invoke-MatomoApi VisitsSummary.get -Parameter @{ period = 'day'; date = '2021-12-23,2021-12-27' }

        $days.Date | Should -Be '2021-12-23', '2021-12-24', '2021-12-25', '2021-12-26', '2021-12-27'
        $days[0].nb_visits | Should -Be 2
        foreach ($empty in $days[1..3]) { $empty.PSObject.Properties.Name | Should -Be 'Date' }
        $days[4].nb_actions | Should -Be 2
    }

    It 'gives 0, not an empty array, for the empty days of a single-metric method' {
        $days = Invoke-MatomoApi VisitsSummary.getVisits -Parameter @{ period = 'day'; date = '2021-12-23,2021-12-27' }

        $days.Date | Should -Be '2021-12-23', '2021-12-24', '2021-12-25', '2021-12-26', '2021-12-27'
        $days.Value | Should -Be 2, 0, 0, 0, 1
    }

    It 'returns Matomo''s JSON text as it came with -Raw' {
        Invoke-MatomoApi VisitsSummary.getVisits -Parameter @{ period = 'month'; date = '2021-12-01' } -Raw | Should -Be '{"value":14}'
    }

    It 'gives a bulk request''s answers in order, the failing one as Matomo''s error in its place' {
        $urls = @(
            "method=VisitsSummary.getVisits&idSite=$($script:Sites.A)&period=month&date=2021-12-01"
            "method=VisitsSummary.getUniqueVisitors&idSite=$($script:Sites.A)&period=year&date=2021-12-01"
            "method=VisitsSummary.getVisits&idSite=$($script:Sites.B)&period=month&date=2022-01-01"
        )
        $answers = Invoke-MatomoApi API.getBulkRequest -Parameter @{ urls = $urls }

        $answers.Count | Should -Be 3
        $answers[0].value | Should -Be 14
        $answers[1].result | Should -Be 'error'
        $answers[1].message | Should -BeLike 'The metric nb_uniq_visitors is not enabled for the requested period*'
        $answers[2].value | Should -Be (Get-ItExpected -Site B -Period Month | Where-Object Key -EQ '2022-01').Value
    }

    It 'reads a site with SitesManager.getSiteFromId and -SiteId' {
        $site = Invoke-MatomoApi SitesManager.getSiteFromId -SiteId $script:Sites.B

        $site.name | Should -Be (Get-ItSiteName B)
        $site.main_url | Should -Be (Get-ItMainUrl B)
        $site.timezone | Should -Be 'UTC'
    }

    It 'refuses a period Matomo does not know with Matomo''s own message' {
        $result = Invoke-ItCommand { Invoke-MatomoApi VisitsSummary.get -Parameter @{ period = 'decade'; date = '2021-12-01' } }

        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'MatomoInvalidRequest,*'
        $result.Errors[0].Exception.Message | Should -BeLike "*The period 'decade' is not supported. Try any of the following instead: day, week, month, year, range*"
    }

    It 'refuses a method that does not exist, naming it' {
        $result = Invoke-ItCommand { Invoke-MatomoApi VisitsSummary.noSuchMethod -Parameter @{ period = 'day'; date = '2021-12-01' } }

        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'MatomoInvalidRequest,*'
        $result.Errors[0].Exception.Message | Should -BeLike "*The method 'noSuchMethod' does not exist*"
    }
}
