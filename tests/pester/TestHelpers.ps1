# Starts the Matomo double (tests/FakeMatomo) as a process on a free loopback port.
function Start-FakeMatomo {
    param([string] $Today = '2025-06-30', [int] $LatencyMs = 0, [int] $CallCostMs = 0, [int] $Workers = 0)
    $urlFile = Join-Path ([IO.Path]::GetTempPath()) "fakematomo-$([guid]::NewGuid()).url"
    $arguments = @($env:MATOMOPS_FAKE, '--today', $Today, '--url-file', $urlFile, '--latency-ms', $LatencyMs, '--call-cost-ms', $CallCostMs, '--workers', $Workers)
    $process = Start-Process -FilePath dotnet -ArgumentList $arguments -PassThru -RedirectStandardOutput ([IO.Path]::GetTempFileName())
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while (-not (Test-Path $urlFile) -or -not (Get-Content $urlFile -Raw)) {
        if ($process.HasExited) { throw "FakeMatomo exited with code $($process.ExitCode)" }
        if ([DateTime]::UtcNow -gt $deadline) { throw 'FakeMatomo did not start within 60 s' }
        Start-Sleep -Milliseconds 100
    }
    [pscustomobject]@{
        Process = $process
        Url     = (Get-Content $urlFile -Raw).Trim()
        # The double's own test token; no real server knows it.
        Token   = (Get-FakeTokens)::View
    }
}

# The double's test tokens (tests/FakeMatomo/FakeTokens.cs), read from its assembly so they live in one place.
function Get-FakeTokens {
    Add-Type -Path $env:MATOMOPS_FAKE
    [FakeMatomo.FakeTokens]
}

# Connect-Matomo to a double started by Start-FakeMatomo, with its test token.
function Connect-FakeMatomo {
    param($Fake)
    Connect-Matomo -Url $Fake.Url -Token (ConvertTo-SecureString $Fake.Token -AsPlainText -Force)
}

function Stop-FakeMatomo {
    param($Fake)
    if ($Fake -and -not $Fake.Process.HasExited) { $Fake.Process.Kill(); $Fake.Process.WaitForExit() }
}

# Runs a script file in a new pwsh process (the same PowerShell as this one) and returns its output lines.
# $Environment sets variables for the child only; a $null value removes one.
function Invoke-PwshFile {
    param([string] $File, [string[]] $Arguments = @(), [hashtable] $Environment = @{})
    $saved = @{}
    foreach ($name in $Environment.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $Environment[$name])
    }
    try {
        $apphost = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
        if (Test-Path $apphost) { & $apphost -NoProfile -NonInteractive -File $File @Arguments 2>&1 }
        else { & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File $File @Arguments 2>&1 }
    } finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
}

# The repository's root folder (tests/pester is two levels below it).
function Get-RepositoryRoot { (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path }
