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

    # Opens the page in a fresh headless profile and returns the <body> tag of the DOM after the scripts ran.
    function Get-RenderedBody([string] $File) {
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
        $text = Get-Content $dom -Raw
        $body = [regex]::Match("$text", '<body[^>]*>')
        if (-not $body.Success) { throw "Chromium dumped no <body> for ${File}: $text $(Get-Content (Join-Path $script:Folder 'chromium-errors.txt') -Raw)" }
        $body.Value
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
