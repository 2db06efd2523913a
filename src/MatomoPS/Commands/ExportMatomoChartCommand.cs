using System;
using System.IO;
using System.Management.Automation;
using System.Text;
using MatomoPS.Charts;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// Export-MatomoChart: rows (or chart data from ConvertTo-MatomoChartData) in, one chart file out: the self-contained
    /// HTML page, or the same chart as a PNG or SVG image drawn in process. The path and the format are checked before any
    /// input is read, so a wrong path fails at once.
    /// </summary>
    [Cmdlet(VerbsData.Export, "MatomoChart", SupportsShouldProcess = true)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportMatomoChartCommand : MatomoChartCmdlet
    {
        private string _file = string.Empty;
        private MatomoChartFormat _format;

        /// <summary>The file to write: .html (or .htm), .png or .svg, unless -Format says which.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>Html, Png or Svg; without it, the extension of -Path decides.</summary>
        [Parameter]
        [SingleEnumValue(typeof(MatomoChartFormat))]
        public MatomoChartFormat Format { get; set; }

        /// <summary>Rows or chart data; anything else is an error rather than a silently thinner chart.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        public PSObject[] InputObject { get; set; } = Array.Empty<PSObject>();

        /// <summary>Writes the file's FileInfo.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Overwrites an existing file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Checks the path, the format and the image size before any input is read.</summary>
        protected override void BeginProcessing()
        {
            _file = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path, out ProviderInfo provider, out _);
            if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
                ThrowTerminatingError(new ErrorRecord(
                    new MatomoArgumentException($"'{Path}' is not a file system path ({provider.Name}); -Path names the chart file to write."),
                    "MatomoChartPathNotFileSystem", ErrorCategory.InvalidArgument, Path));
            try
            {
                _format = MatomoChartImageParameters.FormatOf(_file, MyInvocation.BoundParameters.ContainsKey(nameof(Format)) ? Format : (MatomoChartFormat?)null);
            }
            catch (MatomoArgumentException error)
            {
                ThrowTerminatingError(MatomoErrorRecords.Record(error, null));
            }
            CheckImage(_format);
            CheckTarget();
        }

        /// <summary>Gathers rows or chart data.</summary>
        protected override void ProcessRecord() => Gather(InputObject);

        /// <summary>Draws the chart and writes the file.</summary>
        protected override void WriteResult()
        {
            var (data, title) = BuildChart(Title);
            if (!ShouldProcess(_file, $"Write chart {(_format == MatomoChartFormat.Html ? "page" : "image")}")) return;

            byte[] bytes = _format == MatomoChartFormat.Html
                ? new UTF8Encoding(false).GetBytes(MatomoChartPage.Render(data, title, ChartType, Total, DateTime.UtcNow, ChartJsResource.Script))
                : DrawImage(data, title, _format).Bytes;
            CheckTarget();
            try
            {
                // CreateNew: a file that appeared since BeginProcessing is still not overwritten without -Force.
                using var stream = new FileStream(_file, Force ? FileMode.Create : FileMode.CreateNew, FileAccess.Write);
                stream.Write(bytes, 0, bytes.Length);
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

        private void CheckTarget()
        {
            string? folder = System.IO.Path.GetDirectoryName(_file);
            if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
                ThrowTerminatingError(new ErrorRecord(
                    new DirectoryNotFoundException($"The folder '{folder}' does not exist. Create it first (New-Item -ItemType Directory), or choose another -Path."),
                    "MatomoChartFolderNotFound", ErrorCategory.ObjectNotFound, folder));
            if (Directory.Exists(_file))
                ThrowTerminatingError(new ErrorRecord(
                    new IOException($"'{_file}' is a folder; -Path names the chart file to write."),
                    "MatomoChartPathIsFolder", ErrorCategory.InvalidArgument, _file));
            if (!Force && File.Exists(_file))
                ThrowTerminatingError(FileExists(null));
        }

        private ErrorRecord FileExists(Exception? inner) => new ErrorRecord(
            new IOException($"The file '{_file}' exists. Use -Force to overwrite it.", inner),
            "MatomoChartFileExists", ErrorCategory.ResourceExists, _file);
    }
}
