# The cache of closed periods shared by two PowerShell processes at once: both fill one folder at the same time,
# neither fails, both give the rows the server gives, and a third process then reads everything from the cache.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Fake = Start-FakeMatomo
    $script:Folder = Join-Path $TestDrive 'shared-cache'

    # One process: connects with the cache on in the shared folder, writes its process id, then one line per row.
    $script:Run = {
        param($Module, $Url, $Token, $Folder, $Extra)
        $ErrorActionPreference = 'Stop'
        Import-Module $Module
        Connect-Matomo -Url $Url -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -Cache ReadWrite -CachePath $Folder
        "pid $PID"
        'de', 'en', 'fr', 'es' | Get-MatomoLanguageVisits -Start 2025-01-01 -End 2025-05-31 @Extra | ForEach-Object { "$($_.Series) $($_.Key) $($_.Value)" }
        "misses $((Get-MatomoCacheInfo -Path $Folder).Misses)"
    }
}

AfterAll {
    Stop-FakeMatomo $script:Fake
}

Describe 'One cache, two processes at once' {
    It 'gives both the same rows as the server, with no error, and serves a third process from the cache' {
        $arguments = @($env:MATOMOPS_MODULE, $script:Fake.Url, $script:Fake.Token, $script:Folder)
        $expected = Start-Job -ScriptBlock $script:Run -ArgumentList ($arguments + @{ NoCache = $true }) | Receive-Job -Wait -AutoRemoveJob
        $jobs = 1..2 | ForEach-Object { Start-Job -ScriptBlock $script:Run -ArgumentList ($arguments + @{}) }
        $results = foreach ($job in $jobs) { , @(Receive-Job $job -Wait -ErrorVariable failed); $failed | Should -BeNullOrEmpty }
        $jobs | Remove-Job

        $rows = @($expected | Where-Object { $_ -notmatch '^(pid|misses) ' })
        $rows.Count | Should -Be (5 * 151)
        @($results[0] + $results[1] + $expected | Where-Object { $_ -like 'pid *' } | Select-Object -Unique).Count | Should -Be 3
        foreach ($result in $results) { @($result | Where-Object { $_ -notmatch '^(pid|misses) ' }) | Should -Be $rows }
        # An entry per series and month: 5 x 5.
        @(Get-ChildItem $script:Folder -Recurse -Filter *.json).Count | Should -Be (5 * 5)
        @(Get-ChildItem $script:Folder -Recurse -Filter *.tmp) | Should -BeNullOrEmpty

        $third = Start-Job -ScriptBlock $script:Run -ArgumentList ($arguments + @{}) | Receive-Job -Wait -AutoRemoveJob
        @($third | Where-Object { $_ -notmatch '^(pid|misses) ' }) | Should -Be $rows
        $third[-1] | Should -Be 'misses 0'
    }
}
