# Dates as a user in New York types them: PowerShell turns '2023-01-01T00:00:00Z' into the evening of 2022-12-31 local
# time, but the date meant is the one written. Run in a fresh pwsh whose time zone is America/New_York (TZ is read when
# .NET starts, so it takes a child process), against the double.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Fake = Start-FakeMatomo
    $script:Script = Join-Path $TestDrive 'dates.ps1'
    Set-Content -Path $script:Script -Value @'
param([string] $Url, [string] $Token)
$ErrorActionPreference = 'Stop'
Import-Module $env:MATOMOPS_MODULE
"zone=$([TimeZoneInfo]::Local.Id) local=$(([datetime]'2023-01-01T00:00:00Z').ToString('yyyy-MM-dd'))"
Connect-Matomo -Url $Url -Token (ConvertTo-SecureString $Token -AsPlainText -Force)
$rows = Get-MatomoVisits -SiteId 1 -Period Day -Start 2023-01-01T00:00:00Z -End 2023-01-03T00:00:00Z
"keys=$($rows.Key -join ',')"
'@
}

AfterAll {
    Stop-FakeMatomo $script:Fake
}

Describe 'Dates written with an offset, on a machine west of UTC' {
    It 'ask for the calendar dates written, not the local days PowerShell converts them to' {
        $output = Invoke-PwshFile -File $script:Script -Arguments @($script:Fake.Url, $script:Fake.Token) -Environment @{ TZ = 'America/New_York' }
        $text = $output -join "`n"

        # The child really is in New York: PowerShell alone moves the date to the day before.
        $text | Should -Match 'zone=America/New_York local=2022-12-31'
        $text | Should -Match 'keys=2023-01-01,2023-01-02,2023-01-03$'
    }
}
