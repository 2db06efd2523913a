#Requires -Version 7.2
<#
.SYNOPSIS
    Compiles the help sources in docs/ into the built module: en-US/MatomoPS.dll-Help.xml (MAML) and
    en-US/about_MatomoPS.help.txt.
.DESCRIPTION
    Help is written as markdown, one file per command (docs/help/<Command-Name>.md), so it is edited as
    text and reviewed in diffs. platyPS is not available offline, so this script does its small part:
    it reads each file, takes the syntax from the cmdlet itself (so it can never go stale) and writes MAML
    that Get-Help renders.

    Each command file has exactly these parts:
        # Command-Name
        ## SYNOPSIS        one line
        ## DESCRIPTION     paragraphs
        ## PARAMETERS      ### -Name, then its description
        ## EXAMPLES        ### Example 1: title, then one ```powershell block, then the explanation
        ## INPUTS          ### TypeName, then text
        ## OUTPUTS         ### TypeName, then text
        ## RELATED LINKS   - [Other-Command](Other-Command.md) or - [Title](https://...)

    Runs in its own pwsh process (build.ps1 starts it) because it imports the built module.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $CommandHelp,
    [Parameter(Mandatory)] [string] $AboutHelp,
    [Parameter(Mandatory)] [string] $Destination
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$CommonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
$Sections = 'SYNOPSIS', 'DESCRIPTION', 'PARAMETERS', 'EXAMPLES', 'INPUTS', 'OUTPUTS', 'RELATED LINKS'

# Splits a markdown file into its title, its ## sections and their ### subsections. Lines inside ``` fences
# are never headings: examples hold PowerShell comments that start with #.
function Read-HelpMarkdown {
    param([string] $Path)
    $document = [ordered]@{ Name = $null; Sections = [ordered]@{} }
    $section = $null; $sub = $null; $inFence = $false
    foreach ($line in Get-Content -LiteralPath $Path) {
        if ($line -match '^\s*```') { $inFence = -not $inFence }
        if (-not $inFence -and $line -match '^(#{1,3})\s+(.+?)\s*$') {
            $level = $Matches[1].Length; $title = $Matches[2]
            if ($level -eq 1) { $document.Name = $title; continue }
            if ($level -eq 2) {
                $section = [ordered]@{ Lines = [Collections.Generic.List[string]]::new(); Subsections = [Collections.Generic.List[object]]::new() }
                $document.Sections[$title.ToUpperInvariant()] = $section
                $sub = $null
                continue
            }
            if ($null -eq $section) { throw "${Path}: '### $title' comes before any ## section." }
            $sub = [ordered]@{ Title = $title; Lines = [Collections.Generic.List[string]]::new() }
            $section.Subsections.Add($sub)
            continue
        }
        if ($null -ne $sub) { $sub.Lines.Add($line) }
        elseif ($null -ne $section) { $section.Lines.Add($line) }
    }
    if ($inFence) { throw "${Path}: a ``````` fence is not closed." }
    $document
}

# Markdown text to paragraphs: blank lines separate paragraphs; a list item ("- ") is a paragraph of its own.
function ConvertTo-Paragraph {
    param([string[]] $Lines)
    $paragraphs = [Collections.Generic.List[string]]::new()
    $current = [Collections.Generic.List[string]]::new()
    foreach ($line in $Lines) {
        $text = $line.Trim()
        if ($text -eq '' -or $text -match '^[-*]\s') {
            if ($current.Count) { $paragraphs.Add($current -join ' '); $current.Clear() }
        }
        if ($text -ne '') { $current.Add($text) }
    }
    if ($current.Count) { $paragraphs.Add($current -join ' ') }
    # Inline code and links read better as plain text in a console.
    @($paragraphs | ForEach-Object { $_ -replace '`([^`]+)`', '$1' -replace '\[([^\]]+)\]\([^)]+\)', '$1' })
}

function Write-Paragraphs {
    param([System.Xml.XmlWriter] $Writer, [string[]] $Paragraphs)
    $Writer.WriteStartElement('maml', 'description', $maml)
    foreach ($paragraph in $Paragraphs) { $Writer.WriteElementString('maml', 'para', $maml, $paragraph) }
    $Writer.WriteEndElement()
}

# The name a user reads for a parameter's type: String[], DateTime, MatomoPeriod.
function Get-TypeName {
    param([type] $Type)
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { $Type = $underlying }
    $Type.Name
}

function Get-PipelineInput {
    param($Parameter)
    $kinds = @(if ($Parameter.ValueFromPipeline) { 'ByValue' }; if ($Parameter.ValueFromPipelineByPropertyName) { 'ByPropertyName' })
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

# A parameter's default as the code sets it (a new instance of the cmdlet), so help cannot disagree with it.
function Get-DefaultValue {
    param($Defaults, $Parameter)
    if ($null -eq $Defaults -or -not $Defaults.PSObject.Properties[$Parameter.Name]) { return 'None' }   # -First, -Skip: PowerShell's paging
    $value = $Defaults.($Parameter.Name)
    if ($value -is [System.Management.Automation.SwitchParameter]) { return $value.IsPresent.ToString() }
    if ($null -eq $value -or "$value" -eq '' -or ($value -is [array] -and $value.Length -eq 0)) { return 'None' }
    # A number below the parameter's valid range (0 for -SiteId) means "not given".
    $range = $Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateRangeAttribute] } | Select-Object -First 1
    if ($range -and $value -is [ValueType] -and $value -lt $range.MinRange) { return 'None' }
    "$value"
}

function Write-Parameter {
    param([System.Xml.XmlWriter] $Writer, $Parameter, [string[]] $Description, [bool] $Required, [string] $Position, [string] $Default = 'None')
    $Writer.WriteStartElement('command', 'parameter', $command)
    $Writer.WriteAttributeString('required', $Required.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', $Parameter.ParameterType.IsArray.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('globbing', 'false')
    $Writer.WriteAttributeString('pipelineInput', (Get-PipelineInput $Parameter))
    $Writer.WriteAttributeString('position', $Position)
    $Writer.WriteAttributeString('aliases', $(if ($Parameter.Aliases.Count) { $Parameter.Aliases -join ', ' } else { 'none' }))
    $Writer.WriteElementString('maml', 'name', $maml, $Parameter.Name)
    Write-Paragraphs $Writer $Description
    $typeName = Get-TypeName $Parameter.ParameterType
    if ($Parameter.ParameterType -ne [switch]) {
        $Writer.WriteStartElement('command', 'parameterValue', $command)
        $Writer.WriteAttributeString('required', 'true')
        $Writer.WriteAttributeString('variableLength', 'false')
        $Writer.WriteString($typeName)
        $Writer.WriteEndElement()
    }
    $Writer.WriteStartElement('dev', 'type', $dev)
    $Writer.WriteElementString('maml', 'name', $maml, $typeName)
    $Writer.WriteEndElement()
    $Writer.WriteElementString('dev', 'defaultValue', $dev, $Default)
    $Writer.WriteEndElement()
}

function Write-TypeList {
    param([System.Xml.XmlWriter] $Writer, [string] $ListName, [string] $ItemName, $Section)
    $Writer.WriteStartElement('command', $ListName, $command)
    foreach ($item in $Section.Subsections) {
        $Writer.WriteStartElement('command', $ItemName, $command)
        $Writer.WriteStartElement('dev', 'type', $dev)
        $Writer.WriteElementString('maml', 'name', $maml, $item.Title)
        $Writer.WriteEndElement()
        Write-Paragraphs $Writer (ConvertTo-Paragraph $item.Lines)
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

# One <command:command> element: the markdown's text around the cmdlet's real parameter sets.
function Write-CommandHelp {
    param([System.Xml.XmlWriter] $Writer, $Doc, [System.Management.Automation.CommandInfo] $Info, [string] $Path)
    foreach ($name in $Sections) {
        if (-not $Doc.Sections.Contains($name)) { throw "${Path}: the section '## $name' is missing." }
    }
    $described = @{}
    foreach ($sub in $Doc.Sections['PARAMETERS'].Subsections) {
        $name = $sub.Title.TrimStart('-')
        if (-not $Info.Parameters.ContainsKey($name)) { throw "${Path}: '### $($sub.Title)' describes a parameter $($Info.Name) does not have." }
        $described[$name] = ConvertTo-Paragraph $sub.Lines
    }
    $parameters = @($Info.Parameters.Values | Where-Object Name -NotIn $CommonParameters)
    foreach ($parameter in $parameters) {
        if (-not $described.ContainsKey($parameter.Name)) { Write-Warning "${Path}: -$($parameter.Name) has no description." }
    }

    $Writer.WriteStartElement('command', 'command', $command)
    $Writer.WriteStartElement('command', 'details', $command)
    $Writer.WriteElementString('command', 'name', $command, $Info.Name)
    $Writer.WriteElementString('command', 'verb', $command, $Info.Verb)
    $Writer.WriteElementString('command', 'noun', $command, $Info.Noun)
    Write-Paragraphs $Writer (ConvertTo-Paragraph $Doc.Sections['SYNOPSIS'].Lines)
    $Writer.WriteEndElement()
    Write-Paragraphs $Writer (ConvertTo-Paragraph $Doc.Sections['DESCRIPTION'].Lines)

    $Writer.WriteStartElement('command', 'syntax', $command)
    foreach ($set in $Info.ParameterSets) {
        $Writer.WriteStartElement('command', 'syntaxItem', $command)
        $Writer.WriteElementString('maml', 'name', $maml, $Info.Name)
        $ordered = @($set.Parameters | Where-Object Name -NotIn $CommonParameters |
                Sort-Object @{ Expression = { if ($_.Position -ge 0) { $_.Position } else { [int]::MaxValue } } })
        foreach ($parameter in $ordered) {
            $position = if ($parameter.Position -ge 0) { [string]$parameter.Position } else { 'named' }
            Write-Parameter $Writer $parameter @($described[$parameter.Name]) $parameter.IsMandatory $position
        }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $defaults = try { [Activator]::CreateInstance($Info.ImplementingType) } catch { $null }
    $Writer.WriteStartElement('command', 'parameters', $command)
    foreach ($parameter in $parameters) {
        # Required and position as the parameter sets declare them; the first positional set names the position.
        $inSets = @($Info.ParameterSets | ForEach-Object { $_.Parameters | Where-Object Name -EQ $parameter.Name })
        $required = @($inSets | Where-Object IsMandatory).Count -gt 0
        $positional = @($inSets | Where-Object Position -GE 0)
        $position = if ($positional) { [string]$positional[0].Position } else { 'named' }
        Write-Parameter $Writer $inSets[0] @($described[$parameter.Name]) $required $position (Get-DefaultValue $defaults $parameter)
    }
    $Writer.WriteEndElement()

    Write-TypeList $Writer 'inputTypes' 'inputType' $Doc.Sections['INPUTS']
    Write-TypeList $Writer 'returnValues' 'returnValue' $Doc.Sections['OUTPUTS']

    $Writer.WriteStartElement('command', 'examples', $command)
    foreach ($example in $Doc.Sections['EXAMPLES'].Subsections) {
        $code = [Collections.Generic.List[string]]::new(); $remarks = [Collections.Generic.List[string]]::new()
        $state = 'before'
        foreach ($line in $example.Lines) {
            if ($line -match '^\s*```') { $state = if ($state -eq 'before') { 'code' } else { 'after' }; continue }
            # The marker of an example tests/pester/Examples.Tests.ps1 does not run (see there) is for the tests, not the reader.
            if ($state -eq 'before' -and $line -match '^<!-- example: not run \(.*\) -->$') { continue }
            if ($state -eq 'code') { $code.Add($line) }
            elseif ($state -eq 'after') { $remarks.Add($line) }
            elseif ($line.Trim()) { throw "${Path}: '$($example.Title)' has text before its code; put the explanation after it." }
        }
        if (-not $code.Count) { throw "${Path}: '$($example.Title)' has no ``````powershell block." }
        $Writer.WriteStartElement('command', 'example', $command)
        $Writer.WriteElementString('maml', 'title', $maml, "---------- $($example.Title) ----------")
        $Writer.WriteElementString('dev', 'code', $dev, ($code -join "`n"))
        $Writer.WriteStartElement('dev', 'remarks', $dev)
        foreach ($paragraph in ConvertTo-Paragraph $remarks) { $Writer.WriteElementString('maml', 'para', $maml, $paragraph) }
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'relatedLinks', $command)
    foreach ($line in $Doc.Sections['RELATED LINKS'].Lines) {
        if ($line -notmatch '^\s*[-*]\s*\[([^\]]+)\]\(([^)]*)\)') { continue }
        $text = $Matches[1]; $target = $Matches[2]
        $Writer.WriteStartElement('maml', 'navigationLink', $maml)
        $Writer.WriteElementString('maml', 'linkText', $maml, $text)
        # Get-Help -Online follows a web address; a link to another command's file shows as its name.
        $Writer.WriteElementString('maml', 'uri', $maml, $(if ($target -match '^https?://') { $target } else { '' }))
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
    $Writer.WriteEndElement()
}

# The about topic's text layout (ConvertTo-AboutText).
. (Join-Path $PSScriptRoot 'AboutHelp.ps1')

$maml = 'http://schemas.microsoft.com/maml/2004/10'
$command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$dev = 'http://schemas.microsoft.com/maml/dev/2004/10'

$module = Import-Module (Resolve-Path $ModulePath).Path -PassThru -Force
$exported = $module.ExportedCommands
$null = New-Item -ItemType Directory -Path $Destination -Force

$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
$xmlPath = Join-Path $Destination "$($module.Name).dll-Help.xml"
$writer = [System.Xml.XmlWriter]::Create($xmlPath, $settings)
try {
    $writer.WriteStartDocument()
    $writer.WriteStartElement('helpItems', 'http://msh')
    $writer.WriteAttributeString('schema', 'maml')
    $writer.WriteAttributeString('xmlns', 'maml', $null, $maml)
    $writer.WriteAttributeString('xmlns', 'command', $null, $command)
    $writer.WriteAttributeString('xmlns', 'dev', $null, $dev)
    $documented = @()
    foreach ($file in Get-ChildItem -LiteralPath $CommandHelp -Filter *.md | Sort-Object Name) {
        $doc = Read-HelpMarkdown $file.FullName
        if ($doc.Name -ne $file.BaseName) { throw "$($file.FullName): the title '# $($doc.Name)' does not match the file name." }
        if (-not $exported.ContainsKey($doc.Name)) { throw "$($file.FullName): $($doc.Name) is not a command of $($module.Name)." }
        Write-CommandHelp $writer $doc $exported[$doc.Name] $file.FullName
        $documented += $doc.Name
    }
    $writer.WriteEndElement()
    $writer.WriteEndDocument()
} finally {
    $writer.Dispose()
}
foreach ($name in $exported.Keys | Where-Object { $_ -notin $documented }) { Write-Warning "$name has no help file in $CommandHelp." }

$aboutName = [IO.Path]::GetFileNameWithoutExtension($AboutHelp)
Set-Content -LiteralPath (Join-Path $Destination "$aboutName.help.txt") -Value (ConvertTo-AboutText $AboutHelp) -Encoding utf8NoBOM
Write-Host "Help: $($documented.Count) command(s) and $aboutName in $Destination"
