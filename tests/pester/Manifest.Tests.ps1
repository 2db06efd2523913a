# The built module's manifest carries what the PowerShell Gallery shows and what both editions need.
BeforeAll {
    $script:ModuleFolder = Split-Path $env:MATOMOPS_MODULE
    $script:Data = Import-PowerShellDataFile $env:MATOMOPS_MODULE
    $script:Module = Import-Module $env:MATOMOPS_MODULE -Force -PassThru
}

Describe 'The manifest' {
    It 'is valid' {
        { Test-ModuleManifest $env:MATOMOPS_MODULE -ErrorAction Stop } | Should -Not -Throw
    }

    It 'describes the module for the Gallery' {
        foreach ($field in 'Author', 'CompanyName', 'Copyright', 'Description') {
            "$($script:Data[$field])".Trim() | Should -Not -BeNullOrEmpty -Because "$field is shown on the Gallery"
        }
        $psData = $script:Data.PrivateData.PSData
        foreach ($tag in 'Matomo', 'Analytics', 'Reporting', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS') {
            $psData.Tags | Should -Contain $tag
        }
        $psData.LicenseUri | Should -Match '^https://'
        $psData.ProjectUri | Should -Match '^https://'
        "$($psData.ReleaseNotes)".Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has a SemVer version that the assemblies carry too' {
        $script:Data.ModuleVersion | Should -Match '^\d+\.\d+\.\d+$'
        $assembly = [Reflection.AssemblyName]::GetAssemblyName((Join-Path $script:ModuleFolder 'MatomoPS.dll'))
        $assembly.Version.ToString(3) | Should -Be $script:Data.ModuleVersion
    }

    It 'runs on Windows PowerShell 5.1 and PowerShell 7' {
        $script:Data.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $script:Data.PowerShellVersion | Should -Be '5.1'
    }

    It 'lists its cmdlets explicitly, and they are the ones the module exports' {
        $script:Data.CmdletsToExport | Should -Not -BeNullOrEmpty
        $script:Data.CmdletsToExport | Should -Not -Match '[*?]'
        @($script:Data.CmdletsToExport | Sort-Object) | Should -Be @($script:Module.ExportedCmdlets.Keys | Sort-Object)
        $script:Data.FunctionsToExport.Count | Should -Be 0
        $script:Data.AliasesToExport.Count | Should -Be 0
    }

    It 'names every command in its release notes' {
        foreach ($command in $script:Data.CmdletsToExport) {
            $script:Data.PrivateData.PSData.ReleaseNotes | Should -Match "\b$([regex]::Escape($command))\b"
        }
    }

    It 'ships its format file, help and license' {
        foreach ($file in @($script:Data.FormatsToProcess) + 'en-US/MatomoPS.dll-Help.xml', 'en-US/about_MatomoPS.help.txt', 'LICENSE') {
            Join-Path $script:ModuleFolder $file | Should -Exist
        }
    }
}
