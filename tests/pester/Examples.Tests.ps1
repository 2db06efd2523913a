# Every PowerShell example in README.md, about_MatomoPS and the command help runs as written against the
# demo's Matomo double, and shows what its sample output says.
#
# What stands in for a user's world, and nothing else:
# - the placeholder servers (https://matomo.example.org, https://example.org/matomo, https://staging.example.org,
#   and the README's http://127.0.0.1:8080/matomo/) are the double's address;
# - $token, Read-Host -AsSecureString, Get-Credential, Get-Secret and Get-AutomationPSCredential give the double's test token;
# - MATOMO_URL and MATOMO_TOKEN point at the double, as a runbook's runner would set them;
# - the working folder holds languages.csv (a Slug column) and out/ (the built module), as the examples assume.
# A block preceded by the line <!-- example: not run (reason) --> is reported as skipped with that reason.
BeforeDiscovery {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:Examples = [System.Collections.Generic.List[hashtable]]::new()
    $fence = '(?ms)^(?:<!-- example: not run \((?<skip>[^)]*)\) -->\r?\n)?```powershell\r?\n(?<code>.*?)^```'
    foreach ($file in @('README.md', 'docs/about_MatomoPS.md') + @(Get-ChildItem (Join-Path $root 'docs/help') -Filter *.md | ForEach-Object { "docs/help/$($_.Name)" })) {
        $text = Get-Content (Join-Path $root $file) -Raw
        $isHelp = $file -like 'docs/help/*'
        $number = 0
        foreach ($match in [regex]::Matches($text, $fence)) {
            $number++
            $block = $match.Groups['code'].Value
            # Help examples show the command, a blank line, then what it prints; README blocks are all code.
            $code = $block; $sample = ''
            if ($isHelp -and $block -match '(?s)^(?<code>.*?)\r?\n\s*\r?\n(?<sample>.*)$') { $code = $Matches.code; $sample = $Matches.sample }
            $script:Examples.Add(@{
                    Name   = "$file #$number"
                    Code   = $code
                    Sample = $sample
                    Skip   = $match.Groups['skip'].Value
                })
        }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Fake = Start-FakeMatomo -Today ([datetime]::Today.ToString('yyyy-MM-dd'))
    $script:Root = Get-RepositoryRoot
    $script:Saved = @{ MATOMO_URL = $env:MATOMO_URL; MATOMO_TOKEN = $env:MATOMO_TOKEN; MATOMO_SITE_ID = $env:MATOMO_SITE_ID; PSModulePath = $env:PSModulePath }
    $env:MATOMO_URL = $script:Fake.Url
    $env:MATOMO_TOKEN = $script:Fake.Token
    $env:MATOMO_SITE_ID = $null
    $env:PSModulePath = (Split-Path (Split-Path $env:MATOMOPS_MODULE)) + [IO.Path]::PathSeparator + $env:PSModulePath

    # The stand-ins, defined in the example's own runspace before its code.
    $script:Prelude = @'
param($Url, $Token, $Work, $Module)
Import-Module $Module
Set-Location $Work
$token = ConvertTo-SecureString $Token -AsPlainText -Force
function Read-Host { param([Parameter(Position = 0)] $Prompt, [switch] $AsSecureString) if ($AsSecureString) { $token } else { 'de' } }
function Get-Credential { param([Parameter(Position = 0)] $Credential, $UserName = 'token', $Message, $Title) [pscredential]::new($UserName, $token) }
function Get-Secret { param([Parameter(Position = 0)] $Name, [switch] $AsPlainText) if ($AsPlainText) { [pscredential]::new('x', $token).GetNetworkCredential().Password } else { $token } }
function Get-AutomationPSCredential { param($Name) [pscredential]::new($Name, $token) }
Connect-Matomo -Url $Url -Token $token
'@

    # Runs one example in a runspace of its own, in a working folder of its own; returns what it printed (every
    # stream, as a console shows it) and its errors.
    function Invoke-Example([string] $Code) {
        $placeholders = 'https://matomo\.example\.org/?|https://example\.org/matomo/?|https://staging\.example\.org/?|http://127\.0\.0\.1:8080/matomo/'
        $code = [regex]::Replace($Code, $placeholders, $script:Fake.Url)
        $work = Join-Path $TestDrive "work-$([guid]::NewGuid())"
        $null = New-Item -ItemType Directory -Path $work
        $null = New-Item -ItemType SymbolicLink -Path (Join-Path $work 'out') -Target (Join-Path $script:Root 'out')
        "Slug,Name`nde,Deutsch`nen,English`nar,Arabic" | Set-Content (Join-Path $work 'languages.csv')
        $run = @"
`$exampleErrors = [System.Collections.Generic.List[object]]::new()
& {
$code
} *>&1 | ForEach-Object {
    if (`$_ -is [System.Management.Automation.ErrorRecord]) { `$exampleErrors.Add(`$_) }
    elseif (`$_ -is [System.Management.Automation.VerboseRecord]) { "VERBOSE: `$(`$_.Message)" }
    elseif (`$_ -is [System.Management.Automation.WarningRecord]) { "WARNING: `$(`$_.Message)" }
    else { `$_ }
} | Out-String -Width 200
"@
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript($script:Prelude).AddArgument($script:Fake.Url).AddArgument($script:Fake.Token).AddArgument($work).AddArgument($env:MATOMOPS_MODULE)
            $null = $shell.AddStatement().AddScript($run)
            $output = $null; $failure = $null
            try { $output = $shell.Invoke() } catch { $failure = $_.Exception.InnerException ?? $_.Exception }
            $errors = @($shell.Runspace.SessionStateProxy.GetVariable('exampleErrors')) + @($shell.Streams.Error) + @($failure) |
                Where-Object { $_ } | ForEach-Object { "$_" }
            [pscustomobject]@{ Text = ($output | Out-String); Errors = @($errors) }
        } finally {
            $shell.Dispose()
        }
    }
}

AfterAll {
    foreach ($name in $script:Saved.Keys) { [Environment]::SetEnvironmentVariable($name, $script:Saved[$name]) }
    Stop-FakeMatomo $script:Fake
}

Describe 'Examples as written' {
    It '<Name> runs against the double' -ForEach $script:Examples {
        if ($Skip) { Set-ItResult -Skipped -Because $Skip; return }
        $result = Invoke-Example $Code
        $result.Errors | Should -BeNullOrEmpty -Because "the example is`n$Code"
        if ($Sample.Trim()) {
            # The first line of the sample output (a table's header, a list's first property) is what the command prints.
            $first = ($Sample -split '\r?\n' | Where-Object { $_.Trim() } | Select-Object -First 1)
            foreach ($word in $first -split '\s+' | Where-Object { $_ -and $_ -ne '...' -and $_ -notmatch '^\d+$|example\.org' }) {
                $result.Text | Should -Match ([regex]::Escape($word)) -Because "the example's sample output starts with '$first'; it printed:`n$($result.Text)"
            }
        }
    }

    It 'finds the examples of README, about_MatomoPS and every command' -ForEach @(@{ Count = $script:Examples.Count }) {
        $Count | Should -BeGreaterThan 30
    }
}
