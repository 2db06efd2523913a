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
