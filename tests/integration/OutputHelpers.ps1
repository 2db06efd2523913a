# The integration suite's view of what a command did: its output, errors, verbose and other messages sorted by
# stream, everything it showed as one text, and the HTTP requests it sent. Dot-sourced by IntegrationHelpers.ps1.

Set-StrictMode -Version Latest

# Everything some commands wrote, every stream and every error (a terminating one ends only its own command) included,
# as one text, for the "the token never shows" checks.
function Get-ItAllOutput([scriptblock[]] $Commands) {
    $texts = foreach ($command in $Commands) {
        $result = Invoke-ItCommand $command
        $result.Output | Out-String -Width 500
        $result.Verbose
        $result.Messages
        foreach ($record in $result.Errors) { "$record"; "$($record.Exception)"; "$($record.ErrorDetails)"; "$($record.TargetObject)"; $record | Out-String -Width 500 }
    }
    $texts -join "`n"
}

# Runs a command and sorts what it wrote: output objects, error records (terminating or not), verbose messages and
# the other messages (debug, warning, information).
function Invoke-ItCommand([scriptblock] $Command) {
    $output = [Collections.Generic.List[object]]::new()
    $errors = [Collections.Generic.List[object]]::new()
    $verbose = [Collections.Generic.List[string]]::new()
    $messages = [Collections.Generic.List[string]]::new()
    try {
        & $Command *>&1 | ForEach-Object {
            if ($_ -is [System.Management.Automation.ErrorRecord]) { $errors.Add($_) }
            elseif ($_ -is [System.Management.Automation.VerboseRecord]) { $verbose.Add($_.Message) }
            elseif ($_ -is [System.Management.Automation.InformationalRecord]) { $messages.Add($_.Message) }
            elseif ($_ -is [System.Management.Automation.InformationRecord]) { $messages.Add("$($_.MessageData)") }
            else { $output.Add($_) }
        }
    } catch {
        $errors.Add($_)
    }
    [pscustomobject]@{ Output = $output.ToArray(); Errors = $errors.ToArray(); Verbose = $verbose.ToArray(); Messages = $messages.ToArray() }
}

# The HTTP requests a command sent: MatomoPS's verbose stream shows each attempt as it starts ("POST <method> ...").
function Get-ItRequestCount([string[]] $Verbose) { @($Verbose | Where-Object { $_ -match '^POST \S+' }).Count }

# Rows of one series and site as "key=value" lines, to compare with Get-ItExpected in one assertion with a readable diff.
function Format-ItRows([object[]] $Rows) { @($Rows | ForEach-Object { "$($_.Key)=$($_.Value)" }) }
