# -Compare against a real Matomo: every compared value equals the previous period asked for separately, for visits,
# named series and two reports of the kit's data (site 1, 2023).
BeforeAll {
    . (Join-Path $PSScriptRoot 'IntegrationHelpers.ps1')
    Import-Module $env:MATOMOPS_MODULE -Force
    Connect-It
    $script:Site = 1

    # "series key value" lines of rows, for one assertion with a readable diff.
    function Format-Values($Rows, [string] $Key = 'Key', [string] $Value = 'Value') { @($Rows | ForEach-Object { "$($_.Series) $($_.$Key) $($_.$Value)" }) }
}

AfterAll {
    Disconnect-Matomo
}

Describe 'Get-MatomoVisits -Compare against the periods asked separately' {
    It 'compares each week with the week as many weeks before, visits and named series alike' {
        $series = [ordered]@{ de = 'pageUrl=@/de/'; en = 'pageUrl=@/en/' }
        $rows = Get-MatomoVisits -SiteId $script:Site -Series $series -IncludeTotal -Period Week -Start 2023-02-06 -End 2023-02-26 -Compare PreviousPeriod
        $before = Get-MatomoVisits -SiteId $script:Site -Series $series -IncludeTotal -Period Week -Start 2023-01-16 -End 2023-02-05

        Format-Values $rows 'PreviousKey' 'PreviousValue' | Should -Be (Format-Values $before)
        $rows | ForEach-Object { $_.Change | Should -Be (($_.Value - $_.PreviousValue) / $_.PreviousValue) }
    }

    It 'compares each month with the same month a year before, which holds no visits' {
        $rows = Get-MatomoVisits -SiteId $script:Site -Period Month -Start 2023-01-01 -End 2023-03-31 -Compare PreviousYear

        @($rows.PreviousKey) | Should -Be @('2022-01', '2022-02', '2022-03')
        @($rows.PreviousValue) | Should -Be @(0, 0, 0)
        @($rows | Where-Object { $null -ne $_.Change }) | Should -BeNullOrEmpty
    }
}

Describe 'Get-MatomoReport -Compare against the periods asked separately' {
    It 'gives each country of March its February values and the change' {
        $rows = Get-MatomoReport UserCountry.getCountry -SiteId $script:Site -Period Month -Start 2023-03-01 -End 2023-03-31 -Compare PreviousPeriod
        $before = Get-MatomoReport UserCountry.getCountry -SiteId $script:Site -Period Month -Start 2023-02-01 -End 2023-02-28

        $rows.Count | Should -BeGreaterThan 3
        foreach ($row in $rows) {
            $match = $before | Where-Object Label -EQ $row.Label
            $row.nb_visits_previous | Should -Be $match.nb_visits
            $row.nb_actions_previous | Should -Be $match.nb_actions
            $row.nb_visits_change | Should -Be (($row.nb_visits - $match.nb_visits) / $match.nb_visits)
        }
    }

    It 'gives each page of a range the values of the range of as many days before, every row of it though the page is paged' {
        $rows = Get-MatomoReport Actions.getPageUrls -Flat -SiteId $script:Site -Period Range -Start 2023-02-15 -End 2023-02-28 -Sort nb_hits -Descending -First 5 -Compare PreviousPeriod
        $before = Get-MatomoReport Actions.getPageUrls -Flat -SiteId $script:Site -Period Range -Start 2023-02-01 -End 2023-02-14

        $rows.Count | Should -Be 5
        foreach ($row in $rows) {
            $match = $before | Where-Object Label -EQ $row.Label
            $row.nb_hits_previous | Should -Be $match.nb_hits
            $row.nb_hits_change | Should -Be (($row.nb_hits - $match.nb_hits) / $match.nb_hits)
        }
    }
}
