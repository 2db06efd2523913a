# Reset-MatomoArchive against a real Matomo: -WhatIf sends nothing; a token that is not a super user's gets a clear
# permission error; on the realmatomo kit, one day of the suite's site B is invalidated (its archive's done flag turns 4,
# and those of its week, month and year), the kit's core:archive processes it again at once (new archives, done flag 1)
# and the numbers are those from before. Invalidating a day whose visit log is unchanged re-creates the same numbers, so
# the kit is left as it was found; whatever happens, the archiving run is done before the file ends.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'IntegrationHelpers.ps1')
    . (Join-Path $PSScriptRoot 'KitHelpers.ps1')
    $Skip = -not (Get-ItSettings)
    $ViewerSkip = $Skip -or -not (Get-ItSettings).ViewerToken
    $kit = if ($Skip) { 'MATOMOPS_IT_URL is not set' } else { Get-ItKit }
    $KitSkip = $kit -is [string]
    $KitNote = if ($KitSkip) { " (skipped: $kit)" } else { '' }
}

Describe 'Reset-MatomoArchive' -Skip:$Skip {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'IntegrationHelpers.ps1')
        . (Join-Path $PSScriptRoot 'KitHelpers.ps1')
        Import-Module $env:MATOMOPS_MODULE -Force
        $script:Sites = Initialize-ItSites
        $script:Kit = Get-ItKit
        $script:Day = '2022-01-05'
        $script:Invalidated = $false
        Connect-It

        # The done flags of site B's archives (all visits, no segment) of the periods that hold the day, newest first for each period.
        function Get-ItDoneFlags {
            Invoke-ItKitSql $script:Kit ("SELECT period, idarchive, value FROM {prefix}archive_numeric_2022_01 WHERE idsite = $($script:Sites.B) " +
                "AND name = 'done' AND date1 <= '$script:Day' AND date2 >= '$script:Day' AND period IN (1, 2, 3, 4) ORDER BY period, idarchive DESC") |
                Group-Object { [int]$_[0] } | ForEach-Object { [pscustomobject]@{ Period = [int]$_.Name; Archive = [long]$_.Group[0][1]; Done = [int]$_.Group[0][2] } }
        }

        # The kit's archiving run, for site B only (other sites' queued work is left to whoever queued it).
        function Invoke-ItArchiving {
            Invoke-ItKitConsole $script:Kit @('core:archive', "--url=$((Get-ItSettings).Url)", "--force-idsites=$($script:Sites.B)")
        }
    }

    BeforeEach {
        # The suite's super user, as the default connection (the viewer's test connects its own).
        Connect-It
    }

    AfterAll {
        # Never leave an invalidated day behind, whatever failed.
        if ($script:Invalidated) { Invoke-ItArchiving }
        Disconnect-Matomo
    }

    It 'sends nothing with -WhatIf' {
        $result = Invoke-ItCommand { Reset-MatomoArchive -SiteId $script:Sites.B -Start $script:Day -WhatIf -Verbose }

        $result.Errors | Should -BeNullOrEmpty
        $result.Output | Should -BeNullOrEmpty
        # The client tells each request it sends in the verbose stream (the kit's test below sees the one that invalidates).
        ($result.Verbose -join "`n") | Should -Not -Match 'invalidateArchivedReports'
        Get-ItRequestCount $result.Verbose | Should -Be 0
        if ($script:Kit -isnot [string]) { (Get-ItDoneFlags).Done | Should -Be 1, 1, 1, 1 }
    }

    It 'gives a token that is not a super user''s a clear permission error, even for its own site' -Skip:$ViewerSkip {
        $viewer = Connect-Matomo -Url (Get-ItSettings).Url -Token (ConvertTo-ItSecureString (Get-ItSettings).ViewerToken) -PassThru
        $site = $viewer.DefaultSiteId

        $result = Invoke-ItCommand { Reset-MatomoArchive -SiteId $site -Start 2023-03-10 -Connection $viewer -Confirm:$false }

        $result.Output | Should -BeNullOrEmpty
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'MatomoAccessDenied,*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        "$($result.Errors[0])" | Should -BeLike "*CoreAdminHome.invalidateArchivedReports needs a super user's token*"
        "$($result.Errors[0])" | Should -Not -BeLike "*$((Get-ItSettings).ViewerToken)*"
    }

    It 'invalidates one day on the kit (done flag 4 for it, its week, month and year), and archiving processes it again to the same numbers<KitNote>' -Skip:$KitSkip -ForEach @{ KitNote = $KitNote } {
        $visits = @(Get-MatomoVisits -SiteId $script:Sites.B -Start $script:Day -End $script:Day -Metric Visits, Actions -NoCache)
        $before = @(Get-ItDoneFlags)
        $before.Done | Should -Be 1, 1, 1, 1

        $script:Invalidated = $true
        $result = Invoke-ItCommand { Reset-MatomoArchive -SiteId $script:Sites.B -Start $script:Day -Confirm:$false -Verbose }
        $invalid = @(Get-ItDoneFlags)

        $result.Errors | Should -BeNullOrEmpty
        ($result.Verbose -join "`n") | Should -Match 'POST CoreAdminHome.invalidateArchivedReports'
        $result.Output.Count | Should -Be 1
        $done = $result.Output[0]

        $done.Messages | Should -Contain "Success. The following dates were invalidated successfully: $script:Day"
        $done.SiteId | Should -Be $script:Sites.B
        $done.Note | Should -BeLike '*as before until its next archiving run*'
        # Matomo marks the archives of the day and of the periods that hold it: its done flag 4 (invalidated).
        $invalid.Period | Should -Be 1, 2, 3, 4
        $invalid.Done | Should -Be 4, 4, 4, 4

        Invoke-ItArchiving
        $script:Invalidated = $false
        $after = @(Get-ItDoneFlags)
        $again = @(Get-MatomoVisits -SiteId $script:Sites.B -Start $script:Day -End $script:Day -Metric Visits, Actions -NoCache)

        $after.Done | Should -Be 1, 1, 1, 1
        # New archives: processed again, not the old ones put back.
        for ($i = 0; $i -lt 4; $i++) { $after[$i].Archive | Should -BeGreaterThan $before[$i].Archive }
        $again.Value | Should -Be $visits.Value
        $visits.Value | Should -Not -BeNullOrEmpty
    }
}
