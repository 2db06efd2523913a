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

Describe 'Get-MatomoVisits as a user drives it' {
    It 'gives <Count> rows for the first quarter of 2023 by <Period>' -TestCases @(
        @{ Period = 'Day'; Count = 90 }
        @{ Period = 'Week'; Count = 14 }
        @{ Period = 'Month'; Count = 3 }
        @{ Period = 'Year'; Count = 1 }
    ) {
        $rows = Get-MatomoVisits -Start 2023-01-01 -End 2023-03-31 -Period $Period
        $rows | Should -HaveCount $Count
        $rows[0] | Should -BeOfType ([MatomoPS.Client.MatomoVisitsRow])
    }

    It 'starts the weeks on Monday 2022-12-26 and labels them with ISO week numbers' {
        $rows = Get-MatomoVisits -Start 2023-01-01 -End 2023-03-31 -Period Week
        $rows[0].Date | Should -Be ([datetime]'2022-12-26')
        $rows[0].Label | Should -Be '2022 CW 52'
        $rows[1].Label | Should -Be '2023 CW 1'
        $rows[-1].Key | Should -Be '2023-03-27,2023-04-02'
    }

    It 'agrees with Invoke-MatomoApi on every value' {
        $rows = Get-MatomoVisits -Start 2023-01-01 -End 2023-03-31 -Period Month -Metric Actions
        $raw = Invoke-MatomoApi VisitsSummary.getActions -Parameter @{ period = 'month'; date = '2023-01-01,2023-03-31' }
        foreach ($row in $rows) { $row.Value | Should -Be $raw.($row.Key) }
    }

    It 'exports clean, flat CSV that reads back' {
        $path = Join-Path $TestDrive 'visits.csv'
        Get-MatomoVisits -Start 2023-01-01 -End 2023-01-31 -Period Week | Export-Csv -Path $path -NoTypeInformation
        $back = Import-Csv $path
        $back | Should -HaveCount 6
        ($back[0].PSObject.Properties.Name -join ',') | Should -Be 'SiteId,Series,Segment,Period,Date,EndDate,Key,Label,Metric,Value'
        $back[0].Series | Should -Be 'Total'
        [long]$back[0].Value | Should -BeGreaterOrEqual 0
    }

    It 'converts to flat JSON (enums by name with -EnumsAsStrings)' {
        $json = Get-MatomoVisits -Start 2023-01-02 -End 2023-01-02 | ConvertTo-Json -EnumsAsStrings | ConvertFrom-Json
        $json.Key | Should -Be '2023-01-02'
        $json.Metric | Should -Be 'Visits'
        $json.Period | Should -Be 'Day'
        $json.Value | Should -BeOfType ([long])
    }

    It 'shows Matomo''s refusal of unique visitors per year as an error' {
        { Get-MatomoVisits -Start 2023-01-01 -End 2023-12-31 -Period Year -Metric UniqueVisitors -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '*nb_uniq_visitors is not enabled*' -ErrorId 'MatomoInvalidRequest,MatomoPS.GetMatomoVisitsCommand'
    }

    It 'refuses a start after the end before asking the server' {
        { Get-MatomoVisits -Start 2023-02-01 -End 2023-01-01 -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '*after the end*' -ErrorId 'MatomoInvalidArgument,MatomoPS.GetMatomoVisitsCommand'
    }

    It 'refuses a wrong token with an authentication error that does not show the token' {
        $wrong = 'ffffffffffffffffffffffffffff0003'
        $err = $null
        try { Get-MatomoId -Url $script:Fake.Url -Token (ConvertTo-SecureString $wrong -AsPlainText -Force) -ErrorAction Stop }
        catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        ($err | Out-String) | Should -Not -Match $wrong
        $err.Exception.Message | Should -Match 'Unable to authenticate'
    }
}
