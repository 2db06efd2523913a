# Get-MatomoSiteSummary against a real Matomo: every figure equal to MultiSites.getAll's, and the visits and actions of
# each of the suite's sites equal to VisitsSummary's for the period and for the previous one (a month, a week, a range).
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'IntegrationHelpers.ps1')
    $Skip = -not (Get-ItSettings)
    $ViewerSkip = $Skip -or -not (Get-ItSettings).ViewerToken
}

Describe 'Get-MatomoSiteSummary' -Skip:$Skip {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'IntegrationHelpers.ps1')
        Import-Module $env:MATOMOPS_MODULE -Force
        $script:Sites = Initialize-ItSites
        Connect-It

        # VisitsSummary.get of one site for one period: its visits and actions (an empty period is [] on Matomo).
        function Get-ItVisitsSummary([int] $SiteId, [string] $Period, [string] $Date) {
            $row = Invoke-ItApi VisitsSummary.get @{ idSite = $SiteId; period = $Period; date = $Date }
            $visits = if ($row -is [array] -or -not $row.PSObject.Properties['nb_visits']) { 0 } else { [long]$row.nb_visits }
            $actions = if ($visits -eq 0) { 0 } else { [long]$row.nb_actions }
            [pscustomobject]@{ Visits = $visits; Actions = $actions }
        }
    }

    AfterAll {
        Disconnect-Matomo
    }

    It 'gives every site of MultiSites.getAll with its figures, the previous ones and the change, most visits first' {
        $rows = @(Get-MatomoSiteSummary -Period Month -Date 2022-01-01)
        $raw = @(Invoke-ItApi MultiSites.getAll @{ period = 'month'; date = '2022-01-01'; enhanced = 1; format_metrics = 0; filter_limit = -1 })

        ($rows.SiteId | Sort-Object) | Should -Be ($raw.idsite | ForEach-Object { [int]$_ } | Sort-Object)
        $rows.Visits | Should -Be ($rows.Visits | Sort-Object -Descending)
        foreach ($site in $raw) {
            $row = $rows | Where-Object SiteId -EQ ([int]$site.idsite)
            $row.Name | Should -Be ([Net.WebUtility]::HtmlDecode($site.label))
            $row.Visits, $row.Actions, $row.Pageviews, $row.Revenue, $row.Conversions |
                Should -Be ([long]$site.nb_visits), ([long]$site.nb_actions), ([long]$site.nb_pageviews), ([decimal]$site.revenue), ([long]$site.nb_conversions)
            $row.PreviousVisits, $row.PreviousActions, $row.PreviousPageviews |
                Should -Be ([long]$site.previous_nb_visits), ([long]$site.previous_nb_actions), ([long]$site.previous_Actions_nb_pageviews)
            # Matomo rounds its evolution to three places; ours is the exact fraction. From nothing Matomo says 100 % (or 0 %), we say nothing.
            if ($row.PreviousVisits -gt 0) { $row.VisitsChange | Should -BeGreaterOrEqual ([double]$site.visits_evolution - 0.0005) }
            if ($row.PreviousVisits -gt 0) { $row.VisitsChange | Should -BeLessOrEqual ([double]$site.visits_evolution + 0.0005) }
            if ($row.PreviousVisits -eq 0) { $row.VisitsChange | Should -BeNullOrEmpty }
        }
    }

    It 'agrees with VisitsSummary of each suite site for <Name> and the period before' -ForEach @(
        @{ Name = 'a month'; Arguments = @{ Period = 'Month'; Date = '2022-01-20' }; Period = 'month'; Date = '2022-01-01'; Previous = '2021-12-01' }
        @{ Name = 'a week'; Arguments = @{ Period = 'Week'; Date = '2022-01-05' }; Period = 'week'; Date = '2022-01-03'; Previous = '2021-12-27' }
        @{ Name = 'a range'; Arguments = @{ Period = 'Range'; Start = '2022-01-03'; End = '2022-01-12' }; Period = 'range'; Date = '2022-01-03,2022-01-12'; Previous = '2021-12-24,2022-01-02' }
    ) {
        $rows = @(Get-MatomoSiteSummary -SiteId $script:Sites.A, $script:Sites.B @Arguments)

        $rows.Count | Should -Be 2
        foreach ($row in $rows) {
            $now = Get-ItVisitsSummary $row.SiteId $Period $Date
            $before = Get-ItVisitsSummary $row.SiteId $Period $Previous
            $row.Visits, $row.Actions | Should -Be $now.Visits, $now.Actions
            $row.PreviousVisits, $row.PreviousActions | Should -Be $before.Visits, $before.Actions
        }
        $rows | Where-Object Visits -GT 0 | Should -Not -BeNullOrEmpty
    }

    It 'pipes into Get-MatomoVisits by SiteId' {
        $summaries = @(Get-MatomoSiteSummary -SiteId $script:Sites.A, $script:Sites.B -Period Month -Date 2022-01-01 | Where-Object Visits -GT 0)
        $rows = @($summaries | Get-MatomoVisits -Period Month -Start 2022-01-01 -End 2022-01-31 -NoCache)

        $summaries | Should -Not -BeNullOrEmpty
        ($rows | Sort-Object SiteId).Value | Should -Be ($summaries | Sort-Object SiteId).Visits
    }

    It 'gives a viewer''s token its own sites only' -Skip:$ViewerSkip {
        $viewer = Connect-Matomo -Url (Get-ItSettings).Url -Token (ConvertTo-ItSecureString (Get-ItSettings).ViewerToken) -PassThru
        $rows = @(Get-MatomoSiteSummary -Period Month -Date 2023-03-01 -Connection $viewer)
        Connect-It

        ($rows.SiteId | Sort-Object) | Should -Be ($viewer.AvailableSiteIds | Sort-Object)
        $rows.SiteId | Should -Not -Contain $script:Sites.A
    }
}
