# build/Help.ps1 refuses help that disagrees with the code, so stale help fails the build instead of shipping.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Generator = Join-Path (Get-RepositoryRoot) 'build/Help.ps1'
    $script:Valid = Get-Content (Join-Path (Get-RepositoryRoot) 'docs/help/Get-MatomoId.md') -Raw

    # Runs the generator over one help file; returns its exit code, its output and the MAML it wrote.
    function Invoke-Generator {
        param([string] $Markdown, [string] $FileName = 'Get-MatomoId.md')
        $folder = Join-Path $TestDrive ([guid]::NewGuid())
        $docs = Join-Path $folder 'help'
        $null = New-Item -ItemType Directory -Path $docs
        Set-Content (Join-Path $docs $FileName) $Markdown
        Set-Content (Join-Path $folder 'about_MatomoPS.md') "# about_MatomoPS`n`n## SHORT DESCRIPTION`nText."
        $destination = Join-Path $folder 'en-US'
        $output = Invoke-PwshFile $script:Generator @('-ModulePath', $env:MATOMOPS_MODULE, '-CommandHelp', $docs,
            '-AboutHelp', (Join-Path $folder 'about_MatomoPS.md'), '-Destination', $destination)
        $xml = Join-Path $destination 'MatomoPS.dll-Help.xml'
        [pscustomobject]@{
            ExitCode = $LASTEXITCODE
            Output   = $output -join "`n"
            Maml     = if (Test-Path $xml) { [xml](Get-Content $xml -Raw) } else { $null }
        }
    }
}

Describe 'The help generator' {
    It 'writes MAML with the syntax taken from the cmdlet' {
        $result = Invoke-Generator $script:Valid
        $result.ExitCode | Should -Be 0 -Because $result.Output
        $command = $result.Maml.helpItems.command
        $command.details.name | Should -Be 'Get-MatomoId'
        @($command.syntax.syntaxItem).Count | Should -Be 2
        @($command.parameters.parameter.name) | Should -Be @('Connection', 'Url', 'Token', 'All')
        @($command.examples.example).Count | Should -Be 3
    }

    It 'fails on help for a parameter the command does not have' {
        $result = Invoke-Generator ($script:Valid -replace '### -All', '### -Everything')
        $result.ExitCode | Should -Not -Be 0
        $result.Output | Should -Match '-Everything.*describes a parameter Get-MatomoId does not have'
    }

    It 'warns about a parameter without help' {
        $result = Invoke-Generator ($script:Valid -replace '(?s)### -All.*?(?=## EXAMPLES)', '')
        $result.ExitCode | Should -Be 0
        $result.Output | Should -Match '-All has no description'
    }

    It 'fails on a missing section' {
        $result = Invoke-Generator ($script:Valid -replace '(?s)## OUTPUTS.*?(?=## RELATED LINKS)', '')
        $result.ExitCode | Should -Not -Be 0
        $result.Output | Should -Match "the section '## OUTPUTS' is missing"
    }

    It 'fails on help for a command the module does not export' {
        $result = Invoke-Generator ($script:Valid -replace '# Get-MatomoId', '# Get-MatomoNothing') 'Get-MatomoNothing.md'
        $result.ExitCode | Should -Not -Be 0
        $result.Output | Should -Match 'Get-MatomoNothing is not a command of MatomoPS'
    }
}
