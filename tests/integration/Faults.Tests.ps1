# The fault suite: real faults of the realmatomo kit's Matomo 5.1.2, as MatomoPS meets them. Its database is stopped
# (MariaDB, by the PID in the kit's run folder) and started again with setup.sh, also while a command is retrying;
# maintenance mode is turned on; brute-force detection is turned on and this address locked out, then unblocked with the
# console; browser-triggered archiving is turned off for segments the server never processed. Each test puts the
# server back however it ends (AfterEach, and AfterAll once more): configuration byte for byte, database running,
# no address blocked. Runs only where MATOMOPS_IT_KIT_RUN_DIR names the kit that MATOMOPS_IT_URL points at.
# The time to each error or heal and the requests sent are printed as a table at the end (README: When things go wrong).
# Wrong tokens: as many as Matomo needs to lock the address out (20 by default); the lockout is lifted at once.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'IntegrationHelpers.ps1')
    . (Join-Path $PSScriptRoot 'KitHelpers.ps1')
    $kit = Get-ItKit
    $KitSkip = $kit -is [string]
    $KitNote = if ($KitSkip) { " (skipped: $kit)" } else { '' }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'IntegrationHelpers.ps1')
    . (Join-Path $PSScriptRoot 'KitHelpers.ps1')
    Import-Module $env:MATOMOPS_MODULE -Force
    $script:Kit = Get-ItKit
    $script:ItMeasurements = [Collections.Generic.List[object]]::new()
    if ($script:Kit -isnot [string]) {
        $script:Sites = Initialize-ItSites
        $script:Url = (Get-ItSettings).Url
        Save-ItKit $script:Kit
    }
    # A connection to site A that retries a fault -MaxRetries times (pauses of about 1, 2, 4, 8 s).
    function Connect-Faulty {
        [CmdletBinding()]
        param([int] $MaxRetries)
        Connect-Matomo -Url $script:Url -Token (ConvertTo-ItSecureString (Get-ItSettings).Token) -SiteId $script:Sites.A -MaxRetries $MaxRetries -TimeoutSec 30
    }
    $script:Week = @{ Start = [datetime]'2021-12-20'; End = [datetime]'2021-12-26' }
    function Get-Week { Get-MatomoVisits @script:Week -Verbose }
    function Measure-It([scriptblock] $Command) {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $result = Invoke-ItCommand $Command
        $result | Add-Member Elapsed $clock.Elapsed -PassThru | Add-Member Requests (Get-ItRequestCount $result.Verbose) -PassThru
    }
    # One error record of MatomoPS: its error id, its category (unless -Category is left out), and its message and
    # recommended action as wildcard patterns.
    function Assert-ItErrorRecord($Record, [string] $Id, [string] $Category, [string] $Message, [string] $Action) {
        $Record.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        if ($Category) { $Record.CategoryInfo.Category | Should -Be $Category }
        $Record.Exception.Message | Should -BeLike $Message
        $Record.ErrorDetails.RecommendedAction | Should -BeLike $Action
    }
}

AfterAll {
    if ($script:Kit -isnot [string]) {
        Disconnect-Matomo
        Reset-ItKit $script:Kit
        $table = $script:ItMeasurements | Format-Table Fault, Outcome, Seconds, Attempts -AutoSize -Wrap | Out-String -Width 220
        Write-Host "Faults of the real Matomo, measured:$table"
        $folder = Join-Path (Split-Path (Split-Path $env:MATOMOPS_MODULE)) 'test-results'
        $null = New-Item -ItemType Directory -Path $folder -Force
        @('| Fault | What MatomoPS says | Time | Requests |', '|---|---|---|---|') + @($script:ItMeasurements | ForEach-Object {
                "| $($_.Fault) | $($_.Outcome) | $($_.Seconds.ToString('0.00', [cultureinfo]::InvariantCulture)) s | $($_.Attempts) |" }) |
            Set-Content (Join-Path $folder 'fault-measurements.md')
    }
}

Describe "A database outage$KitNote" -Skip:$KitSkip {
    AfterEach { Reset-ItKit $script:Kit }

    It 'is a database error in a server-fault category after every retry' {
        Connect-Faulty -MaxRetries 2
        Stop-ItKitDatabase $script:Kit

        $result = Measure-It { Get-Week }

        $result.Output | Should -BeNullOrEmpty
        $result.Errors.Count | Should -Be 1
        $record = $result.Errors[0]
        Assert-ItErrorRecord $record -Id MatomoDatabaseUnavailable -Category ResourceUnavailable `
            -Message '*cannot reach its database*SQLSTATE*Gave up after 3 attempts*' -Action '*administrator*'
        $record.Exception.Attempts | Should -Be 3
        $result.Requests | Should -Be 3
        Add-ItMeasurement 'Database stopped, -MaxRetries 2' 'MatomoDatabaseUnavailable (ResourceUnavailable)' $result.Elapsed $result.Requests
    }

    It 'heals when setup.sh starts the database again while the command retries' {
        Connect-Faulty -MaxRetries 4
        Stop-ItKitDatabase $script:Kit
        $restart = Start-ItLater 1.5 { param($Kit) Start-ItKit $Kit } @{ Kit = $script:Kit }

        $result = Measure-It { Get-Week }
        $null = Receive-Job $restart -Wait -AutoRemoveJob -ErrorAction Stop

        $result.Errors | Should -BeNullOrEmpty
        Format-ItRows $result.Output | Should -Be (Format-ItRows (Get-ItExpected @script:Week))
        $result.Requests | Should -BeGreaterThan 1
        @($result.Verbose -match 'cannot reach its database.*trying again').Count | Should -Be ($result.Requests - 1)
        Add-ItMeasurement 'Database stopped, setup.sh starts it 1.5 s later, -MaxRetries 4' 'healed: the right rows' $result.Elapsed $result.Requests
    }
}

Describe "A database outage inside a bulk request$KitNote" -Skip:$KitSkip {
    AfterEach { Reset-ItKit $script:Kit }

    It 'asks again only for the series whose slots failed, and every series heals' {
        # 25 segments no run asked before, in one bulk request: archiving them takes the real server about 12 s, and
        # the database stops 3 s in and is back about 2 s later, so slots of that request fail while others succeed.
        Connect-Matomo -Url $script:Url -Token (ConvertTo-ItSecureString (Get-ItSettings).Token) -SiteId 1 -MaxRetries 4 -TimeoutSec 60
        $nonce = [guid]::NewGuid().ToString('N').Substring(0, 8)
        $series = [ordered]@{}
        foreach ($i in 1..25) { $series["s$i"] = "pageUrl=@/$(@('en', 'de', 'ar', 'fa', 'uk')[$i % 5])/;pageUrl!=@$nonce$i" }
        $asked = @{ Start = [datetime]'2023-01-01'; End = [datetime]'2023-01-31'; Series = $series; ThrottleLimit = 1; BatchSize = 25 }
        $outage = Start-ItLater 3 { param($Kit) Stop-ItKitDatabase $Kit; Start-Sleep -Seconds 2; Start-ItKit $Kit } @{ Kit = $script:Kit }

        $result = Measure-It { Get-MatomoVisits @asked -Verbose }
        $null = Receive-Job $outage -Wait -AutoRemoveJob -ErrorAction Stop

        $result.Errors | Should -BeNullOrEmpty
        @($result.Output).Count | Should -Be (25 * 31)
        # The same question once the server is whole again (its archives are there now): the same rows.
        $again = Get-MatomoVisits @asked
        @($result.Output | ForEach-Object { "$($_.Series) $($_.Key)=$($_.Value)" }) | Should -Be @($again | ForEach-Object { "$($_.Series) $($_.Key)=$($_.Value)" })
        $healedSlots = @($result.Verbose -match 'series failed so').Count
        Add-ItMeasurement "Database stopped 3 s into a bulk request of 25 new segments, back about 2 s later, -MaxRetries 4" `
            "healed: the right rows ($healedSlots slot retr$(if ($healedSlots -eq 1) { 'y' } else { 'ies' }))" $result.Elapsed $result.Requests
    }
}

Describe "Maintenance mode$KitNote" -Skip:$KitSkip {
    AfterEach { Reset-ItKit $script:Kit }

    It 'is said as maintenance after every retry' {
        Connect-Faulty -MaxRetries 2
        Add-ItKitSetting $script:Kit General 'maintenance_mode = 1'

        $result = Measure-It { Get-Week }

        $result.Errors.Count | Should -Be 1
        $record = $result.Errors[0]
        Assert-ItErrorRecord $record -Id MatomoMaintenance -Category ResourceUnavailable `
            -Message '*Matomo is in maintenance mode (HTTP 503*' -Action '*maintenance mode*'
        $record.ErrorDetails.RecommendedAction | Should -Not -BeLike '*overloaded*'
        $result.Requests | Should -Be 3
        Add-ItMeasurement 'Maintenance mode on, -MaxRetries 2' 'MatomoMaintenance (ResourceUnavailable)' $result.Elapsed $result.Requests
    }

    It 'heals when maintenance ends while the command retries' {
        Connect-Faulty -MaxRetries 4
        $normal = [IO.File]::ReadAllText($script:Kit.Config)
        Add-ItKitSetting $script:Kit General 'maintenance_mode = 1'
        $end = Start-ItLater 1.5 { param($Kit, $Text) [IO.File]::WriteAllText($Kit.Config, $Text) } @{ Kit = $script:Kit; Text = $normal }

        $result = Measure-It { Get-Week }
        $null = Receive-Job $end -Wait -AutoRemoveJob -ErrorAction Stop

        $result.Errors | Should -BeNullOrEmpty
        Format-ItRows $result.Output | Should -Be (Format-ItRows (Get-ItExpected @script:Week))
        $result.Requests | Should -BeGreaterThan 1
        Add-ItMeasurement 'Maintenance mode ends 1.5 s after the start, -MaxRetries 4' 'healed: the right rows' $result.Elapsed $result.Requests
    }
}

Describe "A brute-force lockout$KitNote" -Skip:$KitSkip {
    AfterEach { Reset-ItKit $script:Kit }

    It 'says lockout, is not retried, names the way out, and the console command lifts it' {
        Connect-Faulty -MaxRetries 3
        Add-ItKitSetting $script:Kit Login 'enableBruteForceDetection = 1'
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $wrong = Lock-ItAddress $script:Url
        $lockedAfter = $clock.Elapsed

        $result = Measure-It { Get-Week }
        $reconnect = Measure-It { Connect-Faulty -MaxRetries 3 -Verbose }

        foreach ($record in @($result.Errors) + @($reconnect.Errors)) {
            Assert-ItErrorRecord $record -Id MatomoLockedOut -Category SecurityError `
                -Message '*locked out after too many failed logins*Too many failed logins*' -Action '*./console login:unblock-blocked-ips*'
        }
        $result.Errors.Count | Should -Be 1
        $reconnect.Errors.Count | Should -Be 1
        $result.Output | Should -BeNullOrEmpty
        $result.Requests | Should -Be 1
        $reconnect.Requests | Should -Be 1
        $result.Errors[0].Exception.Attempts | Should -Be 1
        Add-ItMeasurement "Locked out ($wrong wrong tokens in $([math]::Round($lockedAfter.TotalSeconds, 1)) s), -MaxRetries 3" 'MatomoLockedOut (SecurityError), not retried' $result.Elapsed $result.Requests

        $clock.Restart()
        Invoke-ItKitConsole $script:Kit 'login:unblock-blocked-ips'
        $healed = Measure-It { Connect-Faulty -MaxRetries 3 -Verbose; Get-Week }
        $healed.Errors | Should -BeNullOrEmpty
        Format-ItRows $healed.Output | Should -Be (Format-ItRows (Get-ItExpected @script:Week))
        Add-ItMeasurement 'login:unblock-blocked-ips, then Connect-Matomo' 'the right rows' $clock.Elapsed $healed.Requests
    }
}

Describe "A segment the server never processed$KitNote" -Skip:$KitSkip {
    BeforeAll {
        # A segment of its own per run, so no earlier run can have processed it: it selects the /de/ visits (and so
        # matches visits), and its twin for /zz/ matches none.
        $script:Nonce = [guid]::NewGuid().ToString('n').Substring(0, 8)
        $script:Template = "pageUrl=@/{0}/;pageUrl!@/$($script:Nonce)/"
        $script:Month = @{ Start = [datetime]'2021-12-20'; End = [datetime]'2022-01-16' }
        (Get-ItExpected @script:Month -Where { Test-ItLanguage $_ 'de' } | Measure-Object Value -Sum).Sum | Should -BeGreaterThan 0
    }
    BeforeEach {
        Connect-Faulty -MaxRetries 3
        Add-ItKitSetting $script:Kit General 'enable_browser_archiving_triggering = 0', 'browser_archiving_disabled_enforce = 1'
    }
    AfterEach { Reset-ItKit $script:Kit }

    It "asked alone is Matomo's own error, with the way out" {
        $segment = $script:Template -f 'de'
        $result = Measure-It { Get-MatomoVisits @script:Month -Segment $segment -Verbose }

        $result.Output | Should -BeNullOrEmpty
        $result.Errors.Count | Should -Be 1
        $record = $result.Errors[0]
        Assert-ItErrorRecord $record -Id MatomoSegmentNotProcessed `
            -Message '*has not processed the segment*has not yet been created in the Segment Editor*' `
            -Action '*segment editor*Get-MatomoLanguageVisits -Source PageReport*'
        $result.Requests | Should -Be 1
        Add-ItMeasurement 'Browser archiving off: a new segment asked alone' "MatomoSegmentNotProcessed (Matomo's guard)" $result.Elapsed $result.Requests
    }

    It 'in a bulk request keeps its zeros and brings a warning that names it, while a segment without visits brings none' {
        $result = Measure-It { Get-MatomoLanguageVisits -Language de, zz -SegmentTemplate $script:Template @script:Month -NoTotal -ThrottleLimit 1 -Verbose }

        $result.Errors | Should -BeNullOrEmpty
        $result.Output.Count | Should -Be 56
        @($result.Output | Where-Object Value -NE 0).Count | Should -Be 0
        $warnings = @($result.Messages -like '*0 in every period*')
        $warnings.Count | Should -Be 1
        $warnings[0] | Should -BeLike "The segment '$($script:Template -f 'de')' (series 'de') is 0 in every period, but Matomo's visit log has visits*"
        $warnings[0] | Should -BeLike '*did not process this segment (browser-triggered archiving is off there)*segment editor*SegmentEditor.getAll*Get-MatomoLanguageVisits -Source PageReport*'
        $result.Messages -like '*/zz/*' | Should -BeNullOrEmpty
        # One bulk request, then one request that looks at the visit log once per all-zero series.
        $result.Requests | Should -Be 2
        @($result.Verbose -match '^POST API\.getBulkRequest of 2 visit-log checks').Count | Should -Be 1
        Add-ItMeasurement 'Browser archiving off: a new segment and one without visits in a bulk request' 'zeros kept, one warning for the segment with visits' $result.Elapsed $result.Requests
    }

    It 'says once that the zeros could not be checked when the Live plugin is off' {
        try {
            Invoke-ItKitConsole $script:Kit 'plugin:deactivate', 'Live'
            $result = Measure-It { Get-MatomoLanguageVisits -Language de, en, zz -SegmentTemplate $script:Template @script:Month -NoTotal -ThrottleLimit 1 -Verbose }
        } finally {
            Invoke-ItKitConsole $script:Kit 'plugin:activate', 'Live'
        }

        $result.Errors | Should -BeNullOrEmpty
        $result.Output.Count | Should -Be 84
        $warnings = @($result.Messages -like '*visit log*')
        $warnings.Count | Should -Be 1
        $warnings[0] | Should -BeLike '*could not check them against Matomo''s visit log*The plugin Live is not enabled*'
        $result.Requests | Should -Be 2
        Add-ItMeasurement 'Browser archiving off, Live plugin off: three new segments in a bulk request' 'zeros kept, one warning: not checked' $result.Elapsed $result.Requests
    }
}
