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
    It 'explains every variable of the integration suite in its Integration tests section, which the skip line names' {
        $root = Get-RepositoryRoot
        $section = [regex]::Match((Get-Content (Join-Path $root 'README.md') -Raw), '(?ms)^## Integration tests$.*?(?=^## )').Value
        $used = Get-ChildItem (Join-Path $root 'tests/integration') -Filter *.ps1 | Get-Content -Raw |
            Select-String -Pattern 'MATOMOPS_IT_[A-Z_]+' -AllMatches | ForEach-Object { $_.Matches.Value } | Sort-Object -Unique

        $section | Should -Not -BeNullOrEmpty
        $used.Count | Should -BeGreaterOrEqual 4
        foreach ($variable in $used) { $section | Should -Match "``$variable``" -Because "tests/integration reads $variable" }
        Get-Content (Join-Path $root 'build.ps1') -Raw | Should -Match ([regex]::Escape('(see README, Integration tests)'))
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
