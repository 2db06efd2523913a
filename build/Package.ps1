#Requires -Version 7.2
<#
.SYNOPSIS
    Publishes the built module to a local folder repository and leaves the .nupkg in the output folder.
.DESCRIPTION
    The package is made by Publish-PSResource itself, exactly as it would be for the PowerShell Gallery,
    but into a throw-away folder repository (<OutPath>/repository), so what users get from
    Install-PSResource can be tried without publishing anything. The repository is registered under a
    name of its own for the duration of the publish and unregistered afterwards.
    Runs in its own pwsh process (build.ps1 starts it).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OutPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$ModulePath = (Resolve-Path $ModulePath).Path
$null = New-Item -ItemType Directory -Path $OutPath -Force
$repository = Join-Path (Resolve-Path $OutPath).Path 'repository'
if (Test-Path $repository) { Remove-Item $repository -Recurse -Force }
$null = New-Item -ItemType Directory -Path $repository

# A name no one else uses, so a parallel build or the user's own repositories are never touched.
$name = "MatomoPS-local-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
Register-PSResourceRepository -Name $name -Uri $repository -Trusted
try {
    Publish-PSResource -Path $ModulePath -Repository $name
} finally {
    Unregister-PSResourceRepository -Name $name
}

$package = @(Get-ChildItem $repository -Filter *.nupkg)
if ($package.Count -ne 1) { throw "Publish-PSResource left $($package.Count) packages in $repository; expected one." }
Copy-Item $package[0].FullName -Destination $OutPath
Write-Host "Package: $(Join-Path $OutPath $package[0].Name) (repository: $repository)"
