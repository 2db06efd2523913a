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

Describe 'The token' {
    It 'appears in no stream of any command, run with -Verbose -Debug, failing or not' {
        $token = $script:Fake.Token
        $wrong = 'ffffffffffffffffffffffffffff0006'
        $secure = ConvertTo-SecureString $token -AsPlainText -Force
        $url = $script:Fake.Url
        $week = $script:Week

        # Pester runs tests inside try/catch, where a command's terminating error would end the whole block: each
        # command gets its own try, and a caught error is put into the output like any other record.
        $commands = @(
            { Connect-Matomo -Url $url -Token $secure -PassThru -Verbose -Debug }
            { Get-MatomoConnection -Verbose -Debug }
            { Get-MatomoId -All -Verbose -Debug }
            { Get-MatomoId -Url $url -Token $secure -Verbose -Debug }
            { Get-MatomoVisits @week -Verbose -Debug }
            { Get-MatomoVisits @week -SiteId 7 -Verbose -Debug }
            { Get-MatomoLanguageVisits -Language en, de @week -BatchSize 1 -Verbose -Debug }
            { Invoke-MatomoApi -Method API.getMatomoVersion -Verbose -Debug }
            { Invoke-MatomoApi -Method VisitsSummary.nonsense -Verbose -Debug }
            { Get-MatomoId -Url $url -Token (ConvertTo-SecureString $wrong -AsPlainText -Force) -Verbose -Debug }
            { Connect-Matomo -Url $url -Token (ConvertTo-SecureString $wrong -AsPlainText -Force) -Verbose -Debug }
            { Disconnect-Matomo -Verbose -Debug }
        )
        $captured = & {
            $DebugPreference = 'Continue'; $VerbosePreference = 'Continue'; $InformationPreference = 'Continue'
            foreach ($command in $commands) {
                try { & $command } catch { $_ }
            }
        } *>&1

        $text = ($captured | ForEach-Object {
                $_ | Out-String -Width 400
                if ($_ -is [System.Management.Automation.ErrorRecord]) { $_ | Format-List * -Force | Out-String -Width 400; $_.Exception | Format-List * -Force | Out-String -Width 400 }
                else { $_ | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue }
            }) -join "`n"

        # The run did what it should: objects, verbose and debug lines, and the expected failures.
        @($captured | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 5
        @($captured | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }).Count | Should -BeGreaterThan 3
        $errors = @($captured | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $ids = $errors.FullyQualifiedErrorId -replace ',.*'
        $ids | Sort-Object | Should -Be @('MatomoAccessDenied', 'MatomoAuthenticationFailed', 'MatomoAuthenticationFailed', 'MatomoInvalidRequest')
        $text | Should -Match 'VisitsSummary.getVisits'

        $text | Should -Not -Match $token
        $text | Should -Not -Match $wrong
    }
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
