# Get-MatomoVisits against a real Matomo: periods across New Year, metrics, sites, empty periods and segments.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'IntegrationHelpers.ps1')
    $TokenCases = Get-ItTokenCases
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'IntegrationHelpers.ps1')
    Import-Module $env:MATOMOPS_MODULE -Force
    $script:Sites = Initialize-ItSites
}

AfterAll {
    Disconnect-Matomo
}

foreach ($case in $TokenCases) {
    Describe "Get-MatomoVisits over the year-crossing range with the <TokenName> token$($case.Note)" -ForEach @($case) -Skip:$case.Skip {
        BeforeAll {
            Connect-It -Token ([Environment]::GetEnvironmentVariable($TokenVariable))
        }

        It 'gives every day from 2021-12-20 to 2022-01-16 with its visits, empty days as 0' {
            $rows = Get-MatomoVisits -Start 2021-12-20 -End 2022-01-16 -Period Day

            Format-ItRows $rows | Should -Be (Format-ItRows (Get-ItExpected -Period Day))
            $rows.Count | Should -Be 28
            ($rows | Where-Object Key -EQ '2022-01-01').Value | Should -Be 0
            $rows[0].Date | Should -Be ([datetime]'2021-12-20')
            $rows[0].EndDate | Should -Be ([datetime]'2021-12-20')
            $rows | ForEach-Object { $_.SiteId | Should -Be $script:Sites.A }
            ($rows.Series | Select-Object -Unique) | Should -Be 'Total'
            ($rows.Metric | Select-Object -Unique) | Should -Be 'Visits'
        }

        It 'gives four ISO weeks, Monday to Sunday, the second one holding New Year' {
            $rows = Get-MatomoVisits -Start 2021-12-20 -End 2022-01-16 -Period Week

            Format-ItRows $rows | Should -Be (Format-ItRows (Get-ItExpected -Period Week))
            $rows[1].Key | Should -Be '2021-12-27,2022-01-02'
            $rows[1].Date | Should -Be ([datetime]'2021-12-27')
            $rows[1].EndDate | Should -Be ([datetime]'2022-01-02')
            $rows.Label | Should -Be 'Week 51/2021', 'Week 52/2021', 'Week 1/2022', 'Week 2/2022'
        }

        It 'gives December 2021 and January 2022' {
            $rows = Get-MatomoVisits -Start 2021-12-20 -End 2022-01-16 -Period Month

            Format-ItRows $rows | Should -Be (Format-ItRows (Get-ItExpected -Period Month))
            $rows.Key | Should -Be '2021-12', '2022-01'
            $rows[1].EndDate | Should -Be ([datetime]'2022-01-31')
        }

        It 'gives the years 2021 and 2022, each with its own visits' {
            $rows = Get-MatomoVisits -Start 2021-12-20 -End 2022-01-16 -Period Year

            Format-ItRows $rows | Should -Be (Format-ItRows (Get-ItExpected -Period Year))
            $rows.Key | Should -Be '2021', '2022'
            $rows.Value | Should -Be 14, 18
        }
    }
}

Describe 'Get-MatomoVisits: dates as written, and the days Matomo answers' {
    BeforeAll {
        Connect-It
    }

    It 'takes a date written with an offset as the date written, on any machine' {
        # +14:00 and -12:00: no machine's zone keeps both as the same day when it converts them.
        $rows = Get-MatomoVisits -Start 2021-12-31T00:00:00+14:00 -End 2022-01-02T23:59:00-12:00 -Period Day

        $rows.Key | Should -Be '2021-12-31', '2022-01-01', '2022-01-02'
        Format-ItRows $rows | Should -Be (Format-ItRows (Get-ItExpected -Period Day -Start 2021-12-31 -End 2022-01-02))
    }

    It 'is cut off by the server 31 December ten years ahead, so MatomoPS refuses such dates before asking' {
        $year = [DateTime]::UtcNow.Year + 10
        # What the server does with such a range: it answers the days up to 31 December and leaves the rest out.
        $raw = Invoke-MatomoApi VisitsSummary.getVisits -Parameter @{ period = 'day'; date = "$year-12-30,$($year + 1)-01-02" }
        $raw.Date | Should -Be "$year-12-30", "$year-12-31"

        $caught = $null
        try { Get-MatomoVisits -Start "$year-12-30" -End "$($year + 1)-01-02" -ErrorAction Stop } catch { $caught = $_ }

        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike 'MatomoInvalidArgument*'
        $caught.Exception.Message | Should -BeLike "The start $year-12-30 is after $($year - 1)-12-31, the latest date MatomoPS asks for*"
    }
}

Describe 'Get-MatomoVisits: metrics, sites, empty periods' {
    BeforeAll {
        Connect-It
    }

    It 'counts actions (pageviews) per week' {
        $rows = Get-MatomoVisits -Start 2021-12-20 -End 2022-01-16 -Period Week -Metric Actions

        Format-ItRows $rows | Should -Be (Format-ItRows (Get-ItExpected -Period Week -Metric Actions))
        ($rows.Metric | Select-Object -Unique) | Should -Be 'Actions'
    }

    It 'counts a returning visitor once per <Period> as a unique visitor' -ForEach @(@{ Period = 'Day' }, @{ Period = 'Week' }, @{ Period = 'Month' }) {
        $rows = Get-MatomoVisits -Start 2021-12-20 -End 2022-01-16 -Period $Period -Metric UniqueVisitors

        Format-ItRows $rows | Should -Be (Format-ItRows (Get-ItExpected -Period $Period -Metric UniqueVisitors))
    }

    It 'counts the users (alice, bob) per month' {
        $rows = Get-MatomoVisits -Start 2021-12-20 -End 2022-01-16 -Period Month -Metric Users

        $rows.Value | Should -Be 1, 2
        Format-ItRows $rows | Should -Be (Format-ItRows (Get-ItExpected -Period Month -Metric Users))
    }

    It 'refuses <Metric> per year with Matomo''s own message' -ForEach @(
        @{ Metric = 'UniqueVisitors'; Field = 'nb_uniq_visitors' }
        @{ Metric = 'Users'; Field = 'nb_users' }
    ) {
        $result = Invoke-ItCommand { Get-MatomoVisits -Start 2021-12-20 -End 2022-01-16 -Period Year -Metric $Metric }

        $result.Output | Should -BeNullOrEmpty
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'MatomoInvalidRequest,*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $result.Errors[0].Exception.Message | Should -BeLike "*The metric $Field is not enabled for the requested period. Please see this FAQ: https://matomo.org/faq/how-to/faq_113/*"
    }

    It 'gives the visits per year and the unique visitors'' own error, from one bulk request where only that slot failed' {
        $result = Invoke-ItCommand { Get-MatomoVisits -Start 2021-12-20 -End 2022-01-16 -Period Year -Metric Visits, UniqueVisitors -ThrottleLimit 1 -Verbose }

        Format-ItRows $result.Output | Should -Be (Format-ItRows (Get-ItExpected -Period Year))
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'MatomoInvalidRequest,*'
        $result.Errors[0].Exception.Message | Should -BeLike "Series '*': *nb_uniq_visitors is not enabled for the requested period*"
        @($result.Verbose | Where-Object { $_ -like 'POST *' }).Count | Should -Be 1
    }

    It 'gives the rows of several sites, site by site, with the empty week of site B as 0' {
        $rows = Get-MatomoVisits -SiteId $script:Sites.A, $script:Sites.B -Start 2021-12-20 -End 2022-01-16 -Period Week

        $rows.Count | Should -Be 8
        $a = $rows | Where-Object SiteId -EQ $script:Sites.A
        $b = $rows | Where-Object SiteId -EQ $script:Sites.B
        $rows[0..3].SiteId | Should -Be $script:Sites.A, $script:Sites.A, $script:Sites.A, $script:Sites.A
        Format-ItRows $a | Should -Be (Format-ItRows (Get-ItExpected -Site A -Period Week))
        Format-ItRows $b | Should -Be (Format-ItRows (Get-ItExpected -Site B -Period Week))
        ($b | Where-Object Key -EQ '2021-12-27,2022-01-02').Value | Should -Be 0
    }

    It 'gives one <Period> of several sites, asked in Matomo''s single-date form (a bare count per site)' -ForEach @(
        @{ Period = 'Day'; Start = '2021-12-20'; End = '2021-12-20' }, @{ Period = 'Week'; Start = '2021-12-20'; End = '2021-12-26' }, @{ Period = 'Month'; Start = '2021-12-01'; End = '2021-12-31' }
    ) {
        $result = Invoke-ItCommand { Get-MatomoVisits -SiteId $script:Sites.A, $script:Sites.B -Start $Start -End $End -Period $Period -Verbose }

        $result.Errors | Should -BeNullOrEmpty
        $result.Verbose | Where-Object { $_ -like 'POST *' } | Should -Match "date=$Start( |$)"
        Format-ItRows ($result.Output | Where-Object SiteId -EQ $script:Sites.A) | Should -Be (Format-ItRows (Get-ItExpected -Site A -Period $Period -Start $Start -End $End))
        Format-ItRows ($result.Output | Where-Object SiteId -EQ $script:Sites.B) | Should -Be (Format-ItRows (Get-ItExpected -Site B -Period $Period -Start $Start -End $End))
    }

    It 'gives 0 for every day of a month without visits, and for days before the site was created' {
        $november = Get-MatomoVisits -Start 2021-11-01 -End 2021-11-30 -Period Day
        $beforeCreation = Get-MatomoVisits -Start 2020-12-30 -End 2021-01-02 -Period Day

        $november.Count | Should -Be 30
        ($november.Value | Select-Object -Unique) | Should -Be 0
        $beforeCreation.Key | Should -Be '2020-12-30', '2020-12-31', '2021-01-01', '2021-01-02'
        ($beforeCreation.Value | Select-Object -Unique) | Should -Be 0
    }
}

Describe 'Get-MatomoVisits with segments' {
    BeforeAll {
        Connect-It
        $script:Special = { $_.Pages -contains $script:ItSpecialPage }
    }

    It 'encodes a value with a space, &, / and letters outside ASCII: pageUrl=@/fr/café & crème' {
        $segment = 'pageUrl=@/fr/café & crème'
        $rows = Get-MatomoVisits -Segment $segment -Start 2021-12-20 -End 2022-01-16 -Period Week

        Format-ItRows $rows | Should -Be (Format-ItRows (Get-ItExpected -Period Week -Where $script:Special))
        ($rows.Value | Measure-Object -Sum).Sum | Should -Be 3
        ($rows.Series | Select-Object -Unique) | Should -Be $segment
        ($rows.Segment | Select-Object -Unique) | Should -Be $segment
    }

    It 'sends a value the user already encoded (a comma written %2C) as it is' {
        $rows = Get-MatomoVisits -Segment 'pageUrl=@cr%C3%A8me%2C%20ol%C3%A9' -Start 2021-12-20 -End 2022-01-16 -Period Week

        Format-ItRows $rows | Should -Be (Format-ItRows (Get-ItExpected -Period Week -Where $script:Special))
    }

    It 'reads a comma between conditions as OR' {
        $rows = Get-MatomoVisits -Segment 'pageUrl=@/de/,pageUrl=@/ar/' -Start 2021-12-20 -End 2022-01-16 -Period Month

        Format-ItRows $rows | Should -Be (Format-ItRows (Get-ItExpected -Period Month -Where { (Test-ItLanguage $_ de) -or (Test-ItLanguage $_ ar) }))
    }

    It 'reads a semicolon as AND, which Matomo applies to each action: /de/ and produkte in one page' {
        $rows = Get-MatomoVisits -Segment 'pageUrl=@/de/;pageUrl=@produkte' -Start 2021-12-20 -End 2022-01-16 -Period Day

        @($rows | Where-Object Value -NE 0).Key | Should -Be '2021-12-22', '2022-01-07'
        Format-ItRows $rows | Should -Be (Format-ItRows (Get-ItExpected -Period Day -Where { Test-ItPage $_ '/de/', 'produkte' }))
    }

    It 'finds no visit for /en/ AND /de/, although one visit saw both: no single page has both' {
        $rows = Get-MatomoVisits -Segment 'pageUrl=@/en/;pageUrl=@/de/' -Start 2021-12-20 -End 2022-01-16 -Period Month

        @(Get-ItVisits | Where-Object { (Test-ItLanguage $_ en) -and (Test-ItLanguage $_ de) }).Count | Should -BeGreaterThan 0
        $rows.Value | Should -Be 0, 0
    }

    It 'gives 0 for every period when the segment matches no visit' {
        $rows = Get-MatomoVisits -Segment 'pageUrl=@/uk/' -Start 2021-12-20 -End 2022-01-16 -Period Week

        $rows.Count | Should -Be 4
        ($rows.Value | Select-Object -Unique) | Should -Be 0
    }

    It 'refuses an unknown segment dimension with Matomo''s own message' {
        $result = Invoke-ItCommand { Get-MatomoVisits -Segment 'noSuchDimension==x' -Start 2021-12-20 -End 2021-12-21 }

        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'MatomoInvalidRequest,*'
        $result.Errors[0].Exception.Message | Should -BeLike "*Segment 'noSuchDimension' is not a supported segment.*"
    }
}
