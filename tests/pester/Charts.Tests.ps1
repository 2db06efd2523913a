# The exported chart page in a real browser: headless Chromium opens the file with no network and
# reports, through the data- attributes the page sets after Chart.js has drawn, what it drew.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Fake = Start-FakeMatomo
    Import-Module $env:MATOMOPS_MODULE -Force
    Connect-FakeMatomo $script:Fake
    $script:Folder = Join-Path ([IO.Path]::GetTempPath()) "matomops-chart-$([guid]::NewGuid())"
    $null = New-Item -ItemType Directory -Path $script:Folder
    $script:Chromium = Get-Command chromium, chromium-browser, google-chrome, google-chrome-stable -CommandType Application -ErrorAction Ignore |
        Select-Object -First 1 -ExpandProperty Source
    # Twelve ISO weeks of German, English and Arabic pages plus the total.
    $script:Rows = 'de', 'en', 'ar' | Get-MatomoLanguageVisits -Start 2025-04-07 -End 2025-06-29 -Period Week

    # Skipped on a developer machine without Chromium; in CI (CI=true) a missing browser is a failure.
    function Assert-Chromium {
        if ($script:Chromium) { return $true }
        if ($env:CI -eq 'true') { throw 'Chromium is not installed, and CI=true requires the browser test (.ci/run installs the Debian package chromium).' }
        Set-ItResult -Skipped -Because 'Chromium is not installed (apt-get install chromium); the browser test is skipped outside CI'
        return $false
    }

    # Opens the page in a fresh headless profile and returns the DOM after the scripts ran.
    function Get-RenderedDom([string] $File) {
        $profileDir = Join-Path $script:Folder "profile-$([guid]::NewGuid())"
        $dom = Join-Path $script:Folder "dom-$([guid]::NewGuid()).html"
        $arguments = @(
            '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
            '--disable-sync', '--no-first-run', "--user-data-dir=$profileDir",
            # Any request off the machine would fail: the page must draw from the file alone.
            '--proxy-server=http://127.0.0.1:9', '--virtual-time-budget=5000', '--dump-dom', [uri]::new($File, [UriKind]::Absolute).AbsoluteUri
        )
        $process = Start-Process -FilePath $script:Chromium -ArgumentList $arguments -PassThru `
            -RedirectStandardOutput $dom -RedirectStandardError (Join-Path $script:Folder 'chromium-errors.txt')
        if (-not $process.WaitForExit(120000)) { $process.Kill(); throw "Chromium did not finish rendering $File within 120 s" }
        # Only the wait without a timeout also waits until the redirected output is in the file.
        $process.WaitForExit()
        $text = "$(Get-Content $dom -Raw)"
        if ($text -notmatch '<body') { throw "Chromium dumped no <body> for ${File}: $text $(Get-Content (Join-Path $script:Folder 'chromium-errors.txt') -Raw)" }
        $text
    }

    # The <body> tag of the DOM after the scripts ran.
    function Get-RenderedBody([string] $File) {
        [regex]::Match((Get-RenderedDom $File), '<body[^>]*>').Value
    }

    # Opens the page with JavaScript off, as mail clients show mail, and returns its DOM. Chromium's command line
    # cannot do this (--blink-settings=scriptEnabled=false stops --dump-dom, --disable-javascript leaves page scripts
    # on), so the test drives it over the DevTools protocol on loopback: Emulation.setScriptExecutionDisabled, then
    # Page.navigate, then the DOM as HTML once the page has loaded.
    function Get-DomWithoutScript([string] $File) {
        $profileDir = Join-Path $script:Folder "profile-$([guid]::NewGuid())"
        $arguments = @('--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
            '--disable-sync', '--no-first-run', "--user-data-dir=$profileDir", '--proxy-server=http://127.0.0.1:9', '--remote-debugging-port=0', 'about:blank')
        $browser = Start-Process -FilePath $script:Chromium -ArgumentList $arguments -PassThru -RedirectStandardError (Join-Path $script:Folder 'chromium-cdp-errors.txt')
        $timeout = [Threading.CancellationTokenSource]::new([timespan]::FromSeconds(60))
        $socket = [System.Net.WebSockets.ClientWebSocket]::new()
        try {
            # Chromium writes the port it chose into the profile.
            $portFile = Join-Path $profileDir 'DevToolsActivePort'
            while (-not (Get-Content $portFile -ErrorAction Ignore)) {
                if ($timeout.IsCancellationRequested -or $browser.HasExited) { throw 'Chromium did not open its DevTools port within 60 s' }
                Start-Sleep -Milliseconds 100
            }
            $port = (Get-Content $portFile)[0]
            # Invoke-RestMethod writes the JSON array as one object: from a variable, it is enumerated.
            $targets = Invoke-RestMethod "http://127.0.0.1:$port/json/list" -NoProxy
            $page = $targets | Where-Object type -EQ 'page' | Select-Object -First 1
            $null = $socket.ConnectAsync([uri]$page.webSocketDebuggerUrl, $timeout.Token).GetAwaiter().GetResult()
            $seen = [Collections.Generic.HashSet[string]]::new()
            $buffer = [byte[]]::new(1MB)
            $id = 0
            $receive = {
                $text = [Text.StringBuilder]::new()
                do {
                    $part = $socket.ReceiveAsync([ArraySegment[byte]]::new($buffer), $timeout.Token).GetAwaiter().GetResult()
                    $null = $text.Append([Text.Encoding]::UTF8.GetString($buffer, 0, $part.Count))
                } while (-not $part.EndOfMessage)
                $message = $text.ToString() | ConvertFrom-Json -Depth 64
                if ($message.method) { $null = $seen.Add($message.method) }
                $message
            }
            $send = {
                param([string] $Method, [hashtable] $Params)
                $id++
                $bytes = [Text.Encoding]::UTF8.GetBytes((@{ id = $id; method = $Method; params = $Params } | ConvertTo-Json -Compress -Depth 8))
                $null = $socket.SendAsync([ArraySegment[byte]]::new($bytes), 'Text', $true, $timeout.Token).GetAwaiter().GetResult()
                while ($true) {
                    $message = & $receive
                    if ($message.id -eq $id) {
                        if ($message.error) { throw "DevTools $Method failed: $($message.error.message)" }
                        return $message.result
                    }
                }
            }
            $null = & $send 'Emulation.setScriptExecutionDisabled' @{ value = $true }
            $null = & $send 'Page.enable' @{}
            $null = & $send 'Page.navigate' @{ url = [uri]::new($File, [UriKind]::Absolute).AbsoluteUri }
            while (-not $seen.Contains('Page.loadEventFired')) { $null = & $receive }
            $document = & $send 'DOM.getDocument' @{ depth = 0 }
            (& $send 'DOM.getOuterHTML' @{ nodeId = $document.root.nodeId }).outerHTML
        } finally {
            $socket.Dispose()
            $timeout.Dispose()
            if (-not $browser.HasExited) { $browser.Kill() }
            $browser.WaitForExit()
        }
    }

    function Get-Attribute([string] $Tag, [string] $Name) {
        $attribute = [regex]::Match($Tag, "\s$Name=`"([^`"]*)`"")
        if ($attribute.Success) { $attribute.Groups[1].Value }
    }
}

AfterAll {
    Stop-FakeMatomo $script:Fake
    Remove-Item $script:Folder -Recurse -Force -ErrorAction Ignore
}

Describe 'Export-MatomoChart in headless Chromium' {
    It 'draws every dataset and every point of a <Type> chart, offline' -ForEach @(@{ Type = 'Line'; Radius = '3' }, @{ Type = 'Bar'; Radius = $null }) {
        if (-not (Assert-Chromium)) { return }
        $file = Join-Path $script:Folder "languages-$Type.html"
        $script:Rows | Export-MatomoChart -Path $file -ChartType $Type -Title 'Languages per week'

        $body = Get-RenderedBody $file

        Get-Attribute $body 'data-chart-rendered' | Should -Be 'true'
        Get-Attribute $body 'data-datasets' | Should -Be '4'
        Get-Attribute $body 'data-labels' | Should -Be '12'
        Get-Attribute $body 'data-points' | Should -Be '48'
        # Twelve weeks are few enough for point markers on a line; bars have none.
        Get-Attribute $body 'data-point-radius' | Should -Be $Radius
        Get-Attribute $body 'data-legend' | Should -Be 'chartjs'
        Get-Attribute $body 'data-legend-items' | Should -Be '4'
    }

    It 'draws the total <Total> and titles the axes' -ForEach @(
        @{ Total = 'SecondAxis'; Datasets = '4'; Axes = 'x,y,y2'; Titles = 'Week|Visits|Total (Visits)'; Right = '1' }
        @{ Total = 'SameAxis'; Datasets = '4'; Axes = 'x,y'; Titles = 'Week|Visits'; Right = '0' }
        @{ Total = 'Hidden'; Datasets = '3'; Axes = 'x,y'; Titles = 'Week|Visits'; Right = '0' }
    ) {
        if (-not (Assert-Chromium)) { return }
        $file = Join-Path $script:Folder "total-$Total.html"
        $script:Rows | Export-MatomoChart -Path $file -Total $Total

        $body = Get-RenderedBody $file

        Get-Attribute $body 'data-chart-rendered' | Should -Be 'true'
        Get-Attribute $body 'data-datasets' | Should -Be $Datasets
        Get-Attribute $body 'data-axes' | Should -Be $Axes
        Get-Attribute $body 'data-axis-titles' | Should -Be $Titles
        Get-Attribute $body 'data-y2-datasets' | Should -Be $Right
    }

    It 'draws 100 series with its own legend of 100 toggles, and a hostile name stays text' {
        if (-not (Assert-Chromium)) { return }
        $file = Join-Path $script:Folder 'hundred.html'
        $hostile = '<img src=x onerror="document.body.setAttribute(''data-injected'',''yes'')">'
        # 99 language codes as -Language takes them: zaa, zab ... zdu.
        $codes = 0..98 | ForEach-Object { 'z' + [char][int](97 + [math]::Floor($_ / 26)) + [char][int](97 + $_ % 26) }
        $codes | Get-MatomoLanguageVisits -Start 2025-04-07 -End 2025-06-29 -Period Week |
            ForEach-Object { if ($_.Series -eq $codes[41]) { $_.Series = $hostile }; $_ } |
            Export-MatomoChart -Path $file

        $body = Get-RenderedBody $file

        Get-Attribute $body 'data-chart-rendered' | Should -Be 'true'
        Get-Attribute $body 'data-datasets' | Should -Be '100'
        Get-Attribute $body 'data-points' | Should -Be '1200'
        Get-Attribute $body 'data-legend' | Should -Be 'html'
        Get-Attribute $body 'data-legend-items' | Should -Be '100'
        Get-Attribute $body 'data-y2-datasets' | Should -Be '1'
        Get-Attribute $body 'data-injected' | Should -BeNullOrEmpty
    }

    It 'draws a dense daily line without point markers' {
        if (-not (Assert-Chromium)) { return }
        $file = Join-Path $script:Folder 'days.html'
        Get-MatomoVisits -Start 2025-04-01 -End 2025-06-29 -Period Day | Export-MatomoChart -Path $file

        $body = Get-RenderedBody $file

        Get-Attribute $body 'data-chart-rendered' | Should -Be 'true'
        Get-Attribute $body 'data-labels' | Should -Be '90'
        Get-Attribute $body 'data-points' | Should -Be '90'
        Get-Attribute $body 'data-point-radius' | Should -Be '0'
        Get-Attribute $body 'data-axis-titles' | Should -Be 'Day|Visits'
    }

    It 'shows a hostile series name as text and never runs it' {
        if (-not (Assert-Chromium)) { return }
        $file = Join-Path $script:Folder 'hostile.html'
        $hostile = '<img src=x onerror="document.body.setAttribute(''data-injected'',''yes'')">'
        'de', 'en', 'ar' | Get-MatomoLanguageVisits -Start 2025-04-07 -End 2025-06-29 -Period Week |
            ForEach-Object { if ($_.Series -eq 'ar') { $_.Series = $hostile }; $_ } |
            Export-MatomoChart -Path $file

        $body = Get-RenderedBody $file

        Get-Attribute $body 'data-datasets' | Should -Be '4'
        Get-Attribute $body 'data-injected' | Should -BeNullOrEmpty
    }
}

Describe 'ConvertTo-MatomoHtml in headless Chromium with JavaScript off, as a mail client shows it' {
    BeforeAll {
        $script:Table = @($script:Rows | ConvertTo-MatomoTable)
        $script:Image = $script:Rows | ConvertTo-MatomoChartImage -Scale 2
        $script:Report = Join-Path $script:Folder 'report.html'
        $script:Rows | ConvertTo-MatomoTable | ConvertTo-MatomoHtml -Title 'Visits per language and week' -ChartImage $script:Image -Culture en-US |
            Set-Content -Path $script:Report -Encoding utf8NoBOM
    }

    It 'is plain HTML: no script, no style block, nothing from elsewhere' {
        $html = Get-Content $script:Report -Raw
        $html | Should -Not -Match '(?i)<script'
        $html | Should -Not -Match '(?i)<style'
        $html | Should -Not -Match '(?i)<link'
        $html | Should -Not -Match '(?i)(src|href)\s*=\s*"(https?:|//)'
        $html | Should -Not -Match '(?i)url\('
    }

    It 'runs no script: a script of the page would have changed the DOM' {
        if (-not (Assert-Chromium)) { return }
        $probe = Join-Path $script:Folder 'probe.html'
        '<!DOCTYPE html><html><body><p id="probe">static</p><script>document.getElementById("probe").textContent = "scripted"</script></body></html>' |
            Set-Content -Path $probe
        Get-DomWithoutScript $probe | Should -Match '<p id="probe">static</p>'
        Get-RenderedDom $probe | Should -Match '<p id="probe">scripted</p>'
    }

    It 'shows every value of every row, numbers right-aligned' {
        if (-not (Assert-Chromium)) { return }

        $dom = Get-DomWithoutScript $script:Report

        $shown = @([regex]::Matches($dom, '(?s)<tr>(.*?)</tr>') | Select-Object -Skip 1 | ForEach-Object {
                , @([regex]::Matches($_.Groups[1].Value, '(?s)<td[^>]*>(.*?)</td>') | ForEach-Object { [Net.WebUtility]::HtmlDecode($_.Groups[1].Value) })
            })
        $shown.Count | Should -Be 12
        for ($i = 0; $i -lt 12; $i++) {
            $row = $script:Table[$i]
            $expected = @($row.Date.ToString('yyyy-MM-dd'), $row.Label, $row.Key) + @('de', 'en', 'ar', 'Total' | ForEach-Object { $row.$_.ToString('N0', [cultureinfo]'en-US') })
            $shown[$i] | Should -Be $expected
        }
        @([regex]::Matches($dom, '<td align="right"')).Count | Should -Be 48
        # The DOM writes the alt text's characters as themselves.
        $dom | Should -Match ([regex]::Escape("alt=""$($script:Image.AltText)"""))
        $dom | Should -Match '<h1[^>]*>Visits per language and week</h1>'
    }
}
