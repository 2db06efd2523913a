# The README's runbook, run as a scheduler runs it: a script file in a fresh pwsh, configured by environment
# variables. With a wrong token it must fail (non-zero exit code) and write no CSV; with the right one, the CSV.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Fake = Start-FakeMatomo -Today ([datetime]::Today.ToString('yyyy-MM-dd'))
    $readme = Get-Content (Join-Path (Get-RepositoryRoot) 'README.md') -Raw
    $block = [regex]::Matches($readme, '(?ms)^```powershell\r?\n(.*?)^```') | Where-Object { $_.Groups[1].Value -match 'are set by the runner' } | Select-Object -First 1
    $script:Runbook = Join-Path $TestDrive 'runbook.ps1'
    Set-Content -Path $script:Runbook -Value $block.Groups[1].Value
    $script:ModuleRoot = Split-Path (Split-Path $env:MATOMOPS_MODULE)

    function Invoke-Runbook([string] $Token) {
        $folder = Join-Path $TestDrive "run-$([guid]::NewGuid())"
        $null = New-Item -ItemType Directory -Path $folder
        Push-Location $folder
        try {
            $output = Invoke-PwshFile -File $script:Runbook -Environment @{
                MATOMO_URL = $script:Fake.Url; MATOMO_TOKEN = $Token; MATOMO_SITE_ID = '1'
                PSModulePath = $script:ModuleRoot + [IO.Path]::PathSeparator + $env:PSModulePath
            }
            # The error view colours its text: the escape sequences go, the words stay.
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = (($output -join "`n") -replace '\x1b\[[0-9;]*m'); Files = @(Get-ChildItem $folder -Filter 'visits-*.csv') }
        } finally {
            Pop-Location
        }
    }
}

AfterAll {
    Stop-FakeMatomo $script:Fake
}

Describe 'The README runbook' {
    It 'starts by making every error stop the script' {
        (Get-Content $script:Runbook | Where-Object { $_ -notmatch '^\s*(#|$)' } | Select-Object -First 1) | Should -Match "^\`$ErrorActionPreference = 'Stop'"
    }

    It 'exits non-zero with a wrong token and writes no CSV' {
        $run = Invoke-Runbook 'ffffffffffffffffffffffffffff0099'

        $run.ExitCode | Should -Not -Be 0
        $run.Files | Should -BeNullOrEmpty
        # The console wraps the message: words may be split by a line break and the frame's '|'.
        $run.Output | Should -Match 'Unable[\s|]+to[\s|]+authenticate'
        $run.Output | Should -Match 'MATOMO_TOKEN'
        $run.Output | Should -Not -Match 'ffffffffffffffffffffffffffff0099'
    }

    It 'exits 0 with the right token and writes a CSV of the last seven days' {
        $run = Invoke-Runbook $script:Fake.Token

        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Files | Should -HaveCount 1
        @(Import-Csv $run.Files[0].FullName) | Should -HaveCount 7
    }
}
