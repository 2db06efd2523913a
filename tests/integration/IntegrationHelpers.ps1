# The integration suite's fixture: the built module against a real Matomo 4 or 5 given by environment variables.
#   MATOMOPS_IT_URL                 the Matomo folder (the one with index.php), such as http://127.0.0.1:8080/
#   MATOMOPS_IT_TOKEN               a super user's token (it creates the suite's sites and tracks their visits)
#   MATOMOPS_IT_TOKEN_SECURE_ONLY   optional: a super user's secure-only token (accepted only in a POST body; it must see the new sites)
#   MATOMOPS_IT_TOKEN_VIEWER        optional: a token with view access to some sites but not to the suite's
#   MATOMOPS_IT_VIEWER_SITE_ID      optional: the first site the viewer may view (found with Get-MatomoId when missing)
# The suite makes its own two sites and tracks its own visits into them (a few dozen, 2021-12-20 to 2022-01-16,
# crossing a year), so it knows every number by construction. A second run on the same server finds the filled
# sites by name and tracks nothing. Deliberately failed logins per run: 2 (see Errors.Tests.ps1), and on the kit the
# fault suite's lockout, lifted at once; Matomo's default brute-force detection locks an address out after 20 in 60 minutes.

Set-StrictMode -Version Latest

# The range of the data set: Monday 2021-12-20 to Sunday 2022-01-16, four whole ISO weeks across New Year.
$script:ItStart = [datetime]'2021-12-20'
$script:ItEnd = [datetime]'2022-01-16'
$script:ItLanguages = 'en', 'de', 'fr', 'ar'

# The page whose segment needs encoding: a space, '&', ',', '/' and letters outside ASCII.
$script:ItSpecialPage = '/fr/café & crème, olé/'

function New-ItVisit {
    param([string] $Site, [string] $Start, [string] $Visitor, [string] $User, [string[]] $Pages)
    [pscustomobject]@{
        Site    = $Site
        Start   = [datetime]::ParseExact($Start, 'yyyy-MM-dd HH:mm', [cultureinfo]::InvariantCulture)
        Day     = [datetime]::ParseExact($Start.Substring(0, 10), 'yyyy-MM-dd', [cultureinfo]::InvariantCulture)
        Visitor = "$Site/$Visitor"
        User    = $User
        Pages   = $Pages
    }
}

# The data set. One line per visit: site, start (UTC), visitor, user id ('' for none), the pages in order, one
# minute apart. Visitors named r* return on other days; n* and b* come once. Days without a line have no visits
# (2021-12-24 to 12-26, 2022-01-01, 01-09 on site A; the whole week 2021-12-27 to 2022-01-02 on site B).
function Get-ItVisits {
    $v = 'New-ItVisit'
    @(
        & $v A '2021-12-20 09:00' r1 alice '/en/', '/en/pricing.html'
        & $v A '2021-12-20 10:30' n01 '' '/de/'
        & $v A '2021-12-20 14:00' n02 '' '/fr/', $script:ItSpecialPage
        & $v A '2021-12-21 08:15' r2 '' '/en/'
        & $v A '2021-12-21 11:00' n03 '' '/ar/', '/ar/news.html', '/ar/contact.html'
        & $v A '2021-12-22 16:45' r1 alice '/en/blog/'
        # One visit in two languages: it counts for en and for de, and once in the total.
        & $v A '2021-12-22 17:00' n04 '' '/en/', '/de/produkte.html'
        & $v A '2021-12-23 12:00' n05 '' '/de/'
        & $v A '2021-12-23 12:30' r3 '' '/fr/'
        & $v A '2021-12-27 09:00' r2 '' '/en/', '/en/blog/'
        & $v A '2021-12-28 10:00' n06 '' $script:ItSpecialPage
        & $v A '2021-12-29 13:30' n07 '' '/de/', '/de/kontakt.html'
        & $v A '2021-12-30 18:00' r1 alice '/en/'
        & $v A '2021-12-31 22:10' n08 '' '/ar/'
        & $v A '2022-01-02 10:00' r4 bob '/de/'
        & $v A '2022-01-03 08:00' r1 alice '/en/', '/en/pricing.html', '/en/blog/'
        & $v A '2022-01-03 09:15' n10 '' '/fr/', '/fr/contact.html'
        & $v A '2022-01-04 11:00' r2 '' '/en/'
        & $v A '2022-01-04 15:00' n11 '' '/ar/', '/en/'
        & $v A '2022-01-05 10:00' r3 '' '/fr/', $script:ItSpecialPage
        & $v A '2022-01-06 12:00' n12 '' '/de/'
        & $v A '2022-01-07 14:00' r4 bob '/de/', '/de/produkte.html'
        & $v A '2022-01-08 16:00' n14 '' '/en/'
        & $v A '2022-01-10 09:00' r1 alice '/en/'
        & $v A '2022-01-10 10:00' n15 '' '/ar/'
        & $v A '2022-01-11 11:30' r2 '' '/en/blog/'
        & $v A '2022-01-12 13:00' n16 '' '/de/'
        & $v A '2022-01-12 13:20' n17 '' '/fr/'
        & $v A '2022-01-13 17:00' r3 '' '/fr/'
        & $v A '2022-01-14 09:40' n18 '' '/en/', '/en/pricing.html'
        & $v A '2022-01-15 20:00' n19 '' '/ar/', '/ar/news.html'
        & $v A '2022-01-16 23:00' n20 '' '/de/'
        & $v B '2021-12-21 09:00' b1 '' '/en/'
        & $v B '2021-12-21 15:00' b2 '' '/de/', '/de/info.html'
        & $v B '2022-01-05 10:00' b1 '' '/en/', '/en/docs.html'
        & $v B '2022-01-05 11:00' b3 '' '/en/'
        & $v B '2022-01-05 16:30' b4 '' '/de/'
        & $v B '2022-01-14 12:00' b1 '' '/en/'
    )
}

function Get-ItMainUrl([string] $Site) { "https://$($Site.ToLowerInvariant()).matomops-it.test" }

# The sites' names carry a hash of the data set, so a changed data set gets new sites instead of mixing with old visits.
function Get-ItDataVersion {
    $text = (Get-ItVisits | ForEach-Object { "$($_.Site) $($_.Start.ToString('s')) $($_.Visitor) $($_.User) $($_.Pages -join '|')" }) -join "`n"
    $hash = [Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($text))
    -join ($hash[0..3] | ForEach-Object { $_.ToString('x2') })
}

function Get-ItSiteName([string] $Site) { "MatomoPS integration $Site (data $(Get-ItDataVersion))" }

# The suite's settings from the environment; $null when the two required variables are missing.
function Get-ItSettings {
    if (-not $env:MATOMOPS_IT_URL -or -not $env:MATOMOPS_IT_TOKEN) { return $null }
    $url = $env:MATOMOPS_IT_URL.Trim() -replace 'index\.php$', ''
    if (-not $url.EndsWith('/')) { $url += '/' }
    [pscustomobject]@{
        Url             = $url
        Token           = $env:MATOMOPS_IT_TOKEN
        SecureOnlyToken = $env:MATOMOPS_IT_TOKEN_SECURE_ONLY
        ViewerToken     = $env:MATOMOPS_IT_TOKEN_VIEWER
        ViewerSiteId    = $env:MATOMOPS_IT_VIEWER_SITE_ID
    }
}

# Calls the API without MatomoPS (the fixture must not depend on the client under test): POST, token in the body.
function Invoke-ItApi {
    param([string] $Method, [hashtable] $Parameters = @{}, [string] $Token)
    $settings = Get-ItSettings
    if (-not $Token) { $Token = $settings.Token }
    $body = @{ token_auth = $Token } + $Parameters
    $answer = Invoke-RestMethod -Method Post -Uri "$($settings.Url)index.php?module=API&method=$Method&format=json" -Body $body
    if ($answer -is [pscustomobject] -and $answer.PSObject.Properties['result'] -and $answer.result -eq 'error') {
        throw "Matomo refused $Method during the integration suite's setup: $($answer.message)"
    }
    $answer
}

function ConvertTo-UnixTime([datetime] $Utc) {
    [long]([datetimeoffset]::new([datetime]::SpecifyKind($Utc, 'Utc'))).ToUnixTimeSeconds()
}

# Matomo's visitor id: 16 hex characters, the same for a visitor on every day.
function Get-ItVisitorId([string] $Visitor) {
    $hash = [Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes("matomops-it $Visitor"))
    -join ($hash[0..7] | ForEach-Object { $_.ToString('x2') })
}

# Sends every pageview of the data set to matomo.php in one bulk tracking request (token_auth for past dates
# through cdt, and for cid and cip), and checks that Matomo counted every one.
function Send-ItVisits {
    param([hashtable] $SiteIds)
    $settings = Get-ItSettings
    $visitors = @(Get-ItVisits | Select-Object -ExpandProperty Visitor -Unique)
    $requests = foreach ($visit in Get-ItVisits) {
        $number = [array]::IndexOf($visitors, $visit.Visitor) + 1
        for ($i = 0; $i -lt $visit.Pages.Count; $i++) {
            $query = [ordered]@{
                idsite      = $SiteIds[$visit.Site]
                rec         = 1
                url         = (Get-ItMainUrl $visit.Site) + $visit.Pages[$i]
                action_name = $visit.Pages[$i]
                cdt         = ConvertTo-UnixTime $visit.Start.AddMinutes($i)
                cid         = Get-ItVisitorId $visit.Visitor
                cip         = "2001:db8:4d50::$number"
                ua          = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0'
                lang        = 'en-US'
            }
            if ($i -eq 0) { $query.new_visit = 1 }
            if ($visit.User) { $query.uid = $visit.User }
            [pscustomobject]@{
                At    = $visit.Start.AddMinutes($i)
                Query = '?' + (($query.GetEnumerator() | ForEach-Object { "$($_.Key)=$([uri]::EscapeDataString([string]$_.Value))" }) -join '&')
            }
        }
    }
    $ordered = @($requests | Sort-Object At | ForEach-Object Query)
    $body = @{ requests = $ordered; token_auth = $settings.Token } | ConvertTo-Json -Compress
    $answer = Invoke-RestMethod -Method Post -Uri "$($settings.Url)matomo.php" -Body $body -ContentType 'application/json'
    if ($answer.status -ne 'success' -or $answer.tracked -ne $ordered.Count -or $answer.invalid -ne 0) {
        throw "Matomo did not take every tracking request of the integration data set: $($answer | ConvertTo-Json -Compress)"
    }
}

# Finds the suite's two sites (filled and named after the data set's version), or makes and fills them.
# A site is named with ' [filling]' until every visit is tracked; such a site (a run that was stopped, or one running
# now) is never used, so a re-run never counts a visit twice. Cached for the whole Pester run.
function Initialize-ItSites {
    $settings = Get-ItSettings
    if (-not $settings) { throw 'MATOMOPS_IT_URL and MATOMOPS_IT_TOKEN are not set.' }
    $key = "$($settings.Url)|$(Get-ItDataVersion)"
    $cached = Get-Variable -Name MatomoPSItSites -Scope Global -ValueOnly -ErrorAction Ignore
    if ($cached -and $cached.Key -eq $key) { return $cached }

    $sites = Invoke-ItApi SitesManager.getSitesWithAtLeastViewAccess @{ filter_limit = -1 }
    $ids = @{}
    foreach ($site in 'A', 'B') {
        $found = @($sites | Where-Object name -EQ (Get-ItSiteName $site) | Sort-Object { [int]$_.idsite })
        if ($found) { $ids[$site] = [int]$found[0].idsite }
    }
    $halfFilled = @($sites | Where-Object name -Like 'MatomoPS integration * (data *) `[filling`]')
    if ($ids.Count -lt 2) {
        foreach ($site in $halfFilled) {
            Write-Warning "Matomo site $($site.idsite) '$($site.name)' was left half-filled by an earlier run (or is being filled by another one now); it is not used. Delete it in Matomo when no run is going on."
        }
        # Both sites are made afresh, so that a site of a stopped run is never reused.
        $ids = @{}
        foreach ($site in 'A', 'B') {
            $ids[$site] = [int](Invoke-ItApi SitesManager.addSite @{
                    siteName    = "$(Get-ItSiteName $site) [filling]"
                    'urls[0]'   = Get-ItMainUrl $site
                    timezone    = 'UTC'
                    currency    = 'EUR'
                    startDate   = '2021-01-01'
                }).value
        }
        Send-ItVisits -SiteIds $ids
        # Tracking in the past invalidates reports by itself; this makes sure, should anything have asked for them while filling.
        $days = for ($day = $script:ItStart; $day -le $script:ItEnd; $day = $day.AddDays(1)) { $day.ToString('yyyy-MM-dd') }
        $null = Invoke-ItApi CoreAdminHome.invalidateArchivedReports @{ idSites = "$($ids.A),$($ids.B)"; dates = $days -join ','; period = 'day' }
        foreach ($site in 'B', 'A') { $null = Invoke-ItApi SitesManager.updateSite @{ idSite = $ids[$site]; siteName = Get-ItSiteName $site } }
    }
    $global:MatomoPSItSites = [pscustomobject]@{ Key = $key; A = $ids.A; B = $ids.B }
    $global:MatomoPSItSites
}

# What Matomo must report, counted from the data set: every period from the one holding $Start to the one holding
# $End, in order, as [pscustomobject]@{ Key; Value }. -Where picks visits (a segment selects whole visits).
function Get-ItExpected {
    param(
        [ValidateSet('A', 'B')] [string] $Site = 'A',
        [ValidateSet('Visits', 'Actions', 'UniqueVisitors', 'Users')] [string] $Metric = 'Visits',
        [ValidateSet('Day', 'Week', 'Month', 'Year')] [string] $Period = 'Day',
        [datetime] $Start = $script:ItStart,
        [datetime] $End = $script:ItEnd,
        [scriptblock] $Where = { $true }
    )
    $visits = @(Get-ItVisits | Where-Object Site -EQ $Site | Where-Object $Where)
    for ($first = Get-ItPeriodStart $Period $Start; $first -le $End.Date; $first = Get-ItNextPeriod $Period $first) {
        $last = (Get-ItNextPeriod $Period $first).AddDays(-1)
        $in = @($visits | Where-Object { $_.Day -ge $first -and $_.Day -le $last })
        $value = switch ($Metric) {
            'Visits' { $in.Count }
            'Actions' { ($in | ForEach-Object { $_.Pages.Count } | Measure-Object -Sum).Sum }
            'UniqueVisitors' { @($in | ForEach-Object Visitor | Select-Object -Unique).Count }
            'Users' { @($in | Where-Object User | ForEach-Object User | Select-Object -Unique).Count }
        }
        [pscustomobject]@{ Key = Get-ItPeriodKey $Period $first; Value = [long]$value }
    }
}

# A visit counts for a language when one of its pages is under /<code>/, as the segment pageUrl=@/<code>/ picks it.
function Test-ItLanguage([psobject] $Visit, [string] $Code) { Test-ItPage $Visit "/$Code/" }

# True when one page of the visit holds every one of $Parts: Matomo's segment pageUrl=@a;pageUrl=@b needs both in
# the same action (its SQL joins each visit to its actions), not somewhere in the visit.
function Test-ItPage([psobject] $Visit, [string[]] $Parts) {
    foreach ($page in $Visit.Pages) {
        $url = (Get-ItMainUrl $Visit.Site) + $page
        if (@($Parts | Where-Object { -not $url.Contains($_) }).Count -eq 0) { return $true }
    }
    $false
}

function Get-ItPeriodStart([string] $Period, [datetime] $Date) {
    switch ($Period) {
        'Day' { $Date.Date }
        'Week' { $Date.Date.AddDays( - (([int]$Date.DayOfWeek + 6) % 7)) }
        'Month' { [datetime]::new($Date.Year, $Date.Month, 1) }
        'Year' { [datetime]::new($Date.Year, 1, 1) }
    }
}

function Get-ItNextPeriod([string] $Period, [datetime] $First) {
    switch ($Period) { 'Day' { $First.AddDays(1) } 'Week' { $First.AddDays(7) } 'Month' { $First.AddMonths(1) } 'Year' { $First.AddYears(1) } }
}

function Get-ItPeriodKey([string] $Period, [datetime] $First) {
    switch ($Period) {
        'Day' { $First.ToString('yyyy-MM-dd') }
        'Week' { $First.ToString('yyyy-MM-dd') + ',' + $First.AddDays(6).ToString('yyyy-MM-dd') }
        'Month' { $First.ToString('yyyy-MM') }
        'Year' { $First.ToString('yyyy') }
    }
}

function ConvertTo-ItSecureString([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }

# Connect-Matomo with one of the suite's tokens, to site A unless told otherwise.
function Connect-It {
    param([string] $Token = (Get-ItSettings).Token, [int] $SiteId = (Initialize-ItSites).A)
    Connect-Matomo -Url (Get-ItSettings).Url -Token (ConvertTo-ItSecureString $Token) -SiteId $SiteId
}

# The token cases of the suite, one Describe each: the name, the variable that holds the token (read when the block
# runs, so no token is part of a test's data), and whether it is skipped. Skips are decided at discovery; the reason
# goes into the block's name, as Pester shows none for -Skip.
function Get-ItTokenCases {
    $settings = Get-ItSettings
    $secure = if ($settings) { $settings.SecureOnlyToken }
    @(
        @{ TokenName = 'normal'; TokenVariable = 'MATOMOPS_IT_TOKEN'; Skip = $false; Note = '' }
        @{ TokenName = 'secure-only'; TokenVariable = 'MATOMOPS_IT_TOKEN_SECURE_ONLY'; Skip = -not $secure; Note = if (-not $secure) { ' (skipped: MATOMOPS_IT_TOKEN_SECURE_ONLY is not set)' } else { '' } }
    )
}

# What commands wrote, sorted by stream, and the requests they sent: OutputHelpers.ps1.
. (Join-Path $PSScriptRoot 'OutputHelpers.ps1')
