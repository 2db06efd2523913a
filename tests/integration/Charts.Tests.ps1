# Charts and the wide table from rows a real Matomo gave: ConvertTo-MatomoTable, ConvertTo-MatomoChartData,
# Export-MatomoChart. These commands make no requests; the rows come from the suite's sites.
BeforeAll {
    . (Join-Path $PSScriptRoot 'IntegrationHelpers.ps1')
    Import-Module $env:MATOMOPS_MODULE -Force
    $script:Sites = Initialize-ItSites
    Connect-It
    $script:Rows = Get-MatomoLanguageVisits -Language $script:ItLanguages -Start 2021-12-20 -End 2022-01-16 -Period Week
    $script:Weeks = Get-ItExpected -Period Week

    function Get-ExpectedWeekly([string] $Series) {
        $where = if ($Series -eq 'Total') { { $true } } else { [scriptblock]::Create("Test-ItLanguage `$_ '$Series'") }
        @(Get-ItExpected -Period Week -Where $where | ForEach-Object Value)
    }
}

AfterAll {
    Disconnect-Matomo
}

Describe 'Charts and tables from real rows' {
    It 'arranges language rows as one line per week with a column per series' {
        $table = $script:Rows | ConvertTo-MatomoTable

        $table.Count | Should -Be 4
        $table[0].PSObject.Properties.Name | Should -Be 'Date', 'Label', 'Key', 'en', 'de', 'fr', 'ar', 'Total'
        $table.Key | Should -Be $script:Weeks.Key
        $table.Label | Should -Be 'Week 51/2021', 'Week 52/2021', 'Week 1/2022', 'Week 2/2022'
        foreach ($series in @($script:ItLanguages) + 'Total') { @($table.$series) | Should -Be (Get-ExpectedWeekly $series) }
    }

    It 'gives Chart.js data with a dataset per series, the numbers in week order and the total in black' {
        $data = $script:Rows | ConvertTo-MatomoChartData

        $data.labels | Should -Be 'Week 51/2021', 'Week 52/2021', 'Week 1/2022', 'Week 2/2022'
        $data.exportLabels | Should -Be $script:Weeks.Key
        $data.datasets.label | Should -Be 'en', 'de', 'fr', 'ar', 'Total'
        foreach ($dataset in $data.datasets) { @($dataset.data) | Should -Be (Get-ExpectedWeekly $dataset.label) }
        ($data.datasets | Where-Object label -EQ 'Total').borderColor | Should -Be 'rgb(0, 0, 0)'
    }

    It 'writes one HTML page with the title and every number of the chart' {
        $path = Join-Path $TestDrive 'languages.html'
        $file = $script:Rows | Export-MatomoChart -Path $path -Title 'Integration: visits per language and week' -PassThru
        $page = Get-Content $path -Raw
        $json = $script:Rows | ConvertTo-MatomoChartData -AsJson

        $file.FullName | Should -Be $path
        $page | Should -Match 'Integration: visits per language and week'
        $page | Should -Match 'Week 1/2022'
        $json | Should -Match '"Total"'
        foreach ($week in $script:Weeks) { $page | Should -Match ([regex]::Escape($week.Key)) }
    }

    It 'names the series of two sites by site and keeps the empty week of site B as 0' {
        $table = Get-MatomoVisits -SiteId $script:Sites.A, $script:Sites.B -Start 2021-12-20 -End 2022-01-16 -Period Week | ConvertTo-MatomoTable
        $a = "$($script:Sites.A):Total"
        $b = "$($script:Sites.B):Total"

        $table[0].PSObject.Properties.Name | Should -Be 'Date', 'Label', 'Key', $a, $b
        @($table.$a) | Should -Be @($script:Weeks.Value)
        @($table.$b) | Should -Be @(Get-ItExpected -Site B -Period Week | ForEach-Object Value)
        $table[1].$b | Should -Be 0
    }

    It 'puts the metric behind the series when rows hold visits and actions' {
        $rows = @(Get-MatomoVisits -Start 2021-12-01 -End 2022-01-31 -Period Month) + @(Get-MatomoVisits -Start 2021-12-01 -End 2022-01-31 -Period Month -Metric Actions)
        $table = $rows | ConvertTo-MatomoTable

        $table.Key | Should -Be '2021-12', '2022-01'
        @($table.'Total (Visits)') | Should -Be @(Get-ItExpected -Period Month | ForEach-Object Value)
        @($table.'Total (Actions)') | Should -Be @(Get-ItExpected -Period Month -Metric Actions | ForEach-Object Value)
    }
}
