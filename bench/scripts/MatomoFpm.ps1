<#
.SYNOPSIS
    The kit's Matomo served as production serves it, for the benchmark: nginx in front of php-fpm with 4 workers,
    dot-sourced by bench/scripts/Bench-RealServer.ps1.
.DESCRIPTION
    The kit of ../shared/realmatomo serves Matomo with PHP's built-in server (php -S, 4 workers), made for development:
    an idle worker accepts every connection that is waiting, so requests that arrive together can queue behind each
    other on one worker while others idle. nginx and php-fpm hand a request to a worker only when it is free. Both
    serve the same Matomo files and database; only the web server differs. Needs the Debian packages php<version>-fpm
    (the kit's PHP version) and nginx-light (or nginx); without them the benchmark says so and measures the kit only.
#>

# The php-fpm and nginx commands for the kit's PHP, or $null when either is not installed.
function Find-MatomoFpm {
    $php = Get-Command php -ErrorAction Ignore
    if (-not $php) { return $null }
    $version = & $php.Source -r 'echo PHP_MAJOR_VERSION . "." . PHP_MINOR_VERSION;'
    $fpm = Get-Command "php-fpm$version" -ErrorAction Ignore
    $nginx = Get-Command nginx -ErrorAction Ignore
    if (-not $fpm -or -not $nginx) { return $null }
    [pscustomobject]@{ Fpm = $fpm.Source; Nginx = $nginx.Source; PhpVersion = $version }
}

# Starts nginx and php-fpm (4 workers) on a free loopback port for the Matomo under $MatomoRoot; returns the server.
function Start-MatomoFpm([string] $MatomoRoot, [string] $WorkDir) {
    $commands = Find-MatomoFpm
    if (-not $commands) { return $null }
    if (Test-Path $WorkDir) { Remove-Item $WorkDir -Recurse -Force }
    $null = New-Item -ItemType Directory $WorkDir
    $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
    $socket = Join-Path $WorkDir 'fpm.sock'
    @"
[global]
pid = $WorkDir/fpm.pid
error_log = $WorkDir/fpm.log
daemonize = yes
[matomo]
user = root
group = root
listen = $socket
pm = static
pm.max_children = 4
php_admin_value[memory_limit] = 2048M
php_admin_value[max_execution_time] = 0
"@ | Set-Content (Join-Path $WorkDir 'fpm.conf')
    $temp = 'client_body_temp_path', 'fastcgi_temp_path', 'proxy_temp_path', 'uwsgi_temp_path', 'scgi_temp_path' |
        ForEach-Object { "  $_ $WorkDir/$($_ -replace '_temp_path');" }
    @"
daemon on;
user root;
pid $WorkDir/nginx.pid;
error_log $WorkDir/nginx-error.log;
worker_processes 1;
events { worker_connections 1024; }
http {
  access_log off;
$($temp -join "`n")
  server {
    listen 127.0.0.1:$port;
    root $MatomoRoot;
    location ~ \.php$ {
      include /etc/nginx/fastcgi_params;
      fastcgi_param SCRIPT_FILENAME `$document_root`$fastcgi_script_name;
      fastcgi_pass unix:$socket;
      fastcgi_read_timeout 600;
    }
  }
}
"@ | Set-Content (Join-Path $WorkDir 'nginx.conf')
    & $commands.Fpm -R -y (Join-Path $WorkDir 'fpm.conf')
    if ($LASTEXITCODE -ne 0) { throw "php-fpm did not start; see $WorkDir/fpm.log." }
    & $commands.Nginx -c (Join-Path $WorkDir 'nginx.conf') 2>&1 | Out-Null
    if ($LASTEXITCODE -ne 0) { Stop-MatomoFpm $WorkDir; throw "nginx did not start; see $WorkDir/nginx-error.log." }
    [pscustomobject]@{ Url = "http://127.0.0.1:$port/"; WorkDir = $WorkDir; Commands = $commands }
}

# Stops what Start-MatomoFpm started (by the PID files in its folder).
function Stop-MatomoFpm([string] $WorkDir) {
    foreach ($pidFile in 'nginx.pid', 'fpm.pid') {
        $path = Join-Path $WorkDir $pidFile
        # TERM, which both end with their workers (Stop-Process would kill the masters alone).
        if (Test-Path $path) { & kill -TERM ([int](Get-Content $path -Raw)) 2>$null }
    }
}
