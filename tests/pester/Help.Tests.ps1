# Every exported command has complete help, as Get-Help -Full shows it to a user of the built module.
BeforeDiscovery {
    Import-Module $env:MATOMOPS_MODULE -Force
    $script:Commands = @((Get-Module MatomoPS).ExportedCommands.Values | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    Import-Module $env:MATOMOPS_MODULE -Force
    $script:CommonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
}

Describe 'Help for <Name>' -ForEach $script:Commands {
    BeforeAll {
        $script:Help = Get-Help $Name -Full
        $script:Text = Get-Help $Name -Full | Out-String -Width 200
    }

    It 'has a written synopsis, not the generated syntax' {
        $synopsis = "$($Help.Synopsis)".Trim()
        $synopsis | Should -Not -BeNullOrEmpty
        $synopsis | Should -Not -BeLike "$Name*"
        $synopsis | Should -Not -Match '\[<CommonParameters>\]'
    }

    It 'has a description' {
        ($Help.description.Text -join ' ').Trim().Length | Should -BeGreaterThan 40
    }

    It 'describes every parameter the command declares' {
        $declared = @((Get-Command $Name).Parameters.Keys | Where-Object { $_ -notin $CommonParameters })
        $described = @{}
        foreach ($parameter in @($Help.parameters.parameter)) {
            if ($parameter) { $described[$parameter.name] = ($parameter.description.Text -join ' ').Trim() }
        }
        foreach ($parameterName in $declared) {
            $described[$parameterName] | Should -Not -BeNullOrEmpty -Because "-$parameterName is a parameter of $Name"
        }
    }

    It 'has at least two examples, each with code and an explanation' {
        $examples = @($Help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            "$($example.code)".Trim() | Should -Not -BeNullOrEmpty -Because $example.title
            ($example.remarks.Text -join ' ').Trim() | Should -Not -BeNullOrEmpty -Because $example.title
        }
    }

    It 'names its inputs and outputs' {
        @($Help.inputTypes.inputType).Count | Should -BeGreaterThan 0
        "$($Help.inputTypes.inputType[0].type.name)".Trim() | Should -Not -BeNullOrEmpty
        @($Help.returnValues.returnValue).Count | Should -BeGreaterThan 0
        "$($Help.returnValues.returnValue[0].type.name)".Trim() | Should -Not -BeNullOrEmpty
        $Text | Should -Match 'INPUTS'
        $Text | Should -Match 'OUTPUTS'
    }

    It 'has related links' {
        @($Help.relatedLinks.navigationLink | Where-Object { $_.linkText }).Count | Should -BeGreaterThan 0
    }

    It 'shows the syntax of every parameter set' {
        @($Help.syntax.syntaxItem).Count | Should -Be @((Get-Command $Name).ParameterSets).Count
    }
}

Describe 'about_MatomoPS' {
    It 'is found by Get-Help and explains connecting, runbook variables, retries and the rows' {
        $about = Get-Help about_MatomoPS | Out-String
        $about | Should -Match 'Connect-Matomo'
        $about | Should -Match 'MATOMO_URL'
        $about | Should -Match 'MATOMO_TOKEN'
        $about | Should -Match 'MATOMO_SITE_ID'
        $about | Should -Match 'retr'
        $about | Should -Match 'MatomoSeriesRow'
    }
}
