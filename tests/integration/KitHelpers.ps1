# The fault suite's hands on the realmatomo kit's server (../shared/realmatomo): stop and start its database, change its
# configuration and put it back, lift a lockout. Only for the kit that MATOMOPS_IT_KIT_RUN_DIR names and that
# MATOMOPS_IT_URL points at; never for a foreign server. Read-KitEnv and Test-KitRunning are also the benchmark's
# (bench/scripts/Bench-RealServer.ps1); .ci/run checks the same in bash (kit_running, kit_value).
#   MATOMOPS_IT_KIT_RUN_DIR   the kit's run folder (REALMATOMO_RUN of its setup.sh, which holds realmatomo.env)
#   MATOMOPS_IT_KIT_DIR       optional: the kit's folder with setup.sh (default: ../shared/realmatomo beside the repository)
# Every change is undone by Reset-ItKit: config.ini.php back byte for byte, the database running, no address blocked.

Set-StrictMode -Version Latest

# The kit's run folder as its scripts name it (realpath -m of REALMATOMO_RUN), so the command lines of its processes hold it.
function Resolve-KitRunDir([string] $RunDir) {
    $full = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($RunDir)
    $real = try { & realpath -m -- $full 2>$null } catch { $null }
    if ($real) { "$real" } else { $full.TrimEnd('/') }
}

# The values of the kit's realmatomo.env in a run folder, by name; read, never run (its MATOMO_URL and MATOMO_TOKEN
# would connect every test that expects no connection). Empty when there is no such file.
function Read-KitEnv([string] $RunDir) {
    $values = @{}
    $envFile = Join-Path $RunDir 'realmatomo.env'
    if (Test-Path -LiteralPath $envFile) {
        foreach ($line in Get-Content -LiteralPath $envFile) { if ($line -match '^([A-Z_0-9]+)=(.*)$') { $values[$Matches[1]] = $Matches[2] } }
    }
    $values
}

# The process id in a pid file of the kit's run folder (php.pid: its PHP server, mysqld.pid: its MariaDB), if that
# process is alive and its command line names the run folder, as the kit's setup.sh and stop.sh check (a process id
# that another process got since does not count); else $null.
function Get-KitProcessId([string] $RunDir, [ValidateSet('php', 'mysqld')] [string] $Name) {
    $file = Join-Path $RunDir "$Name.pid"
    $text = if (Test-Path -LiteralPath $file) { Get-Content -LiteralPath $file -Raw }
    $id = 0
    if (-not $text -or -not [int]::TryParse($text.Trim(), [ref] $id) -or $id -le 0) { return $null }
    $cmdline = "/proc/$id/cmdline"
    if (-not (Test-Path -LiteralPath $cmdline)) { return $null }
    $command = (Get-Content -LiteralPath $cmdline -Raw) -replace "`0", ' '
    if ($command -and $command.Contains("$(Resolve-KitRunDir $RunDir)/")) { return $id }
    $null
}

# True when the kit's PHP server and MariaDB of this run folder both run (as kit_running of .ci/run).
function Test-KitRunning([string] $RunDir) {
    [bool]((Get-KitProcessId $RunDir php) -and (Get-KitProcessId $RunDir mysqld))
}

# The kit as an object, or the reason it cannot be used, as a string.
function Get-ItKit {
    $run = $env:MATOMOPS_IT_KIT_RUN_DIR
    if (-not $run) { return 'MATOMOPS_IT_KIT_RUN_DIR is not set: the fault suite changes the server, so it runs only against the realmatomo kit' }
    $envFile = Join-Path $run 'realmatomo.env'
    if (-not (Test-Path $envFile)) { return "MATOMOPS_IT_KIT_RUN_DIR ($run) holds no realmatomo.env" }
    $values = Read-KitEnv $run
    $itUrl = ($env:MATOMOPS_IT_URL -replace 'index\.php$', '').TrimEnd('/')
    if ($values['MATOMO_URL'].TrimEnd('/') -ne $itUrl) { return "MATOMOPS_IT_URL ($itUrl) is not the kit's server ($($values['MATOMO_URL']))" }
    $kitDir = if ($env:MATOMOPS_IT_KIT_DIR) { $env:MATOMOPS_IT_KIT_DIR } else { Join-Path $PSScriptRoot '../../../shared/realmatomo' }
    $setup = Join-Path $kitDir 'setup.sh'
    if (-not (Test-Path $setup)) { return "the kit's setup.sh is not at $setup (set MATOMOPS_IT_KIT_DIR)" }
    [pscustomobject]@{
        RunDir  = (Resolve-Path $run).Path
        Setup   = (Resolve-Path $setup).Path
        Matomo  = Join-Path $run 'matomo'
        Config  = Join-Path $run 'matomo/config/config.ini.php'
        EnvFile = $envFile
    }
}

# The database's process id: that of mysqld.pid in the run folder (MATOMO_DB_PID of realmatomo.env is a copy of it), if
# that process is alive and is this kit's MariaDB.
function Get-ItKitDatabasePid([psobject] $Kit) { Get-KitProcessId $Kit.RunDir mysqld }

# Stops the kit's MariaDB by its recorded process id (SIGTERM, then waits until it is gone).
function Stop-ItKitDatabase([psobject] $Kit) {
    $id = Get-ItKitDatabasePid $Kit
    if (-not $id) { throw "The kit's database is not running (no live process in $(Join-Path $Kit.RunDir 'mysqld.pid'))." }
    & kill -TERM $id
    $deadline = [datetime]::UtcNow.AddSeconds(60)
    while ((Test-Path "/proc/$id") -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
    if (Test-Path "/proc/$id") { throw "The kit's database (pid $id) did not stop within 60 s." }
}

# Starts whatever of the kit is not running (setup.sh of a complete install starts the servers only: about a second).
# Its output names the kit's tokens, so it is kept out of the test log.
function Start-ItKit([psobject] $Kit) {
    $output = & bash -c 'REALMATOMO_RUN="$1" REALMATOMO_SKIP_APT=1 "$2" 2>&1' setup $Kit.RunDir $Kit.Setup
    if ($LASTEXITCODE -ne 0) {
        $said = ($output | Where-Object { $_ -notmatch '(TOKEN|PASSWORD)' } | Select-Object -Last 5) -join "`n"
        throw "The kit's setup.sh failed ($LASTEXITCODE): $said"
    }
}

# The kit's console, in its Matomo folder: such as login:unblock-blocked-ips.
function Invoke-ItKitConsole([psobject] $Kit, [string[]] $Arguments) {
    $output = & bash -c 'cd "$1" && shift && php console "$@" 2>&1' console $Kit.Matomo @Arguments
    if ($LASTEXITCODE -ne 0) { throw "php console $Arguments failed ($LASTEXITCODE): $output" }
}

# Runs SQL against the kit's database (its MariaDB socket and the user of config.ini.php) and returns the rows, each an
# array of column values as text. For reading what Matomo keeps where its API does not show it (archive done flags).
# The password goes to the client in its environment only (MYSQL_PWD, removed again), never on a command line.
function Invoke-ItKitSql([psobject] $Kit, [string] $Sql) {
    $database = @{}
    $inSection = $false
    foreach ($line in Get-Content -LiteralPath $Kit.Config) {
        if ($line -match '^\[(.+)\]') { $inSection = $Matches[1] -eq 'database'; continue }
        if ($inSection -and $line -match '^(\w+)\s*=\s*"?(.*?)"?\s*$') { $database[$Matches[1]] = $Matches[2] }
    }
    $saved = $env:MYSQL_PWD
    try {
        $env:MYSQL_PWD = $database['password']
        $output = & mysql --batch --skip-column-names "--socket=$($database['port'])" -u $database['username'] $database['dbname'] `
            -e ($Sql -replace '\{prefix\}', $database['tables_prefix']) 2>&1
    } finally {
        $env:MYSQL_PWD = $saved
    }
    if ($LASTEXITCODE -ne 0) { throw "The kit's database refused SQL ($LASTEXITCODE): $output" }
    foreach ($row in @($output)) { if ("$row") { , ("$row" -split "`t") } }
}

# Adds settings to a section of config.ini.php (the file Matomo reads last, so they win): [General] gets them right
# under its heading, another section is added at the end unless it is there.
function Add-ItKitSetting([psobject] $Kit, [string] $Section, [string[]] $Lines) {
    $text = [IO.File]::ReadAllText($Kit.Config)
    $heading = "[$Section]"
    $at = $text.IndexOf("`n$heading`n")
    $text = if ($at -ge 0) { $text.Insert($at + $heading.Length + 2, ($Lines -join "`n") + "`n") } else { $text + "`n$heading`n" + ($Lines -join "`n") + "`n" }
    [IO.File]::WriteAllText($Kit.Config, $text)
}

# What Reset-ItKit puts back: config.ini.php as it is now.
function Save-ItKit([psobject] $Kit) { $script:ItKitConfig = [IO.File]::ReadAllText($Kit.Config) }

# Puts the kit back as Save-ItKit found it, whatever happened: its configuration byte for byte, no address blocked, the
# database running. Each step runs even when another fails; the first failure is thrown at the end. Plugins are not its
# business: the test that deactivates Live activates it again itself.
function Reset-ItKit([psobject] $Kit) {
    $failures = @()
    try { if ([IO.File]::ReadAllText($Kit.Config) -ne $script:ItKitConfig) { [IO.File]::WriteAllText($Kit.Config, $script:ItKitConfig) } } catch { $failures += $_ }
    if (-not (Get-ItKitDatabasePid $Kit)) { try { Start-ItKit $Kit } catch { $failures += $_ } }
    try { Invoke-ItKitConsole $Kit 'login:unblock-blocked-ips' } catch { $failures += $_ }
    if ($failures) { throw $failures[0] }
}

# Runs a script block after a delay on a thread of its own (a database that comes back while a command waits).
# Returns the thread job, which outputs nothing: Receive-Job -Wait waits for it and brings the action's errors.
function Start-ItLater([double] $Seconds, [scriptblock] $Action, [hashtable] $Arguments) {
    Start-ThreadJob -ScriptBlock {
        param($Seconds, $Action, $Arguments, $Helpers)
        . $Helpers
        Start-Sleep -Milliseconds ([int]($Seconds * 1000))
        $null = & ([scriptblock]::Create($Action)) @Arguments
    } -ArgumentList $Seconds, $Action.ToString(), $Arguments, (Join-Path $PSScriptRoot 'KitHelpers.ps1')
}

# Sends wrong tokens (without MatomoPS, which never repeats one) until Matomo locks this address out; returns how many.
function Lock-ItAddress([string] $Url) {
    for ($sent = 1; $sent -le 40; $sent++) {
        $answer = Invoke-WebRequest -Method Post -Uri "$($Url)index.php?module=API&method=API.getMatomoVersion&format=json" `
            -Body @{ token_auth = 'ffffffffffffffffffffffffffff{0:0000}' -f $sent } -SkipHttpErrorCheck
        if ($answer.Content -match 'Too many failed logins') { return $sent }
    }
    throw 'Matomo did not lock this address out after 40 wrong tokens: is brute-force detection on?'
}

# One line of the fault table: what was done, what MatomoPS said, how long it took and how many requests it sent.
function Add-ItMeasurement([string] $Fault, [string] $Outcome, [timespan] $Elapsed, [int] $Attempts) {
    $script:ItMeasurements.Add([pscustomobject]@{ Fault = $Fault; Outcome = $Outcome; Seconds = [math]::Round($Elapsed.TotalSeconds, 2); Attempts = $Attempts })
}
