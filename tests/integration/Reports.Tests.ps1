# Get-MatomoReport and Get-MatomoReportMetadata against a real Matomo: the suite's own pageviews as page reports (by
# folder per week, flat, by label path, paged), countries of two sites, drilling into visits, the report list and charts.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'IntegrationHelpers.ps1')
    $TokenCases = Get-ItTokenCases
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'IntegrationHelpers.ps1')
    Import-Module $env:MATOMOPS_MODULE -Force
    $script:Sites = Initialize-ItSites

    # Every pageview of site A from $Start to $End as its path, such as '/en/pricing.html'.
    function Get-ItPageViews([datetime] $Start = $script:ItStart, [datetime] $End = $script:ItEnd, [string] $Site = 'A') {
        Get-ItVisits | Where-Object { $_.Site -eq $Site -and $_.Day -ge $Start -and $_.Day -le $End } | ForEach-Object { $_.Pages }
    }

    # "label=count" lines, sorted, for one assertion with a readable diff.
    function Format-ItCounts($Pairs) { @($Pairs | ForEach-Object { "$($_.Name)=$($_.Count)" } | Sort-Object) }
}

AfterAll {
    Disconnect-Matomo
}

foreach ($case in $TokenCases) {
    Describe "Get-MatomoReport of the suite's pageviews with the <TokenName> token$($case.Note)" -ForEach @($case) -Skip:$case.Skip {
        BeforeAll {
            Connect-It -Token ([Environment]::GetEnvironmentVariable($TokenVariable))
        }

        It 'gives each language folder its pageviews per week, which add up to every pageview of the week' {
            $rows = Get-MatomoReport Actions.getPageUrls -Period Week -Start 2021-12-20 -End 2022-01-16

            $weeks = Get-ItExpected -Period Week -Metric Actions
            ($rows.Key | Select-Object -Unique) | Should -Be $weeks.Key
            foreach ($week in $weeks) {
                $first = [datetime]::ParseExact($week.Key.Substring(0, 10), 'yyyy-MM-dd', [cultureinfo]::InvariantCulture)
                $expected = Get-ItPageViews $first $first.AddDays(6) | Group-Object { ($_ -split '/')[1] }
                $inWeek = @($rows | Where-Object Key -EQ $week.Key)
                Format-ItCounts ($inWeek | ForEach-Object { [pscustomobject]@{ Name = $_.Label; Count = $_.nb_hits } }) | Should -Be (Format-ItCounts $expected)
                ($inWeek | Measure-Object nb_hits -Sum).Sum | Should -Be $week.Value
            }
        }

        It 'gives every page of the range flat, as numbers, with the special characters of a page intact' {
            $rows = Get-MatomoReport Actions.getPageUrls -Flat -Period Range -Start 2021-12-20 -End 2022-01-16

            $expected = Get-ItPageViews | Group-Object
            Format-ItCounts ($rows | ForEach-Object { [pscustomobject]@{ Name = $_.Label; Count = $_.nb_hits } }) | Should -Be (Format-ItCounts $expected)
            $rows[0].nb_hits | Should -BeOfType [long]
            $rows[0].bounce_rate | Should -BeOfType [double]
            $rows[0].Key | Should -Be '2021-12-20,2022-01-16'
            ($rows | Where-Object Label -EQ $script:ItSpecialPage).url | Should -Be "https://a.matomops-it.test$($script:ItSpecialPage)"
        }

        It "reaches a page by a label path through a folder with '&' and ',' in its name, per month" {
            $rows = Get-MatomoReport Actions.getPageUrls -Label 'fr>café & crème, olé>/index' -Period Month -Start 2021-12-20 -End 2022-01-16

            $rows.Key | Should -Be '2021-12', '2022-01'
            $rows.nb_hits | Should -Be @(
                @(Get-ItPageViews $script:ItStart ([datetime]'2021-12-31') | Where-Object { $_ -eq $script:ItSpecialPage }).Count
                @(Get-ItPageViews ([datetime]'2022-01-01') $script:ItEnd | Where-Object { $_ -eq $script:ItSpecialPage }).Count)
        }

        It 'gives no rows and no error for a label path without a match' {
            $result = Invoke-ItCommand { Get-MatomoReport Actions.getPageUrls -Label 'fr>no-such-folder>/index' -Period Week -Start 2021-12-20 -End 2022-01-16 }

            $result.Output | Should -BeNullOrEmpty
            $result.Errors | Should -BeNullOrEmpty
        }
    }
}

Describe 'Get-MatomoReport: paging, sites, drilling down, charts' {
    BeforeAll {
        Connect-It
    }

    It 'reads Referrers.getAll for one day, which Matomo refuses as a date list even of one day' {
        $raw = @(Invoke-ItApi Referrers.getAll @{ idSite = $script:Sites.A; period = 'day'; date = '2021-12-20'; filter_limit = '-1'; format_metrics = '0' })

        $result = Invoke-ItCommand { Get-MatomoReport Referrers.getAll -Period Day -Start 2021-12-20 -End 2021-12-20 }

        $result.Errors | Should -BeNullOrEmpty
        @($result.Output).Count | Should -Be $raw.Count
        @($result.Output | ForEach-Object { "$($_.Label)=$($_.nb_visits)" }) | Should -Be @($raw | ForEach-Object { "$($_.label)=$($_.nb_visits)" })
    }

    It 'reads Referrers.getReferrerType for both sites, which Matomo serves one site at a time, site by site' {
        $result = Invoke-ItCommand { Get-MatomoReport Referrers.getReferrerType -SiteId $script:Sites.A, $script:Sites.B -Period Month -Start 2021-12-01 -End 2022-01-31 -Verbose }

        $result.Errors | Should -BeNullOrEmpty
        $result.Verbose | Where-Object { $_ -like '*asking site by site*' } | Should -Not -BeNullOrEmpty
        foreach ($site in $script:Sites.A, $script:Sites.B) {
            $raw = Invoke-ItApi Referrers.getReferrerType @{ idSite = $site; period = 'month'; date = '2021-12-01,2022-01-31'; filter_limit = '-1'; format_metrics = '0' }
            $expected = foreach ($month in '2021-12', '2022-01') { @($raw.$month) | Where-Object { $_ } | ForEach-Object { "$month $($_.label)=$($_.nb_visits)" } }
            @($result.Output | Where-Object SiteId -EQ $site | ForEach-Object { "$($_.Key) $($_.Label)=$($_.nb_visits)" }) | Should -Be @($expected)
        }
    }

    It 'pages each week with -First and -Skip, and counts every row exactly' {
        $all = Get-MatomoReport Actions.getPageUrls -Flat -Period Week -Start 2021-12-20 -End 2022-01-16
        $page = Get-MatomoReport Actions.getPageUrls -Flat -Period Week -Start 2021-12-20 -End 2022-01-16 -First 2 -Skip 1 -IncludeTotalCount

        $rows = @($page | Select-Object -SkipLast 1)
        foreach ($week in $all.Key | Select-Object -Unique) {
            @($rows | Where-Object Key -EQ $week).Label | Should -Be @($all | Where-Object Key -EQ $week | Select-Object -Skip 1 -First 2).Label
        }
        ($page[-1] | Out-String).Trim() | Should -Be "Total count: $(@($all).Count)"
    }

    It 'refuses a -Sort or -Column name the report does not have, which Matomo itself ignores, and takes those its rows have' {
        # What Matomo does with them: the unknown sort is ignored, the unknown column leaves rows without a metric.
        $ignored = @(Invoke-ItApi Actions.getPageUrls @{ idSite = $script:Sites.A; period = 'month'; date = '2021-12-01'; flat = '1'; filter_limit = '-1'; showColumns = 'nb_nothing' })
        $ignored.Count | Should -BeGreaterThan 0
        $ignored[0].PSObject.Properties.Name | Should -Not -Contain 'nb_hits'

        foreach ($option in @{ Sort = 'nb_nothing' }, @{ Column = 'nb_nothing' }) {
            $result = Invoke-ItCommand { Get-MatomoReport Actions.getPageUrls -Flat -Period Month -Start 2021-12-01 -End 2021-12-31 @option }
            $result.Output | Should -BeNullOrEmpty
            $result.Errors.Count | Should -Be 1
            "$($result.Errors[0])" | Should -Match "has no column named by -$($option.Keys) nb_nothing"
            "$($result.Errors[0])" | Should -Match 'nb_hits'
        }

        # sum_time_spent is not in the server's report list, but in its rows.
        $result = Invoke-ItCommand { Get-MatomoReport Actions.getPageUrls -Flat -Sort sum_time_spent -Descending -Column sum_time_spent -Period Month -Start 2021-12-01 -End 2021-12-31 }
        $result.Errors | Should -BeNullOrEmpty
        $raw = @(Invoke-ItApi Actions.getPageUrls @{ idSite = $script:Sites.A; period = 'month'; date = '2021-12-01'; flat = '1'; filter_limit = '-1'; format_metrics = '0'; filter_sort_column = 'sum_time_spent'; filter_sort_order = 'desc'; showColumns = 'sum_time_spent' })
        @($result.Output | ForEach-Object { "$($_.Label)=$($_.sum_time_spent)" }) | Should -Be @($raw | ForEach-Object { "$($_.label)=$($_.sum_time_spent)" })
        @($result.Output | Where-Object IsOthers) | Should -BeNullOrEmpty
    }

    It 'drills from a page row into its visits with the row segment' {
        $row = Get-MatomoReport Actions.getPageUrls -Flat -Period Range -Start 2021-12-20 -End 2022-01-16 | Where-Object Label -EQ $script:ItSpecialPage

        $visits = Get-MatomoVisits -Segment $row.RowSegment -Period Month -Start 2021-12-20 -End 2022-01-16
        ($visits | Measure-Object Value -Sum).Sum | Should -Be $row.nb_visits
        $row.nb_visits | Should -Be @(Get-ItVisits | Where-Object { $_.Site -eq 'A' -and $_.Pages -contains $script:ItSpecialPage }).Count
    }

    It 'gives the countries of both sites for the range, from the browser language the suite sends' {
        $rows = Get-MatomoReport UserCountry.getCountry -SiteId $script:Sites.B, $script:Sites.A -Period Range -Start 2021-12-20 -End 2022-01-16

        $rows.SiteId | Should -Be $script:Sites.B, $script:Sites.A
        $rows.Label | Should -Be 'United States', 'United States'
        $rows.nb_visits | Should -Be @(Get-ItVisits | Where-Object Site -EQ 'B').Count, @(Get-ItVisits | Where-Object Site -EQ 'A').Count
    }

    It 'arranges the language folders per week as a table of the top folders and Others' {
        $table = Get-MatomoReport Actions.getPageUrls -Period Week -Start 2021-12-20 -End 2022-01-16 | ConvertTo-MatomoTable -Metric nb_hits -Top 2

        $table.Count | Should -Be 4
        @($table[0].psobject.Properties.Name) | Should -HaveCount 6
        $table[0].psobject.Properties.Name[-1] | Should -Be 'Others'
        $weeks = Get-ItExpected -Period Week -Metric Actions
        for ($i = 0; $i -lt 4; $i++) {
            ($table[$i].psobject.Properties | Select-Object -Skip 3 | Measure-Object Value -Sum).Sum | Should -Be $weeks[$i].Value
        }
    }

    It 'lists the reports of the server, completes -Report from them and refuses an unknown one with the closest names' {
        $pages = Get-MatomoReportMetadata Actions.getPageUrls
        $pages.Name | Should -Be 'Page URLs'
        $pages.Metrics.Name | Should -Contain 'nb_hits'
        (Get-MatomoReportMetadata | Out-String -Width 500) | Should -Not -Match ([regex]::Escape((Get-ItSettings).Token))

        $completion = (TabExpansion2 -inputScript 'Get-MatomoReport Actions.getPageUr' -cursorColumn 34).CompletionMatches
        $completion.CompletionText | Should -Contain 'Actions.getPageUrls'
        ($completion | Where-Object CompletionText -EQ 'Actions.getPageUrls').ToolTip | Should -Be 'Page URLs (Actions > Pages)'

        $result = Invoke-ItCommand { Get-MatomoReport Actions.getPageUrl -Period Week -Start 2021-12-20 -End 2022-01-16 }
        "$($result.Errors)" | Should -Match 'closest are Actions\.getPageUrls'
    }
}
