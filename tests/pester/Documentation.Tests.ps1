# What a newcomer reads (README, help examples) names only commands and parameters that exist.
BeforeDiscovery {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:Documents = @(
        @{ Name = 'README.md'; Path = Join-Path $root 'README.md' }
        @{ Name = 'about_MatomoPS.md'; Path = Join-Path $root 'docs/about_MatomoPS.md' }
    ) + @(Get-ChildItem (Join-Path $root 'docs/help') -Filter *.md | ForEach-Object { @{ Name = $_.Name; Path = $_.FullName } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $env:MATOMOPS_MODULE -Force

    # The fenced code blocks of a markdown file: language and text.
    function Get-CodeBlock {
        param([string] $Path)
        $pattern = '(?ms)^```(\w*)\r?\n(.*?)^```'
        [regex]::Matches((Get-Content $Path -Raw), $pattern) | ForEach-Object {
            [pscustomobject]@{ Language = $_.Groups[1].Value; Code = $_.Groups[2].Value }
        }
    }
}

Describe 'README' {
    BeforeAll {
        $script:Readme = Join-Path (Get-RepositoryRoot) 'README.md'
        $script:Blocks = @(Get-CodeBlock $script:Readme)
    }

    It 'starts with the demo' {
        $script:Blocks[0].Code.Trim() | Should -Be 'dotnet tool restore && dotnet pwsh ./build.ps1 -Task Demo'
    }

    It 'keeps the test command' {
        Get-Content $script:Readme -Raw | Should -Match ([regex]::Escape('dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test'))
    }

    It 'connects to a real server with a token read as a secure string, and shows the runbook variables' {
        $text = Get-Content $script:Readme -Raw
        $text | Should -Match ([regex]::Escape('Connect-Matomo -Url https://matomo.example.org -Token (Read-Host -AsSecureString'))
        foreach ($variable in 'MATOMO_URL', 'MATOMO_TOKEN', 'MATOMO_SITE_ID') { $text | Should -Match $variable }
    }

    It 'explains every variable of the integration suite in its Integration tests section, which the skip line names' {
        $root = Get-RepositoryRoot
        $section = [regex]::Match((Get-Content $script:Readme -Raw), '(?ms)^## Integration tests$.*?(?=^## )').Value
        $used = Get-ChildItem (Join-Path $root 'tests/integration') -Filter *.ps1 | Get-Content -Raw |
            Select-String -Pattern 'MATOMOPS_IT_[A-Z_]+' -AllMatches | ForEach-Object { $_.Matches.Value } | Sort-Object -Unique

        $section | Should -Not -BeNullOrEmpty
        $used.Count | Should -BeGreaterOrEqual 4
        foreach ($variable in $used) { $section | Should -Match "``$variable``" -Because "tests/integration reads $variable" }
        Get-Content (Join-Path $root 'build.ps1') -Raw | Should -Match ([regex]::Escape('(see README, Integration tests)'))
    }

    It 'starts the double from where the build puts it' {
        $command = $script:Blocks | Where-Object Code -Match 'FakeMatomo\.dll' | Select-Object -First 1
        $command.Code -match 'dotnet (\S+FakeMatomo\.dll)' | Should -BeTrue
        Join-Path (Get-RepositoryRoot) $Matches[1] | Should -Exist
    }
}

Describe '<Name> uses MatomoPS as it is' -ForEach $script:Documents {
    It 'names only existing commands and parameters' {
        $checked = 0
        foreach ($block in Get-CodeBlock $Path | Where-Object Language -EQ 'powershell') {
            # Help examples hold sample output too; it may not parse, but it holds no MatomoPS command.
            $ast = [System.Management.Automation.Language.Parser]::ParseInput($block.Code, [ref]$null, [ref]$null)
            foreach ($call in $ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true)) {
                $commandName = $call.GetCommandName()
                if ($commandName -notlike '*-Matomo*') { continue }
                $command = Get-Command $commandName -Module MatomoPS -ErrorAction SilentlyContinue
                $command | Should -Not -BeNullOrEmpty -Because "$Name calls $commandName"
                foreach ($parameter in $call.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] }) {
                    $known = $command.Parameters.Values | Where-Object { $_.Name -eq $parameter.ParameterName -or $_.Aliases -contains $parameter.ParameterName }
                    $known | Should -Not -BeNullOrEmpty -Because "$Name calls $commandName -$($parameter.ParameterName)"
                }
                $checked++
            }
        }
        $checked | Should -BeGreaterThan 0
    }
}
