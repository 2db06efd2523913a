BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Fake = Start-FakeMatomo
    Import-Module $env:MATOMOPS_MODULE -Force
    Connect-FakeMatomo $script:Fake
}

AfterAll {
    Disconnect-Matomo
    Stop-FakeMatomo $script:Fake
}

Describe 'Get-MatomoLanguageVisits' {
    It 'reads the languages of a CSV file by its Slug column, in file order, with the total last' {
        $csv = Join-Path $TestDrive 'languages.csv'
        "Slug,Name`nfa,Farsi`nde,Deutsch`nar,Arabic" | Set-Content -Path $csv

        $rows = Import-Csv $csv | Get-MatomoLanguageVisits -Start 2025-01-01 -End 2025-03-31 -Period Month

        $rows.Count | Should -Be 12
        ($rows | Select-Object -ExpandProperty Series -Unique) | Should -Be @('fa', 'de', 'ar', 'Total')
        $rows[0].PSObject.TypeNames[0] | Should -Be 'MatomoPS.Client.MatomoVisitsRow'
        foreach ($code in 'fa', 'de', 'ar') {
            # The same series through Get-MatomoVisits: one plain request per segment.
            $single = Get-MatomoVisits -Segment "pageUrl=@/$code/" -Start 2025-01-01 -End 2025-03-31 -Period Month
            $mine = $rows | Where-Object Series -EQ $code
            $mine.Key | Should -Be $single.Key
            $mine.Value | Should -Be $single.Value
            ($mine.Value | Measure-Object -Sum).Sum | Should -BeGreaterThan 0
        }
        $total = Get-MatomoVisits -Start 2025-01-01 -End 2025-03-31 -Period Month
        ($rows | Where-Object Series -EQ 'Total').Value | Should -Be $total.Value
    }

    It 'gives the same numbers with -NoBulk' {
        $bulk = Get-MatomoLanguageVisits -Language de, en -Start 2025-06-01 -End 2025-06-14 -Period Week
        $separate = Get-MatomoLanguageVisits -Language de, en -Start 2025-06-01 -End 2025-06-14 -Period Week -NoBulk

        $separate.Series | Should -Be $bulk.Series
        $separate.Key | Should -Be $bulk.Key
        $separate.Value | Should -Be $bulk.Value
    }

    It 'exports rows to CSV with the same columns as Get-MatomoVisits' {
        $file = Join-Path $TestDrive 'visits.csv'
        Get-MatomoLanguageVisits -Language de -Start 2025-06-01 -End 2025-06-03 -NoTotal | Export-Csv -Path $file
        $back = Import-Csv $file

        $back.Count | Should -Be 3
        $back[0].Series | Should -Be 'de'
        $back[0].Segment | Should -Be 'pageUrl=@/de/'
        $columns = (Get-MatomoVisits -Start 2025-06-01 -End 2025-06-01)[0].PSObject.Properties.Name
        $back[0].PSObject.Properties.Name | Should -Be $columns
    }
}
