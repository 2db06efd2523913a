# What a user gets from Install-PSResource MatomoPS: the package build/Package.ps1 publishes, installed by
# name into a throw-away user profile and imported by name in a fresh pwsh.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    if ($IsWindows) { return }
    $script:Fake = Start-FakeMatomo
    # The children's home is a folder under $TestDrive, so their per-user module folder and PSResourceGet's list of
    # repositories are temporary: publishing and installing touch neither this machine's profile nor other builds. (On
    # Windows those folders follow the Documents folder, which cannot be redirected; the test is skipped there.)
    # Without PSModulePath the child computes its own, with the temporary user folder first.
    $script:ProfileRoot = Join-Path $TestDrive 'home'
    $null = New-Item -ItemType Directory -Path (Join-Path $script:ProfileRoot '.local/share') -Force
    $user = @{ HOME = $script:ProfileRoot; XDG_DATA_HOME = $null; XDG_CONFIG_HOME = $null; XDG_CACHE_HOME = $null; PSModulePath = $null }

    # Publishing registers its throw-away repository in the same temporary home.
    $root = Get-RepositoryRoot
    $out = Join-Path $TestDrive 'out'
    $script:PackageOutput = Invoke-PwshFile (Join-Path $root 'build/Package.ps1') @('-ModulePath', (Split-Path $env:MATOMOPS_MODULE), '-OutPath', $out) $user
    $script:PackageExit = $LASTEXITCODE
    $script:Packages = @(Get-ChildItem $out -Filter *.nupkg -ErrorAction SilentlyContinue)

    $installScript = Join-Path $TestDrive 'install.ps1'
    Set-Content $installScript @'
param($Repository, $Url, $Token)
$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name MatomoPSTest -Uri $Repository -Trusted
try {
    Install-PSResource -Name MatomoPS -Repository MatomoPSTest -Scope CurrentUser -TrustRepository -Quiet
} finally {
    Unregister-PSResourceRepository -Name MatomoPSTest
}
Import-Module MatomoPS
$module = Get-Module MatomoPS
Connect-Matomo -Url $Url -Token (ConvertTo-SecureString $Token -AsPlainText -Force)
$rows = @(Get-MatomoVisits -Start 2025-06-02 -End 2025-06-29 -Period Week)
$png = $rows | ConvertTo-MatomoChartImage -Width 400 -Height 300
[pscustomobject]@{
    ModuleBase   = $module.ModuleBase
    Version      = "$($module.Version)"
    Commands     = @($module.ExportedCommands.Keys | Sort-Object)
    Synopses     = @($module.ExportedCommands.Keys | ForEach-Object { "$((Get-Help $_).Synopsis)".Trim() })
    About        = [bool](Get-Help about_MatomoPS -ErrorAction SilentlyContinue)
    Repositories = @(Get-PSResourceRepository | ForEach-Object Name)
    Weeks        = @($rows | ForEach-Object { "$($_.Key)=$($_.Value)" })
    Png          = [Convert]::ToBase64String($png.Bytes)
    Files        = @(Get-ChildItem $module.ModuleBase -Recurse -File | ForEach-Object { $_.FullName.Substring($module.ModuleBase.Length + 1) })
} | ConvertTo-Json -Compress
'@
    $output = Invoke-PwshFile $installScript @((Join-Path $out 'repository'), $script:Fake.Url, $script:Fake.Token) $user
    $script:InstallOutput = $output -join "`n"
    $script:Installed = $output | Where-Object { "$_".StartsWith('{') } | Select-Object -Last 1 | ConvertFrom-Json

    Import-Module $env:MATOMOPS_MODULE -Force
    $script:Built = Get-Module MatomoPS
}

AfterAll {
    if (Get-Command Disconnect-Matomo -ErrorAction SilentlyContinue) { Disconnect-Matomo }
    Stop-FakeMatomo $script:Fake
}

Describe 'The package' -Skip:$IsWindows {
    It 'is published by build/Package.ps1 and left in the output folder' {
        $script:PackageExit | Should -Be 0 -Because ($script:PackageOutput -join "`n")
        $script:Packages.Name | Should -Be "MatomoPS.$($script:Built.Version).nupkg"
    }

    It 'installs by name from the local repository into the user folder' {
        $script:Installed | Should -Not -BeNullOrEmpty -Because $script:InstallOutput
        $script:Installed.ModuleBase | Should -BeLike "$($script:ProfileRoot)*"
        $script:Installed.Version | Should -Be "$($script:Built.Version)"
        # Neither the publish nor the install leaves its throw-away repository registered.
        $script:Installed.Repositories | Should -Not -Contain 'MatomoPSTest'
        @($script:Installed.Repositories | Where-Object { $_ -like 'MatomoPS-local-*' }).Count | Should -Be 0
    }

    It 'exports every command of the built module, with its help' {
        $script:Installed.Commands | Should -Be @($script:Built.ExportedCommands.Keys | Sort-Object)
        foreach ($synopsis in $script:Installed.Synopses) {
            $synopsis | Should -Not -BeNullOrEmpty
            $synopsis | Should -Not -Match '<CommonParameters>'
        }
        $script:Installed.About | Should -BeTrue
    }

    It 'runs a command against the server with the same answer as the built module' {
        Connect-FakeMatomo $script:Fake
        $expected = @(Get-MatomoVisits -Start 2025-06-02 -End 2025-06-29 -Period Week | ForEach-Object { "$($_.Key)=$($_.Value)" })
        $expected.Count | Should -Be 4
        $script:Installed.Weeks | Should -Be $expected
    }

    It 'draws a PNG chart from what it installed alone: the package holds no native library' {
        $png = [Convert]::FromBase64String($script:Installed.Png)
        $png[0..7] | Should -Be @(137, 80, 78, 71, 13, 10, 26, 10)
        # The PNG header's width and height, big-endian.
        [BitConverter]::ToInt32($png[19..16], 0) | Should -Be 400
        [BitConverter]::ToInt32($png[23..20], 0) | Should -Be 300
        @($script:Installed.Files | Where-Object { $_ -match '\.(so|dylib)$|^runtimes[\\/]' }) | Should -BeNullOrEmpty
    }
}
