using System;
using System.IO;
using System.Management.Automation;
using System.Text;
using MatomoPS.Charts;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// Export-MatomoChart: rows (or chart data from ConvertTo-MatomoChartData) in, one self-contained HTML
    /// chart page out. The path is checked before any input is read, so a wrong path fails at once.
    /// </summary>
    [Cmdlet(VerbsData.Export, "MatomoChart", SupportsShouldProcess = true)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportMatomoChartCommand : MatomoRowsCmdlet
    {
        private readonly System.Collections.Generic.List<MatomoChartData> _charts = new System.Collections.Generic.List<MatomoChartData>();
        private string _file = string.Empty;

        /// <summary>The HTML file to write.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>Rows or chart data; anything else is an error rather than a silently thinner chart.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        public PSObject[] InputObject { get; set; } = Array.Empty<PSObject>();

        /// <summary>The page and chart title.</summary>
        [Parameter]
        public string? Title { get; set; }

        /// <summary>Line (default) or bar chart.</summary>
        [Parameter]
        [SingleEnumValue(typeof(MatomoChartType))]
        public MatomoChartType ChartType { get; set; } = MatomoChartType.Line;

        /// <summary>Where the Total series is drawn when there are others: on a second y axis (default), on the same axis, or not at all (it stays in the table).</summary>
        [Parameter]
        [SingleEnumValue(typeof(MatomoChartTotal))]
        public MatomoChartTotal Total { get; set; } = MatomoChartTotal.SecondAxis;

        /// <summary>Writes the file's FileInfo.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Overwrites an existing file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <inheritdoc />
        protected override string Takes => "the rows of Get-MatomoVisits, Get-MatomoLanguageVisits or Get-MatomoReport, or the output of ConvertTo-MatomoChartData";

        /// <inheritdoc />
        protected override bool HasInput => base.HasInput || _charts.Count > 0;

        /// <summary>Checks the path before any input is read.</summary>
        protected override void BeginProcessing()
        {
            _file = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path, out ProviderInfo provider, out _);
            if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
                ThrowTerminatingError(new ErrorRecord(
                    new MatomoArgumentException($"'{Path}' is not a file system path ({provider.Name}); -Path names the HTML file to write."),
                    "MatomoChartPathNotFileSystem", ErrorCategory.InvalidArgument, Path));
            CheckTarget();
        }

        /// <summary>Gathers rows or chart data.</summary>
        protected override void ProcessRecord() => Gather(InputObject);

        /// <inheritdoc />
        protected override bool Accept(object? item)
        {
            if (!(item is MatomoChartData chart)) return base.Accept(item);
            _charts.Add(chart);
            return true;
        }

        /// <summary>Writes the page.</summary>
        protected override void WriteResult()
        {
            var (data, title) = Prepare();
            if (!ShouldProcess(_file, "Write chart page")) return;

            string html = MatomoChartPage.Render(data, title, ChartType, Total, DateTime.UtcNow, ChartJsResource.Script);
            CheckTarget();
            try
            {
                // CreateNew: a file that appeared since BeginProcessing is still not overwritten without -Force.
                using var stream = new FileStream(_file, Force ? FileMode.Create : FileMode.CreateNew, FileAccess.Write);
                using var writer = new StreamWriter(stream, new UTF8Encoding(false));
                writer.Write(html);
            }
            catch (IOException error) when (!Force && File.Exists(_file))
            {
                ThrowTerminatingError(FileExists(error));
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(error, "MatomoChartWriteFailed", ErrorCategory.WriteError, _file));
            }
            // Through the provider, so the FileInfo carries the properties Get-Item's output has (Mode, and so on).
            if (PassThru) WriteObject(InvokeProvider.Item.Get(WildcardPattern.Escape(_file)), enumerateCollection: true);
        }

        private (MatomoChartData Data, string Title) Prepare()
        {
            if (HasRows && _charts.Count > 0)
                throw new MatomoArgumentException("The input mixes rows and chart data; give one or the other.");
            if (_charts.Count > 1)
                throw new MatomoArgumentException($"The input holds {_charts.Count} chart data objects; one page shows one chart.");
            var data = _charts.Count == 1 ? _charts[0] : MatomoChartData.FromGrid(BuildGrid());
            // Chart data from ConvertTo-MatomoChartData still knows its rows; chart data built by hand does not.
            return (data, Title ?? data.Description?.DefaultTitle ?? "Matomo");
        }

        private void CheckTarget()
        {
            string? folder = System.IO.Path.GetDirectoryName(_file);
            if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
                ThrowTerminatingError(new ErrorRecord(
                    new DirectoryNotFoundException($"The folder '{folder}' does not exist. Create it first (New-Item -ItemType Directory), or choose another -Path."),
                    "MatomoChartFolderNotFound", ErrorCategory.ObjectNotFound, folder));
            if (Directory.Exists(_file))
                ThrowTerminatingError(new ErrorRecord(
                    new IOException($"'{_file}' is a folder; -Path names the HTML file to write."),
                    "MatomoChartPathIsFolder", ErrorCategory.InvalidArgument, _file));
            if (!Force && File.Exists(_file))
                ThrowTerminatingError(FileExists(null));
        }

        private ErrorRecord FileExists(Exception? inner) => new ErrorRecord(
            new IOException($"The file '{_file}' exists. Use -Force to overwrite it.", inner),
            "MatomoChartFileExists", ErrorCategory.ResourceExists, _file);
    }
}
