# The report sweep: every report of the server's API.getReportMetadata that needs no parameter of its own, for site A,
# and for sites A and B, per day, week, month, year and range, through Get-MatomoReport, compared row by row (site,
# period, label and visits) with the server's own answers. Those are asked the plain way, site by site, and period by
# period where the server refuses a date list for a report; MatomoPS must give the same rows whatever the report
# refuses (several sites, several dates), without an error.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'IntegrationHelpers.ps1')
    $Cases = @(
        @{ Sites = 'A'; Period = 'Day'; Start = '2021-12-27'; End = '2022-01-02' }
        @{ Sites = 'A'; Period = 'Week'; Start = '2021-12-20'; End = '2022-01-16' }
        @{ Sites = 'A'; Period = 'Month'; Start = '2021-12-01'; End = '2022-01-31' }
        @{ Sites = 'A'; Period = 'Year'; Start = '2021-12-20'; End = '2022-01-16' }
        @{ Sites = 'A'; Period = 'Range'; Start = '2021-12-20'; End = '2022-01-16' }
        @{ Sites = 'A,B'; Period = 'Month'; Start = '2021-12-01'; End = '2022-01-31' }
        @{ Sites = 'A,B'; Period = 'Range'; Start = '2021-12-20'; End = '2022-01-16' }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'IntegrationHelpers.ps1')
    Import-Module $env:MATOMOPS_MODULE -Force
    $script:Sites = Initialize-ItSites
    Connect-It
    # Every report without parameters of its own (Goals of one goal, custom dimensions... need theirs).
    $script:Reports = @(Get-MatomoReportMetadata -SiteId $script:Sites.A | Where-Object { $_.Parameters.Count -eq 0 } | Select-Object -ExpandProperty Report -Unique)
    Write-Host "The report sweep covers $($script:Reports.Count) reports of $((Get-ItSettings).Url)"

    # The server's answer for one site, asked without MatomoPS: a date list, or period by period for a report that refuses one.
    function Get-SweepAnswer([string] $Report, [int] $Site, [string] $Period, [datetime] $Start, [datetime] $End) {
        $asked = @{ idSite = $Site; period = $Period.ToLowerInvariant(); filter_limit = '-1'; format_metrics = '0' }
        $dates = "$($Start.ToString('yyyy-MM-dd')),$($End.ToString('yyyy-MM-dd'))"
        $settings = Get-ItSettings
        $answer = Invoke-RestMethod -Method Post -Uri "$($settings.Url)index.php?module=API&method=$Report&format=json" -Body (@{ token_auth = $settings.Token; date = $dates } + $asked)
        if ($Period -eq 'Range') { return @{ "$dates" = $answer } }
        if (-not ($answer -is [pscustomobject] -and $answer.PSObject.Properties['result'] -and $answer.result -eq 'error')) {
            $byKey = [ordered]@{}
            foreach ($property in $answer.PSObject.Properties) { $byKey[$property.Name] = $property.Value }
            return $byKey
        }
        $byKey = [ordered]@{}
        for ($first = Get-ItPeriodStart $Period $Start; $first -le $End; $first = Get-ItNextPeriod $Period $first) {
            $byKey[(Get-ItPeriodKey $Period $first)] = Invoke-RestMethod -Method Post -Uri "$($settings.Url)index.php?module=API&method=$Report&format=json" `
                -Body (@{ token_auth = $settings.Token; date = $first.ToString('yyyy-MM-dd') } + $asked)
        }
        $byKey
    }

    # A row of zeros only. Matomo leaves such rows out of an answer for several sites (DevicesDetection.getType lists
    # every device type for one site, only those with visits for several), so the sweep leaves them out on both sides.
    function Test-SweepZeroRow($Row) {
        # Numbers as the answer writes them: numbers, or text of a number (a day's counts).
        $parsed = 0.0
        $numbers = @($Row.PSObject.Properties | Where-Object { $_.Name -notin 'label', 'Label', 'SiteId', 'Period', 'Date', 'EndDate', 'Key', 'SubtableId', 'idsubdatatable' } |
                Where-Object { ($_.Value -is [ValueType] -and $_.Value -isnot [enum] -and $_.Value -isnot [bool]) -or ($_.Value -is [string] -and [double]::TryParse($_.Value, [Globalization.NumberStyles]::Float, [cultureinfo]::InvariantCulture, [ref] $parsed)) })
        $numbers.Count -gt 0 -and @($numbers | Where-Object { [double]::Parse("$($_.Value)", [cultureinfo]::InvariantCulture) -ne 0 }).Count -eq 0
    }

    # One line per row: site, period key, label and visits (when the report counts them), as numbers both sides.
    function Format-SweepRow($Site, $Key, $Row) {
        if (Test-SweepZeroRow $Row) { return }
        $visits = if ($Row.PSObject.Properties['nb_visits'] -and $null -ne $Row.nb_visits) { [double]$Row.nb_visits } else { '' }
        $label = if ($Row.PSObject.Properties['label']) { $Row.label } elseif ($Row.PSObject.Properties['Label']) { $Row.Label } else { '' }
        "$Site|$Key|$label|$visits"
    }
}

AfterAll {
    Disconnect-Matomo
}

Describe 'The report sweep: every report <Period> for site(s) <Sites>' -ForEach $Cases {
    It 'gives every report of the server as the server answers it, row by row' {
        $siteIds = @($Sites -split ',' | ForEach-Object { $script:Sites.$_ })
        $different = [Collections.Generic.List[string]]::new()
        foreach ($report in $script:Reports) {
            $result = Invoke-ItCommand { Get-MatomoReport $report -SiteId $siteIds -Period $Period -Start $Start -End $End }
            if ($result.Errors) { $different.Add("$report : $($result.Errors[0].Exception.Message)"); continue }
            $mine = @($result.Output | ForEach-Object { Format-SweepRow $_.SiteId $_.Key $_ })
            $theirs = foreach ($site in $siteIds) {
                $answer = Get-SweepAnswer $report $site $Period ([datetime]$Start) ([datetime]$End)
                foreach ($key in $answer.Keys) {
                    $table = $answer[$key]
                    # A report of one row per period (VisitsSummary.get) answers an object; an empty period answers [].
                    $rows = if ($table -is [array]) { $table } elseif ($null -ne $table -and @($table.PSObject.Properties).Count -gt 0) { , $table } else { @() }
                    foreach ($row in $rows) { if ($null -ne $row) { Format-SweepRow $site $key $row } }
                }
            }
            if ((@($mine | Sort-Object) -join "`n") -ne (@($theirs | Sort-Object) -join "`n")) { $different.Add("$report : $($mine.Count) rows, the server $(@($theirs).Count)") }
        }
        $script:Reports.Count | Should -BeGreaterThan 30
        $different | Should -BeNullOrEmpty
    }
}
