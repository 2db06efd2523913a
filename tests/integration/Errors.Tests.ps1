# Authentication against a real Matomo, and the token kept out of every output.
#
# Brute-force lockout: Matomo's default locks an address out after 20 failed logins within 60 minutes (every
# request then gets HTTP 500 "Too many failed logins"), and users' servers have it on. This file sends exactly
# 2 deliberately wrong tokens per run (the two tests under 'A wrong token'); no other file sends any, but the fault
# suite (Faults.Tests.ps1), which locks the address out on purpose and lifts the lockout at once, on the kit only. Keep
# it that small: ten runs within an hour must not lock out the machine that runs the suite.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'IntegrationHelpers.ps1')
    $TokenCases = Get-ItTokenCases
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'IntegrationHelpers.ps1')
    Import-Module $env:MATOMOPS_MODULE -Force
    $script:Sites = Initialize-ItSites
    $script:Url = (Get-ItSettings).Url
    # A well-formed token that no Matomo knows.
    $script:Wrong = 'fffffffffffffffffffffffffff1e57a'
}

AfterAll {
    Disconnect-Matomo
}

Describe 'A wrong token (2 failed logins in all)' {
    It 'is an authentication error in words, never an HTML page, asked once and never again' {
        $result = Invoke-ItCommand { Connect-Matomo -Url $script:Url -Token (ConvertTo-ItSecureString $script:Wrong) -Verbose }

        $result.Errors.Count | Should -Be 1
        $error0 = $result.Errors[0]
        $error0.FullyQualifiedErrorId | Should -BeLike 'MatomoAuthenticationFailed,*'
        $error0.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $error0.Exception.Message | Should -BeLike '*Unable to authenticate with the provided token*'
        $error0.Exception.Message | Should -Not -Match '<[a-z!/]'
        $error0.ErrorDetails.RecommendedAction | Should -BeLike '*token*'
        Get-ItRequestCount $result.Verbose | Should -Be 1
        ($error0 | Out-String) + ($result.Verbose -join "`n") | Should -Not -Match $script:Wrong
    }

    It 'ends a command of many series with one error after one request, not one failed login per series' {
        $saved = $env:MATOMO_URL, $env:MATOMO_TOKEN
        try {
            Disconnect-Matomo
            $env:MATOMO_URL = $script:Url
            $env:MATOMO_TOKEN = $script:Wrong
            $result = Invoke-ItCommand { Get-MatomoLanguageVisits -Language $script:ItLanguages -Start 2021-12-20 -End 2022-01-16 -NoBulk -Verbose }
        } finally {
            $env:MATOMO_URL, $env:MATOMO_TOKEN = $saved
        }

        $result.Output | Should -BeNullOrEmpty
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'MatomoAuthenticationFailed,*'
        Get-ItRequestCount $result.Verbose | Should -Be 1
    }
}

foreach ($case in $TokenCases) {
    Describe "The <TokenName> token never shows$($case.Note)" -ForEach @($case) -Skip:$case.Skip {
        BeforeAll {
            $script:Token = [Environment]::GetEnvironmentVariable($TokenVariable)
            Connect-It -Token $script:Token
        }

        It 'in the output, the verbose and debug messages and the errors of every command that talks to Matomo' {
            $text = Get-ItAllOutput @(
                { Connect-Matomo -Url $script:Url -Token (ConvertTo-ItSecureString $script:Token) -SiteId $script:Sites.A -PassThru -Verbose -Debug }
                { Get-MatomoConnection }
                { Get-MatomoId -All -Verbose -Debug }
                { Get-MatomoId -Url $script:Url -Token (ConvertTo-ItSecureString $script:Token) -Verbose -Debug }
                { Get-MatomoVisits -Start 2021-12-20 -End 2021-12-26 -Segment 'pageUrl=@/de/' -Verbose -Debug }
                { Get-MatomoLanguageVisits -Language en, de -Start 2021-12-20 -End 2021-12-26 -Verbose -Debug }
                { Get-MatomoVisits -Start 2021-12-20 -End 2022-01-16 -Period Year -Metric UniqueVisitors -Verbose -Debug }
                { Invoke-MatomoApi VisitsSummary.get -Parameter @{ period = 'decade'; date = '2021-12-01' } -Verbose -Debug }
                { Invoke-MatomoApi API.getBulkRequest -Parameter @{ urls = @("method=VisitsSummary.getVisits&idSite=$($script:Sites.A)&period=day&date=2021-12-20") } -Verbose -Debug }
            )

            $text | Should -Match 'POST API.getBulkRequest'
            $text | Should -Match 'Using http\S+ \(Connect-Matomo\): site'
            $text | Should -Match 'nb_uniq_visitors is not enabled'
            $text | Should -Not -Match $script:Token
        }
    }
}
