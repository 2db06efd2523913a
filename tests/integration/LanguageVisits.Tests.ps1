# Get-MatomoLanguageVisits against a real Matomo: a series per language plus the total, in bulk requests.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'IntegrationHelpers.ps1')
    $TokenCases = Get-ItTokenCases
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'IntegrationHelpers.ps1')
    Import-Module $env:MATOMOPS_MODULE -Force
    $script:Sites = Initialize-ItSites

    # Every language series of the data set and the total, as Get-MatomoLanguageVisits must write them.
    function Get-ExpectedLanguageRows {
        param([string[]] $Language = $script:ItLanguages, [string] $Period = 'Day', [string] $Metric = 'Visits', [string] $Site = 'A', [switch] $NoTotal)
        foreach ($code in $Language) {
            Get-ItExpected -Site $Site -Period $Period -Metric $Metric -Where ([scriptblock]::Create("Test-ItLanguage `$_ '$code'")) |
                ForEach-Object { "$code $($_.Key)=$($_.Value)" }
        }
        if (-not $NoTotal) { Get-ItExpected -Site $Site -Period $Period -Metric $Metric | ForEach-Object { "Total $($_.Key)=$($_.Value)" } }
    }

    function Format-LanguageRows([object[]] $Rows) { @($Rows | ForEach-Object { "$($_.Series) $($_.Key)=$($_.Value)" }) }
}

AfterAll {
    Disconnect-Matomo
}

foreach ($case in $TokenCases) {
    Describe "Get-MatomoLanguageVisits with the <TokenName> token$($case.Note)" -ForEach @($case) -Skip:$case.Skip {
        BeforeAll {
            Connect-It -Token ([Environment]::GetEnvironmentVariable($TokenVariable))
        }

        It 'counts each language and the total for every day, in the order given, the total last' {
            $rows = Get-MatomoLanguageVisits -Language $script:ItLanguages -Start 2021-12-20 -End 2022-01-16 -Period Day

            Format-LanguageRows $rows | Should -Be (Get-ExpectedLanguageRows -Period Day)
            ($rows.Series | Select-Object -Unique) | Should -Be 'en', 'de', 'fr', 'ar', 'Total'
            ($rows | Where-Object Series -EQ 'de')[0].Segment | Should -Be 'pageUrl=@/de/'
        }
    }
}

Describe 'Get-MatomoLanguageVisits as a user drives it' {
    BeforeAll {
        Connect-It
    }

    It 'counts each language''s own pageviews from the page report in one request, as the segments do where no visit crosses languages' {
        $pages = Invoke-ItCommand { Get-MatomoLanguageVisits -Language $script:ItLanguages -Start 2021-12-20 -End 2022-01-16 -Period Week -Metric Actions -Source PageReport -Verbose }
        $segments = Get-MatomoLanguageVisits -Language $script:ItLanguages -Start 2021-12-20 -End 2022-01-16 -Period Week -Metric Actions

        # Expected by construction: the pages of each language folder per week, and every page for the total.
        $visits = @(Get-ItVisits | Where-Object Site -EQ A)
        $expected = foreach ($code in @($script:ItLanguages) + 'Total') {
            foreach ($week in $visits | Group-Object { Get-ItPeriodKey Week (Get-ItPeriodStart Week $_.Day) } | Sort-Object Name) {
                $count = @($week.Group.Pages | Where-Object { $code -eq 'Total' -or $_ -like "/$code/*" }).Count
                if ($count -gt 0 -or $code -eq 'Total') { "$code $($week.Name)=$count" }
            }
        }
        @(Format-LanguageRows $pages.Output | Where-Object { $_ -notmatch '=0$' -or $_ -like 'Total *' }) | Should -Be @($expected)
        Get-ItRequestCount $pages.Verbose | Should -Be 1

        # A segment counts every action of the visits that touched a language: the same where those visits stay in the
        # language's folder, more where one also went elsewhere (from English to German, to a page outside any language).
        $compared = 0
        foreach ($row in $pages.Output | Where-Object Series -NE 'Total') {
            $inWeek = @($visits | Where-Object { (Get-ItPeriodKey Week (Get-ItPeriodStart Week $_.Day)) -eq $row.Key -and (Test-ItLanguage $_ $row.Series) })
            $segment = ($segments | Where-Object { $_.Key -eq $row.Key -and $_.Series -eq $row.Series }).Value
            if (@($inWeek.Pages | Where-Object { $_ -notlike "/$($row.Series)/*" }).Count -eq 0) { $row.Value | Should -Be $segment; $compared++ }
            else { $row.Value | Should -BeLessThan $segment }
        }
        $compared | Should -BeGreaterThan 8
    }

    It 'counts a visit in English and German for both languages and once in the total' {
        $rows = Get-MatomoLanguageVisits -Language $script:ItLanguages -Start 2021-12-20 -End 2022-01-16 -Period Week
        $both = @(Get-ItVisits | Where-Object Site -EQ A | Where-Object { (Test-ItLanguage $_ en) -and (Test-ItLanguage $_ de) })

        Format-LanguageRows $rows | Should -Be (Get-ExpectedLanguageRows -Period Week)
        $both.Count | Should -Be 1
        $week = Get-ItPeriodKey Week (Get-ItPeriodStart Week $both[0].Day)
        $inWeek = $rows | Where-Object Key -EQ $week
        $languages = ($inWeek | Where-Object Series -NE 'Total' | Measure-Object Value -Sum).Sum
        $total = ($inWeek | Where-Object Series -EQ 'Total').Value
        # Every visit of that week has a language page, the one with two languages counts twice.
        $languages | Should -Be ($total + 1)
    }

    It 'gives the same rows spread over the server''s workers, in one bulk request, in bulk requests of two series, and one request per series' {
        $spread = Invoke-ItCommand { Get-MatomoLanguageVisits -Language $script:ItLanguages -Start 2021-12-20 -End 2022-01-16 -Period Month -Verbose }
        $bulk = Invoke-ItCommand { Get-MatomoLanguageVisits -Language $script:ItLanguages -Start 2021-12-20 -End 2022-01-16 -Period Month -ThrottleLimit 1 -Verbose }
        $small = Invoke-ItCommand { Get-MatomoLanguageVisits -Language $script:ItLanguages -Start 2021-12-20 -End 2022-01-16 -Period Month -ThrottleLimit 1 -BatchSize 2 -Verbose }
        $single = Invoke-ItCommand { Get-MatomoLanguageVisits -Language $script:ItLanguages -Start 2021-12-20 -End 2022-01-16 -Period Month -NoBulk -Verbose }

        Format-LanguageRows $spread.Output | Should -Be (Get-ExpectedLanguageRows -Period Month)
        Format-LanguageRows $bulk.Output | Should -Be (Format-LanguageRows $spread.Output)
        Format-LanguageRows $small.Output | Should -Be (Format-LanguageRows $spread.Output)
        Format-LanguageRows $single.Output | Should -Be (Format-LanguageRows $spread.Output)
        # Five series: the default -ThrottleLimit 4 spreads them over four requests (2, 1, 1, 1).
        Get-ItRequestCount $spread.Verbose | Should -Be 4
        Get-ItRequestCount $bulk.Verbose | Should -Be 1
        Get-ItRequestCount $small.Verbose | Should -Be 3
        Get-ItRequestCount $single.Verbose | Should -Be 5
    }

    It 'reads the language codes from the pipeline, by the Slug column of a CSV file' {
        $csv = Join-Path $TestDrive 'languages.csv'
        "Slug,Name`nar,Arabic`nfr,French" | Set-Content -Path $csv

        $rows = Import-Csv $csv | Get-MatomoLanguageVisits -Start 2021-12-20 -End 2022-01-16 -Period Year -NoTotal

        Format-LanguageRows $rows | Should -Be (Get-ExpectedLanguageRows -Language ar, fr -Period Year -NoTotal)
    }

    It 'counts the actions of whole visits: a visit found by its German page brings its English page too' {
        $rows = Get-MatomoLanguageVisits -Language de, en -Start 2021-12-20 -End 2022-01-16 -Period Month -Metric Actions

        Format-LanguageRows $rows | Should -Be (Get-ExpectedLanguageRows -Language de, en -Period Month -Metric Actions)
    }

    It 'counts unique visitors per language and week' {
        $rows = Get-MatomoLanguageVisits -Language en, fr -Start 2021-12-20 -End 2022-01-16 -Period Week -Metric UniqueVisitors

        Format-LanguageRows $rows | Should -Be (Get-ExpectedLanguageRows -Language en, fr -Period Week -Metric UniqueVisitors)
    }

    It 'writes every period of a language without visits as 0' {
        $rows = Get-MatomoLanguageVisits -Language uk -Start 2021-12-20 -End 2022-01-16 -Period Week -NoTotal

        $rows.Count | Should -Be 4
        ($rows.Series | Select-Object -Unique) | Should -Be 'uk'
        ($rows.Value | Select-Object -Unique) | Should -Be 0
    }

    It 'gives the series of two sites, each with its own numbers' {
        $rows = Get-MatomoLanguageVisits -Language en, de -SiteId $script:Sites.A, $script:Sites.B -Start 2021-12-20 -End 2022-01-16 -Period Week

        Format-LanguageRows ($rows | Where-Object SiteId -EQ $script:Sites.A) | Should -Be (Get-ExpectedLanguageRows -Language en, de -Period Week)
        Format-LanguageRows ($rows | Where-Object SiteId -EQ $script:Sites.B) | Should -Be (Get-ExpectedLanguageRows -Language en, de -Period Week -Site B)
    }

    It 'takes a segment template with characters that need encoding: pageUrl=^https://a.matomops-it.test/{0}/' {
        $rows = Get-MatomoLanguageVisits -Language de, ar -SegmentTemplate "pageUrl=^$(Get-ItMainUrl A)/{0}/" -Start 2021-12-20 -End 2022-01-16 -Period Month -NoTotal

        Format-LanguageRows $rows | Should -Be (Get-ExpectedLanguageRows -Language de, ar -Period Month -NoTotal)
        $rows[0].Segment | Should -Be 'pageUrl=^https://a.matomops-it.test/de/'
    }

    It 'gives each series its own error, with the series as target, when Matomo refuses unique visitors per year' {
        $result = Invoke-ItCommand { Get-MatomoLanguageVisits -Language en, de -Start 2021-12-20 -End 2022-01-16 -Period Year -Metric UniqueVisitors }

        $result.Output | Should -BeNullOrEmpty
        $result.Errors.Count | Should -Be 3
        $result.Errors.TargetObject | Should -Be 'en', 'de', 'Total'
        $result.Errors | ForEach-Object {
            $_.FullyQualifiedErrorId | Should -BeLike 'MatomoInvalidRequest,*'
            $_.Exception.Message | Should -BeLike '*The metric nb_uniq_visitors is not enabled for the requested period*'
        }
    }
}
