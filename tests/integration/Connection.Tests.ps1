# Connecting to a real Matomo: Connect-Matomo, Get-MatomoConnection, Get-MatomoId, Disconnect-Matomo and the
# environment variables of runbooks.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'IntegrationHelpers.ps1')
    $TokenCases = Get-ItTokenCases
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'IntegrationHelpers.ps1')
    Import-Module $env:MATOMOPS_MODULE -Force
    $script:Sites = Initialize-ItSites
    $script:Url = (Get-ItSettings).Url
}

AfterAll {
    Disconnect-Matomo
}

foreach ($case in $TokenCases) {
    Describe "Connecting with the <TokenName> token$($case.Note)" -ForEach @($case) -Skip:$case.Skip {
        BeforeAll {
            $script:Token = [Environment]::GetEnvironmentVariable($TokenVariable)
        }

        AfterEach {
            Disconnect-Matomo
        }

        It 'connects to a site the token may view, shows the connection (never the token) and disconnects' {
            $connection = Connect-Matomo -Url $script:Url -Token (ConvertTo-ItSecureString $script:Token) -SiteId $script:Sites.B -PassThru
            $shown = Get-MatomoConnection

            $connection.DefaultSiteId | Should -Be $script:Sites.B
            $shown.DefaultSiteId | Should -Be $script:Sites.B
            $shown.Url | Should -Be $connection.Url
            $shown.AvailableSiteIds | Should -Contain $script:Sites.A
            $shown.TimeoutSec | Should -Be 120
            $shown.MaxRetries | Should -Be 3
            ($shown | Format-List * | Out-String) + ($shown | ConvertTo-Json -Depth 4) | Should -Not -Match $script:Token

            Disconnect-Matomo
            Get-MatomoConnection | Should -BeNullOrEmpty
        }

        It 'lists the suite''s sites with Get-MatomoId -All, and the first of them without -All' {
            Connect-Matomo -Url $script:Url -Token (ConvertTo-ItSecureString $script:Token)
            $all = Get-MatomoId -All
            $explicit = Get-MatomoId -Url $script:Url -Token (ConvertTo-ItSecureString $script:Token) -All

            $all | Should -Contain $script:Sites.A
            $all | Should -Contain $script:Sites.B
            $all | ForEach-Object { $_ | Should -BeOfType ([int]) }
            Get-MatomoId | Should -Be $all[0]
            $explicit | Should -Be $all
            (Get-MatomoConnection).DefaultSiteId | Should -Be $all[0]
        }

        It 'describes the suite''s sites with Get-MatomoSite and reads the server''s report list' {
            Connect-Matomo -Url $script:Url -Token (ConvertTo-ItSecureString $script:Token)
            $sites = Get-MatomoSite -SiteId $script:Sites.B, $script:Sites.A

            # In the order asked for.
            $sites.SiteId | Should -Be $script:Sites.B, $script:Sites.A
            $sites.Name | Should -Be (Get-ItSiteName B), (Get-ItSiteName A)
            $sites.MainUrl | Should -Be (Get-ItMainUrl B), (Get-ItMainUrl A)
            $sites.Timezone | Should -Be 'UTC', 'UTC'
            $sites.Currency | Should -Be 'EUR', 'EUR'
            (Get-MatomoReportMetadata Actions.getPageUrls -SiteId $script:Sites.A).Name | Should -Be 'Page URLs'
        }

        It 'connects a runbook through MATOMO_URL, MATOMO_TOKEN and MATOMO_SITE_ID without Connect-Matomo' {
            $saved = $env:MATOMO_URL, $env:MATOMO_TOKEN, $env:MATOMO_SITE_ID
            try {
                $env:MATOMO_URL = $script:Url
                $env:MATOMO_TOKEN = $script:Token
                $env:MATOMO_SITE_ID = $script:Sites.A
                $rows = Get-MatomoVisits -Start 2021-12-20 -End 2022-01-16 -Period Month
            } finally {
                $env:MATOMO_URL, $env:MATOMO_TOKEN, $env:MATOMO_SITE_ID = $saved
            }

            Format-ItRows $rows | Should -Be (Format-ItRows (Get-ItExpected -Period Month))
            $rows[0].SiteId | Should -Be $script:Sites.A
        }
    }
}

Describe 'Connection errors' {
    It 'refuses a site the token may not view when connecting, naming the site' {
        $result = Invoke-ItCommand { Connect-Matomo -Url $script:Url -Token (ConvertTo-ItSecureString (Get-ItSettings).Token) -SiteId 987654 }

        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'MatomoAccessDenied,*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $result.Errors[0].Exception.Message | Should -BeLike '*may not view site 987654*'
        Get-MatomoConnection | Should -BeNullOrEmpty
    }

    It 'says there is no connection after Disconnect-Matomo, when no MATOMO_URL is set' {
        Connect-It
        Disconnect-Matomo
        $result = Invoke-ItCommand { Get-MatomoVisits -Start 2021-12-20 -End 2021-12-21 }

        $env:MATOMO_URL | Should -BeNullOrEmpty
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'MatomoNotConnected,*'
    }
}
