# build/Demo.ps1 as `./build.ps1 -Task Demo` runs it, with a fixed "today" so the numbers can be checked.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:DemoOut = Join-Path $TestDrive 'demo'
    $arguments = @('-ModulePath', $env:MATOMOPS_MODULE, '-FakePath', $env:MATOMOPS_FAKE, '-OutPath', $script:DemoOut, '-Today', '2025-06-30')
    $script:Output = (Invoke-PwshFile (Join-Path (Get-RepositoryRoot) 'build/Demo.ps1') $arguments) -join "`n"
    $script:ExitCode = $LASTEXITCODE
    $script:Csv = Join-Path $script:DemoOut 'visits-per-language.csv'
    $script:Chart = Join-Path $script:DemoOut 'languages.html'
    $script:Png = Join-Path $script:DemoOut 'languages.png'
    $script:Svg = Join-Path $script:DemoOut 'languages.svg'

    # The same question asked of a double with the same data set: what the CSV must hold.
    $script:Fake = Start-FakeMatomo -Today '2025-06-30'
    Import-Module $env:MATOMOPS_MODULE -Force
    Connect-FakeMatomo $script:Fake
    $script:Expected = @('de', 'en', 'ar', 'fa', 'tr', 'ru', 'uk' | Get-MatomoLanguageVisits -Start 2025-01-01 -End 2025-03-31 -Period Week)
}

AfterAll {
    Disconnect-Matomo
    Stop-FakeMatomo $script:Fake
}

Describe 'The demo' {
    It 'runs to the end' {
        $script:ExitCode | Should -Be 0 -Because $script:Output
        $script:Output | Should -Match 'PS> Get-MatomoVisits -Start \$start -End \$end -Period Week'
        $script:Output | Should -Match "\`$start = '2025-01-01'; \`$end = '2025-03-31'"
    }

    It 'writes the visits per language per week of the last quarter to a CSV' {
        $script:Csv | Should -Exist
        $rows = @(Import-Csv $script:Csv)
        $rows.Count | Should -Be 112
        @($rows.Series | Select-Object -Unique) | Should -Be @('de', 'en', 'ar', 'fa', 'tr', 'ru', 'uk', 'Total')
        @($rows | Where-Object Series -EQ 'de').Count | Should -Be 14
        @($rows | ForEach-Object { "$($_.Series) $($_.Key) $($_.Value)" }) |
            Should -Be @($script:Expected | ForEach-Object { "$($_.Series) $($_.Key) $($_.Value)" })
    }

    It 'writes a self-contained chart page with a dataset per language and the total' {
        $script:Chart | Should -Exist
        $page = Get-Content $script:Chart -Raw
        $page | Should -Match '<html'
        $page | Should -Not -Match '(src|href)\s*=\s*"https?:'
        foreach ($series in 'de', 'en', 'ar', 'fa', 'tr', 'ru', 'uk', 'Total') { $page | Should -Match ([regex]::Escape("<th scope=""col"">$series</th>")) }
    }

    It 'draws the chart as a PNG at twice the density and as an SVG with a path per series' {
        $png = [IO.File]::ReadAllBytes($script:Png)
        $png[0..7] | Should -Be @(137, 80, 78, 71, 13, 10, 26, 10)
        [BitConverter]::ToInt32($png[19..16], 0) | Should -Be 1920
        [BitConverter]::ToInt32($png[23..20], 0) | Should -Be 1080
        $svg = [xml](Get-Content $script:Svg -Raw)
        @($svg.svg.path | Where-Object { $_.GetAttribute('data-series') } | ForEach-Object { $_.GetAttribute('data-series') }) |
            Should -Be @('de', 'en', 'ar', 'fa', 'tr', 'ru', 'uk', 'Total')
    }

    It 'writes a mail-ready report and a Teams card' {
        $report = Get-Content (Join-Path $script:DemoOut 'report.html') -Raw
        $report | Should -Not -Match '(?i)<script|<style'
        $report | Should -Match '<img src="data:image/png;base64,'
        $card = Get-Content (Join-Path $script:DemoOut 'card.json') -Raw | ConvertFrom-Json
        $card.attachments[0].content.version | Should -Be '1.5'
    }

    It 'stops the Matomo double it started' {
        $script:Output -match 'The Matomo double serves (\S+)' | Should -BeTrue
        $url = $Matches[1]
        $script:Output | Should -Match 'The Matomo double is stopped'
        { Invoke-WebRequest -Uri "${url}index.php?module=API&method=API.getMatomoVersion&format=json" -TimeoutSec 10 } | Should -Throw
    }
}
