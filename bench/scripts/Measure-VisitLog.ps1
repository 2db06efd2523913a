#Requires -Version 7.2
<#
.SYNOPSIS
    One timed read of a visit log in this (fresh) pwsh, for bench/scripts/Bench-VisitLog.ps1.
.DESCRIPTION
    -Design MatomoPS: Get-MatomoVisitLog with -PageSize, every row counted (as a pipeline to a file would take them).
    -Design Loop: what a script writes by hand: Live.getLastVisitsDetails pages of the same size, oldest first, through
    Invoke-RestMethod (token in the POST body), one after another by filter_offset, every visit counted.
    Writes one JSON line to -ResultFile: visits, seconds, requests, the sum of the visit ids (both designs must agree)
    and the process's peak working set.
#>
param(
    [Parameter(Mandatory)] [ValidateSet('MatomoPS', 'Loop')] [string] $Design,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Url,
    [Parameter(Mandatory)] [string] $Token,
    [Parameter(Mandatory)] [int] $SiteId,
    [Parameter(Mandatory)] [string] $Start,
    [Parameter(Mandatory)] [string] $End,
    [Parameter(Mandatory)] [int] $PageSize,
    [Parameter(Mandatory)] [long] $Visits,
    [Parameter(Mandatory)] [string] $ResultFile
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$secure = ConvertTo-SecureString $Token -AsPlainText -Force
Connect-Matomo -Url $Url -Token $secure -SiteId $SiteId
$count = 0L; $sum = 0L; $requests = 0
$clock = [Diagnostics.Stopwatch]::StartNew()
if ($Design -eq 'MatomoPS') {
    Get-MatomoVisitLog -Start $Start -End $End -PageSize $PageSize -IncludeOpen -First $Visits | ForEach-Object { $count++; $sum += $_.VisitId }
    $requests = [math]::Ceiling($count / $PageSize)
}
else {
    $endpoint = $Url.TrimEnd('/') + '/index.php?module=API&method=Live.getLastVisitsDetails&format=json'
    $offset = 0
    while ($count -lt $Visits) {
        $page = Invoke-RestMethod -Method Post -Uri $endpoint -Body @{
            token_auth = $Token; idSite = $SiteId; period = 'range'; date = "$Start,$End"
            filter_limit = $PageSize; filter_offset = $offset; filter_sort_order = 'asc'
        }
        $requests++
        foreach ($visit in $page) { if ($count -lt $Visits) { $count++; $sum += [long]$visit.idVisit } }
        if (@($page).Count -lt $PageSize) { break }
        $offset += $PageSize
    }
}
$seconds = $clock.Elapsed.TotalSeconds
$peak = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
@{ Design = $Design; Visits = $count; Seconds = $seconds; Requests = $requests; IdSum = $sum; PeakMB = [math]::Round($peak / 1MB, 1) } |
    ConvertTo-Json -Compress | Set-Content $ResultFile
