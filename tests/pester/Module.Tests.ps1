BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Fake = Start-FakeMatomo
    Import-Module $env:MATOMOPS_MODULE -Force
}

AfterAll {
    Stop-FakeMatomo $script:Fake
}

Describe 'The built module' {
    It 'imports from out/MatomoPS and exports its commands' {
        $commands = (Get-Command -Module MatomoPS).Name
        $commands | Should -Contain 'Connect-Matomo'
        $commands | Should -Contain 'Get-MatomoId'
        $commands | Should -Contain 'Get-MatomoVisits'
    }

    It 'connects and finds the first site id' {
        Connect-FakeMatomo $script:Fake
        Get-MatomoId | Should -Be 1
        Get-MatomoId -All | Should -Be @(1, 2, 3)
    }
}
