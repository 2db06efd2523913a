# A runbook left alone with a real Matomo behind a front end it cannot trust: redirects that would take the token to
# another address, a redirect within the server, parameters that try to replace the token, and a message that merely
# quotes token_auth. The front ends are FakeMatomo's FakeFrontEnd on loopback (127.0.0.1 and 127.0.0.2); the server
# behind them is the real Matomo of MATOMOPS_IT_URL.
BeforeAll {
    . (Join-Path $PSScriptRoot 'IntegrationHelpers.ps1')
    Import-Module $env:MATOMOPS_MODULE -Force
    Add-Type -Path $env:MATOMOPS_FAKE
    $script:Sites = Initialize-ItSites
    $script:Settings = Get-ItSettings
    $script:Url = $script:Settings.Url
    $script:Week = @{ Start = [datetime]'2021-12-20'; End = [datetime]'2021-12-26' }
    function Connect-Through([string] $Url, [switch] $PassThru) {
        Connect-Matomo -Url $Url -Token (ConvertTo-ItSecureString $script:Settings.Token) -SiteId $script:Sites.A -PassThru:$PassThru
    }
}

AfterAll {
    Disconnect-Matomo
}

Describe 'Redirects in front of a real Matomo' {
    AfterEach { Disconnect-Matomo }

    It 'refuses a 307 and a 308 to the real server at another address, names that address, and connecting there works' -ForEach @(
        @{ Status = 307 }, @{ Status = 308 }
    ) {
        $front = [FakeMatomo.FakeFrontEnd]::Redirecting($Status, $script:Url, '127.0.0.2')
        try {
            $result = Invoke-ItCommand { Connect-Through $front.BaseUrl }

            $result.Errors.Count | Should -Be 1
            $record = $result.Errors[0]
            $record.FullyQualifiedErrorId | Should -BeLike 'MatomoRedirectRefused,*'
            $record.CategoryInfo.Category | Should -Be SecurityError
            $record.Exception.Message | Should -BeLike "*(HTTP $Status) to $($script:Url)*nothing was sent there*"
            Get-MatomoConnection | Should -BeNullOrEmpty
            # The address the message names is the one to give: it connects.
            (Connect-Through $script:Url -PassThru).Url | Should -Be $script:Url
        } finally { $front.Dispose() }
    }

    It 'sends nothing to another host a front end points at, however it redirects' {
        $elsewhere = [FakeMatomo.FakeFrontEnd]::Answering('[]', '127.0.0.2')
        $front = [FakeMatomo.FakeFrontEnd]::Redirecting(308, $elsewhere.BaseUrl)
        try {
            $result = Invoke-ItCommand { Connect-Through $front.BaseUrl }

            $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'MatomoRedirectRefused,*'
            $elsewhere.Requests.Count | Should -Be 0
        } finally { $front.Dispose(); $elsewhere.Dispose() }
    }

    It 'follows a redirect within the front end''s own address to the real server, shows the new address and gets the right rows' {
        $front = [FakeMatomo.FakeFrontEnd]::MovedWithin('old', 'new', $script:Url, 301, '127.0.0.1')
        try {
            $result = Invoke-ItCommand { Connect-Through "$($front.BaseUrl)old/" -PassThru }
            $result.Errors | Should -BeNullOrEmpty
            $result.Output[0].Url | Should -Be "$($front.BaseUrl)new/"
            $result.Messages | Where-Object { $_ -like '*moved*old/*new/*' } | Should -Not -BeNullOrEmpty

            $rows = Get-MatomoVisits @script:Week
            Format-ItRows $rows | Should -Be (Format-ItRows (Get-ItExpected @script:Week))
            @($front.Requests | Where-Object { $_.Target.StartsWith('/old/') }).Count | Should -Be 1
        } finally { $front.Dispose() }
    }
}

Describe 'The token stays MatomoPS''s own on a real Matomo' {
    BeforeAll { Connect-It }
    AfterAll { Disconnect-Matomo }

    It 'refuses token_auth in any spelling PHP reads as token_auth, before any request' -ForEach @(
        @{ Name = 'token_auth[]' }, @{ Name = 'TOKEN_AUTH' }, @{ Name = 'token.auth' }, @{ Name = 'token auth' }
    ) {
        $result = Invoke-ItCommand { Invoke-MatomoApi API.getMatomoVersion -Parameter @{ $Name = 'x' } -Verbose }

        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'MatomoInvalidArgument,*'
        Get-ItRequestCount $result.Verbose | Should -Be 0
    }

    It 'takes Matomo''s refusal of a period named token_auth for a refused request, and the next command runs' {
        $result = Invoke-ItCommand { Invoke-MatomoApi VisitsSummary.get -Parameter @{ idSite = $script:Sites.A; period = 'token_auth'; date = '2021-12-20' } }

        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'MatomoInvalidRequest,*'
        $result.Errors[0].Exception.Message | Should -BeLike "*The period 'token_auth' is not supported*"
        Format-ItRows (Get-MatomoVisits @script:Week) | Should -Be (Format-ItRows (Get-ItExpected @script:Week))
    }
}
