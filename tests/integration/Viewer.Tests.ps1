# A token with view access to other sites than the suite's (MATOMOPS_IT_TOKEN_VIEWER; the kit's viewer sees site 2):
# its own site works, the suite's sites are refused with an access error that names the site.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'IntegrationHelpers.ps1')
    $settings = Get-ItSettings
    $Skip = -not ($settings -and $settings.ViewerToken)
    $Note = if ($Skip) { ' (skipped: MATOMOPS_IT_TOKEN_VIEWER is not set)' } else { '' }
}

Describe "A viewer's token$Note" -Skip:$Skip {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'IntegrationHelpers.ps1')
        Import-Module $env:MATOMOPS_MODULE -Force
        $script:Sites = Initialize-ItSites
        $script:Url = (Get-ItSettings).Url
        $script:Viewer = (Get-ItSettings).ViewerToken
        $script:ViewerSites = @(Invoke-ItApi SitesManager.getSitesIdWithAtLeastViewAccess @{ filter_limit = -1 } -Token $script:Viewer | ForEach-Object { [int]$_ })
        if ($script:ViewerSites -contains $script:Sites.A) { throw "MATOMOPS_IT_TOKEN_VIEWER may view the suite's site $($script:Sites.A): give the suite a token that sees other sites only." }
    }

    AfterEach {
        Disconnect-Matomo
    }

    It 'gives the viewer''s sites with Get-MatomoId, and connects to the first of them' {
        $ids = Get-MatomoId -Url $script:Url -Token (ConvertTo-ItSecureString $script:Viewer) -All
        $connection = Connect-Matomo -Url $script:Url -Token (ConvertTo-ItSecureString $script:Viewer) -PassThru

        $ids | Should -Be $script:ViewerSites
        if ((Get-ItSettings).ViewerSiteId) { $ids[0] | Should -Be ([int](Get-ItSettings).ViewerSiteId) }
        $ids | Should -Not -Contain $script:Sites.A
        $connection.DefaultSiteId | Should -Be $ids[0]
    }

    It 'reads its own site as the super user reads it' {
        Connect-Matomo -Url $script:Url -Token (ConvertTo-ItSecureString $script:Viewer)
        $site = (Get-MatomoConnection).DefaultSiteId
        # The kit's site 2 has 3, 2 and 5 visits in these months; on another server the numbers are whatever they are.
        $rows = Get-MatomoVisits -Start 2023-01-01 -End 2023-03-31 -Period Month
        $asSuperUser = Invoke-ItApi VisitsSummary.getVisits @{ idSite = $site; period = 'month'; date = '2023-01-01,2023-03-31' }

        $rows.Key | Should -Be '2023-01', '2023-02', '2023-03'
        $rows.Value | Should -Be @($asSuperUser.PSObject.Properties.Value)
        ($rows.SiteId | Select-Object -Unique) | Should -Be $site
    }

    It 'refuses to connect to a site of the suite, naming it' {
        $result = Invoke-ItCommand { Connect-Matomo -Url $script:Url -Token (ConvertTo-ItSecureString $script:Viewer) -SiteId $script:Sites.A }

        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'MatomoAccessDenied,*'
        $result.Errors[0].Exception.Message | Should -BeLike "*may not view site $($script:Sites.A)*"
    }

    It 'gets the access error for a site of the suite from Get-MatomoVisits, naming the sites the token may view' {
        Connect-Matomo -Url $script:Url -Token (ConvertTo-ItSecureString $script:Viewer)
        $result = Invoke-ItCommand { Get-MatomoVisits -SiteId $script:Sites.A -Start 2021-12-20 -End 2022-01-16 }

        $result.Output | Should -BeNullOrEmpty
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'MatomoAccessDenied,*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        # Checked against the connection's site list before any report is asked for (issue 21), as MATOMO_SITE_ID is.
        $result.Errors[0].Exception.Message | Should -BeLike "The token may not view site $($script:Sites.A) on $($script:Url); it may view *$((Get-MatomoConnection).DefaultSiteId)*"
        $result.Errors[0].ErrorDetails.RecommendedAction | Should -BeLike '*Get-MatomoSite*'
    }

    It 'gives Get-MatomoLanguageVisits one access error for the site, before any series is asked for' {
        Connect-Matomo -Url $script:Url -Token (ConvertTo-ItSecureString $script:Viewer)
        $result = Invoke-ItCommand { Get-MatomoLanguageVisits -Language en, de -SiteId $script:Sites.A -Start 2021-12-20 -End 2022-01-16 -Verbose }

        $result.Output | Should -BeNullOrEmpty
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'MatomoAccessDenied,*'
        $result.Errors[0].Exception.Message | Should -BeLike "The token may not view site $($script:Sites.A) on *"
        @($result.Verbose | Where-Object { $_ -like 'POST VisitsSummary*' -or $_ -like 'POST API.getBulkRequest*' }) | Should -BeNullOrEmpty
    }

    It 'gets the access error from Invoke-MatomoApi, and a bulk request gets it in the slot of that site only' {
        Connect-Matomo -Url $script:Url -Token (ConvertTo-ItSecureString $script:Viewer)
        $site = (Get-MatomoConnection).DefaultSiteId
        $refused = Invoke-ItCommand { Invoke-MatomoApi VisitsSummary.get -SiteId $script:Sites.A -Parameter @{ period = 'day'; date = '2021-12-20' } }
        $bulk = Invoke-MatomoApi API.getBulkRequest -Parameter @{ urls = @(
                "method=VisitsSummary.getVisits&idSite=$($script:Sites.A)&period=month&date=2021-12-01"
                "method=VisitsSummary.getVisits&idSite=$site&period=month&date=2023-01-01"
            )
        }

        $refused.Errors.Count | Should -Be 1
        $refused.Errors[0].FullyQualifiedErrorId | Should -BeLike 'MatomoAccessDenied,*'
        $bulk[0].result | Should -Be 'error'
        $bulk[0].message | Should -BeLike "*'view' access for the website id = $($script:Sites.A).*"
        $bulk[1].value | Should -BeGreaterOrEqual 0
    }
    It 'reads the page report of its own site as the server answers it, and gets the access error for a site of the suite' {
        Connect-Matomo -Url $script:Url -Token (ConvertTo-ItSecureString $script:Viewer)
        $site = (Get-MatomoConnection).DefaultSiteId
        $rows = Get-MatomoReport Actions.getPageUrls -Flat -Period Month -Start 2023-01-01 -End 2023-03-31
        $asSuperUser = Invoke-ItApi Actions.getPageUrls @{ idSite = $site; period = 'month'; date = '2023-01-01,2023-03-31'; flat = 1; filter_limit = -1; format_metrics = 0 }
        $refused = Invoke-ItCommand { Get-MatomoReport Actions.getPageUrls -SiteId $script:Sites.A -Start 2021-12-20 -End 2022-01-16 }

        foreach ($month in '2023-01', '2023-02', '2023-03') {
            @($rows | Where-Object Key -EQ $month | ForEach-Object { "$($_.Label)=$($_.nb_hits)" }) |
                Should -Be @($asSuperUser.$month | ForEach-Object { "$($_.label)=$($_.nb_hits)" })
        }
        $refused.Output | Should -BeNullOrEmpty
        $refused.Errors.Count | Should -Be 1
        $refused.Errors[0].FullyQualifiedErrorId | Should -BeLike 'MatomoAccessDenied,*'
    }
}
