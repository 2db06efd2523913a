# Test-MatomoHealth against a real Matomo: the suite's site A (its visits end 2022-01-16 23:00 UTC, so the tracking check
# is asked as of chosen days: -End moves it back) is Ok on days with visits, a tracking Warning once silent longer than
# -MaxSilence, and -FailOn sets a runbook's exit code. A viewer's token gets a permission error for the check that needs
# admin access and every other check. On the realmatomo kit only: with browser-triggered archiving off, one day's
# archive of site A is taken out of the archive tables and the day is Failing with an archiving reason; the rows are put
# back byte for byte and the configuration restored in a finally block, within seconds.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'IntegrationHelpers.ps1')
    . (Join-Path $PSScriptRoot 'KitHelpers.ps1')
    $settings = Get-ItSettings
    $Skip = -not $settings
    $ViewerSkip = -not ($settings -and $settings.ViewerToken)
    $ViewerNote = if ($ViewerSkip) { ' (skipped: MATOMOPS_IT_TOKEN_VIEWER is not set)' } else { '' }
    $kit = if ($settings) { Get-ItKit } else { 'MATOMOPS_IT_URL is not set' }
    $KitSkip = $kit -is [string]
    $KitNote = if ($KitSkip) { " (skipped: $kit)" } else { '' }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'IntegrationHelpers.ps1')
    . (Join-Path $PSScriptRoot 'OutputHelpers.ps1')
    . (Join-Path $PSScriptRoot 'KitHelpers.ps1')
    Import-Module $env:MATOMOPS_MODULE -Force
    if (Get-ItSettings) {
        $script:Sites = Initialize-ItSites
        $script:Url = (Get-ItSettings).Url
    }
    # Site A's visits on 2022-01-11 and 2022-01-12, as the data set holds them.
    function Get-Archived([datetime] $Day) { (Get-ItExpected -Start $Day -End $Day).Value }
    function Get-Check($Site, [string] $Name, [string] $Date) {
        @($Site.Checks | Where-Object { $_.Name -eq $Name -and ("$($_.Date)" -eq '' -or $_.Date.ToString('yyyy-MM-dd') -eq $Date) })
    }
}

AfterAll {
    if (Get-Module MatomoPS) { Disconnect-Matomo }
}

Describe 'Test-MatomoHealth on a real Matomo' -Skip:$Skip {
    BeforeEach { Connect-It }

    It 'is Ok for healthy days: the archive holds every visit of the log, the latest visit is within a day' {
        $result = Invoke-ItCommand { Test-MatomoHealth -SiteId $script:Sites.A -Start 2022-01-11 -End 2022-01-12 -ThrottleLimit 1 -Verbose }

        $result.Errors | Should -BeNullOrEmpty
        $result.Output | Should -HaveCount 1
        $site = $result.Output[0]
        $site.Status | Should -Be 'Ok' -Because $site.Reason
        $site.Reason | Should -Be 'Every check passed.'
        (Get-Check $site Archiving 2022-01-11).Detail | Should -Be "$(Get-Archived 2022-01-11) visit archived, as many as the visit log holds."
        (Get-Check $site Archiving 2022-01-12).Detail | Should -Be "$(Get-Archived 2022-01-12) visits archived, as many as the visit log holds."
        (Get-Check $site LatestVisit).Detail | Should -Be 'The latest visit was at 2022-01-12 13:20:00 (UTC), 10 h 40 min before 2022-01-13 00:00 (UTC).'
        $site.LatestVisit | Should -Be ([datetimeoffset]'2022-01-12T13:20:00Z')
        (Get-Check $site Server).Detail | Should -BeLike "Matomo $(Invoke-ItApi API.getMatomoVersion | ForEach-Object value).*not visible*"
        # One bulk request for the version, failures, latest visit and archive; one for the visit log.
        Get-ItRequestCount $result.Verbose | Should -Be 2
    }

    It 'is a tracking Warning once the latest visit is older than -MaxSilence, and Ok with a longer -MaxSilence' {
        # The data set's last visit is 2022-01-16 23:00; checked as of the end of 2022-01-18 it is 2 d 1 h old.
        $silent = Test-MatomoHealth -SiteId $script:Sites.A -Start 2022-01-17 -End 2022-01-18
        $allowed = Test-MatomoHealth -SiteId $script:Sites.A -Start 2022-01-17 -End 2022-01-18 -MaxSilence '3.00:00:00'

        $silent.Status | Should -Be 'Warning'
        $silent.Reason | Should -Be ('LatestVisit: The latest visit was at 2022-01-16 23:00:00 (UTC), 2 d 1 h before 2022-01-19 00:00 (UTC): ' +
            'silent longer than the 1 d allowed (is its tracking code still in place?).')
        # No visits on those days, none archived: no traffic, not an archiving fault.
        @($silent.Checks | Where-Object Name -EQ Archiving | ForEach-Object Detail) | Should -Be (@('No visits archived, and none in the visit log: no traffic.') * 2)
        $allowed.Status | Should -Be 'Ok' -Because $allowed.Reason
    }

    It 'sets the exit code of a runbook with -FailOn, after writing the sites' {
        $runbook = Join-Path $TestDrive 'health.ps1'
        Set-Content $runbook @'
$ErrorActionPreference = 'Stop'
Import-Module $env:MATOMOPS_MODULE
Connect-Matomo -Url $env:IT_URL -Token (ConvertTo-SecureString $env:IT_TOKEN -AsPlainText -Force) -SiteId $env:IT_SITE
Test-MatomoHealth -SiteId $env:IT_SITE -Start $env:IT_START -End $env:IT_END -FailOn $env:IT_FAIL_ON | ForEach-Object { "$($_.SiteId) $($_.Status): $($_.Reason)" }
'runbook finished'
'@
        function Invoke-HealthRunbook([string] $End, [string] $FailOn) {
            $saved = @{}
            $values = @{ IT_URL = $script:Url; IT_TOKEN = (Get-ItSettings).Token; IT_SITE = "$($script:Sites.A)"; IT_START = ([datetime]$End).AddDays(-1).ToString('yyyy-MM-dd'); IT_END = $End; IT_FAIL_ON = $FailOn }
            foreach ($name in $values.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $values[$name]) }
            try {
                $output = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File $runbook 2>&1
                [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = (($output -join "`n") -replace '\x1b\[[0-9;]*m') }
            } finally {
                foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
            }
        }

        $healthy = Invoke-HealthRunbook 2022-01-12 Warning
        $silent = Invoke-HealthRunbook 2022-01-18 Warning
        $tolerated = Invoke-HealthRunbook 2022-01-18 Failing

        $healthy.ExitCode | Should -Be 0 -Because $healthy.Output
        $healthy.Output | Should -Match 'runbook finished'
        $silent.ExitCode | Should -Not -Be 0
        $silent.Output | Should -Match "(?m)^$($script:Sites.A) Warning: LatestVisit: "
        $silent.Output | Should -Match "1[\s|]+of[\s|]+1[\s|]+site[\s|]+is[\s|]+Warning[\s|]+or[\s|]+worse:[\s|]+site[\s|]+$($script:Sites.A)"
        $silent.Output | Should -Not -Match 'runbook finished'
        $silent.Output | Should -Not -Match (Get-ItSettings).Token
        $tolerated.ExitCode | Should -Be 0 -Because $tolerated.Output
    }
}

Describe "Test-MatomoHealth with a viewer's token$ViewerNote" -Skip:$ViewerSkip {
    It 'gets a clear permission error for tracking failures, and every other check of its site' {
        Connect-Matomo -Url $script:Url -Token (ConvertTo-ItSecureString (Get-ItSettings).ViewerToken)
        $own = (Get-MatomoConnection).DefaultSiteId
        $day = '2023-03-10'
        $archived = Invoke-ItApi VisitsSummary.getVisits @{ idSite = $own; period = 'day'; date = $day }

        $result = Invoke-ItCommand { Test-MatomoHealth -Start 2023-03-09 -End $day }

        $result.Errors | Should -HaveCount 1
        $record = $result.Errors[0]
        $record.FullyQualifiedErrorId | Should -BeLike 'MatomoAccessDenied,*'
        $record.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $record.Exception.Message | Should -BeLike "*requires admin access*"
        $record.ErrorDetails.Message | Should -BeLike "*could not check TrackingFailures of site $own (NotChecked)*"
        $record.ErrorDetails.RecommendedAction | Should -BeLike '*admin access*-Check LatestVisit, Archiving, Server*'
        $result.Output | Should -HaveCount 1
        $site = $result.Output[0]
        $site.SiteId | Should -Be $own
        $site.Status | Should -Be 'Warning'
        (Get-Check $site TrackingFailures).Status | Should -Be 'NotChecked'
        (Get-Check $site Archiving $day).Status | Should -Be 'Ok'
        (Get-Check $site Archiving $day).Detail | Should -BeLike "$($archived.value) visit*archived, as many as the visit log holds."
        (Get-Check $site LatestVisit).Status | Should -Be 'Ok'
    }
}

Describe "Test-MatomoHealth when a day's archive is gone$KitNote" -Skip:$KitSkip {
    BeforeAll {
        $script:Kit = Get-ItKit
        Save-ItKit $script:Kit
        # Site A's plain archive (all visits, no segment: its done flag is named 'done') of one day, in its month's tables.
        $script:Day = '2022-01-12'
        $script:Backup = "matomops_health_backup_$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        function Invoke-KitSql([string] $Sql) {
            $socket = Join-Path $script:Kit.RunDir 'mysqld.sock'
            $output = $Sql | & mysql --socket=$socket -u root --batch --skip-column-names matomo 2>&1
            if ($LASTEXITCODE -ne 0) { throw "mysql failed ($LASTEXITCODE): $output" }
            $output
        }
        $script:Archives = "SELECT idarchive FROM matomo_archive_numeric_2022_01 WHERE idsite = $($script:Sites.A) AND period = 1 AND date1 = '$($script:Day)' AND name = 'done'"
    }

    AfterAll {
        if ($script:Kit -isnot [string]) { Reset-ItKit $script:Kit }
    }

    It 'is Failing with an archiving reason while browser-triggered archiving is off, and Ok once the archive is back' {
        Connect-It
        # The archive exists (asked once, Matomo made it if it had not).
        (Test-MatomoHealth -SiteId $script:Sites.A -Start $script:Day -End $script:Day -Check Archiving).Status | Should -Be 'Ok'
        $moved = $false
        try {
            Add-ItKitSetting $script:Kit General 'enable_browser_archiving_triggering = 0', 'browser_archiving_disabled_enforce = 1'
            Invoke-KitSql @"
CREATE TABLE $($script:Backup)_numeric AS SELECT * FROM matomo_archive_numeric_2022_01 WHERE idarchive IN ($($script:Archives)) AND idsite = $($script:Sites.A);
CREATE TABLE $($script:Backup)_blob AS SELECT * FROM matomo_archive_blob_2022_01 WHERE idarchive IN (SELECT idarchive FROM $($script:Backup)_numeric);
DELETE FROM matomo_archive_blob_2022_01 WHERE idarchive IN (SELECT idarchive FROM $($script:Backup)_numeric);
DELETE FROM matomo_archive_numeric_2022_01 WHERE idarchive IN (SELECT idarchive FROM $($script:Backup)_numeric);
"@
            $moved = $true
            [int](Invoke-KitSql "SELECT COUNT(*) FROM $($script:Backup)_numeric") | Should -BeGreaterThan 0

            $result = Invoke-ItCommand { Test-MatomoHealth -SiteId $script:Sites.A -Start 2022-01-11 -End $script:Day }
        } finally {
            if ($moved) {
                Invoke-KitSql @"
INSERT INTO matomo_archive_numeric_2022_01 SELECT * FROM $($script:Backup)_numeric;
INSERT INTO matomo_archive_blob_2022_01 SELECT * FROM $($script:Backup)_blob;
DROP TABLE $($script:Backup)_numeric;
DROP TABLE $($script:Backup)_blob;
"@
            }
            Reset-ItKit $script:Kit
        }

        $result.Errors | Should -BeNullOrEmpty
        $result.Output | Should -HaveCount 1
        $site = $result.Output[0]
        $site.Status | Should -Be 'Failing'
        $site.Reason | Should -BeLike "Archiving $($script:Day): No visits archived, but the visit log holds visits: the day was not archived (did the archiving job run?*"
        (Get-Check $site Archiving 2022-01-11).Status | Should -Be 'Ok'
        # Put back as it was: the same answer as before, without archiving anything.
        $again = Test-MatomoHealth -SiteId $script:Sites.A -Start 2022-01-11 -End $script:Day -Check Archiving
        $again.Status | Should -Be 'Ok'
        (Get-Check $again Archiving $script:Day).Detail | Should -Be "$(Get-Archived $script:Day) visits archived, as many as the visit log holds."
    }
}
