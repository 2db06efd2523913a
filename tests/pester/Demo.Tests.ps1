# build/Demo.ps1 as `./build.ps1 -Task Demo` runs it, with a fixed "today" so the numbers can be checked.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:DemoOut = Join-Path $TestDrive 'demo'
    $arguments = @('-ModulePath', $env:MATOMOPS_MODULE, '-FakePath', $env:MATOMOPS_FAKE, '-OutPath', $script:DemoOut, '-Today', '2025-06-30')
    $script:Output = (Invoke-PwshFile (Join-Path (Get-RepositoryRoot) 'build/Demo.ps1') $arguments) -join "`n"
    $script:ExitCode = $LASTEXITCODE
    $script:Csv = Join-Path $script:DemoOut 'visits-per-language.csv'
    $script:Chart = Join-Path $script:DemoOut 'languages.html'

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

    It 'stops the Matomo double it started' {
        $script:Output -match 'The Matomo double serves (\S+)' | Should -BeTrue
        $url = $Matches[1]
        $script:Output | Should -Match 'The Matomo double is stopped'
        { Invoke-WebRequest -Uri "${url}index.php?module=API&method=API.getMatomoVersion&format=json" -TimeoutSec 10 } | Should -Throw
    }
}
