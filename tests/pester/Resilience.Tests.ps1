BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Fake = Start-FakeMatomo
    Import-Module $env:MATOMOPS_MODULE -Force
    $script:Week = @{ Start = '2025-06-01'; End = '2025-06-07' }
}

AfterAll {
    Disconnect-Matomo
    Stop-FakeMatomo $script:Fake
}

Describe 'One connection shared by parallel runspaces' {
    It 'gives every ForEach-Object -Parallel runspace the same, correct answers' {
        Connect-FakeMatomo $script:Fake
        $expected = @{
            1 = (Get-MatomoVisits @script:Week -SiteId 1).Value -join ','
            2 = (Get-MatomoVisits @script:Week -SiteId 2).Value -join ','
        }
        $expected[1] | Should -Match '[1-9]'

        $module = $env:MATOMOPS_MODULE
        $week = $script:Week
        $results = 1..12 | ForEach-Object -ThrottleLimit 6 -Parallel {
            Import-Module $using:module
            $site = 1 + $_ % 2
            $w = $using:week
            [pscustomobject]@{
                Site      = $site
                Values    = (Get-MatomoVisits -Start $w.Start -End $w.End -SiteId $site).Value -join ','
                Languages = @(Get-MatomoLanguageVisits -Language en, de -Start $w.Start -End $w.End -SiteId $site).Count
                Url       = (Get-MatomoConnection).Url
            }
        }

        $results | Should -HaveCount 12
        foreach ($result in $results) {
            $result.Values | Should -Be $expected[$result.Site]
            $result.Languages | Should -Be 21
            $result.Url | Should -Be $script:Fake.Url
        }
    }
}

Describe 'Connections shared by parallel runspaces' {
    It 'lets every ForEach-Object -Parallel runspace use the connection it is handed, with its own token' {
        $tokens = Get-FakeTokens
        $all = Connect-Matomo -Url $script:Fake.Url -Token (ConvertTo-SecureString $tokens::View -AsPlainText -Force) -PassThru
        $two = Connect-Matomo -Url $script:Fake.Url -Token (ConvertTo-SecureString $tokens::SiteTwoViewer -AsPlainText -Force) -PassThru
        $expected = @{
            1 = (Get-MatomoVisits @script:Week -Connection $all).Value -join ','
            2 = (Get-MatomoVisits @script:Week -Connection $two).Value -join ','
        }

        $module = $env:MATOMOPS_MODULE
        $week = $script:Week
        $results = 1..8 | ForEach-Object -ThrottleLimit 4 -Parallel {
            Import-Module $using:module
            $connection = if ($_ % 2) { $using:all } else { $using:two }
            $w = $using:week
            $rows = Get-MatomoVisits -Start $w.Start -End $w.End -Connection $connection
            [pscustomobject]@{ Site = @($rows.SiteId | Select-Object -Unique); Values = $rows.Value -join ',' }
        }

        $results | Should -HaveCount 8
        foreach ($result in $results) {
            $result.Site | Should -HaveCount 1
            $result.Values | Should -Be $expected[$result.Site[0]]
        }
        @($results | Where-Object { $_.Site[0] -eq 2 }) | Should -HaveCount 4
        $all, $two | Disconnect-Matomo
    }
}
