<#
.SYNOPSIS
    Turns an about_*.md file into the text layout of about topics; dot-sourced by build/Help.ps1.
#>

# Word-wraps one line of prose for an 80-column console.
function Split-Line {
    param([string] $Text, [int] $Width)
    $line = ''
    foreach ($word in $Text -split '\s+') {
        if ($line -and ($line.Length + 1 + $word.Length) -gt $Width) { $line; $line = $word }
        elseif ($line) { $line += ' ' + $word }
        else { $line = $word }
    }
    if ($line) { $line }
}

# about_*.md to the text layout of about topics: headings at the margin, text indented by four, code by eight.
function ConvertTo-AboutText {
    param([string] $Path)
    $inFence = $false
    $text = foreach ($line in Get-Content -LiteralPath $Path) {
        if ($line -match '^\s*```') { $inFence = -not $inFence; continue }
        if ($inFence) { '        ' + $line; continue }
        if ($line -match '^#\s+(.+)$') { 'TOPIC'; '    ' + $Matches[1]; continue }
        if ($line -match '^#{2,3}\s+(.+)$') { $Matches[1].ToUpperInvariant(); continue }
        if ($line -match '^\s') { '    ' + $line; continue }
        if ($line.Trim()) { Split-Line ($line -replace '`([^`]+)`', '$1') 76 | ForEach-Object { '    ' + $_ } } else { '' }
    }
    $text -join [Environment]::NewLine
}
