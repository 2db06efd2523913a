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
    public sealed class ExportMatomoChartCommand : MatomoRowsCmdlet
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

        /// <summary>For Png and Svg: the width in CSS pixels (960 unless told).</summary>
        [Parameter]
        [ValidateRange(MatomoChartImageParameters.Smallest, MatomoChartImageParameters.Largest)]
        public int Width { get; set; } = MatomoChartPicture.DefaultWidth;

        /// <summary>For Png and Svg: the height in CSS pixels (540 unless told).</summary>
        [Parameter]
        [ValidateRange(MatomoChartImageParameters.Smallest, MatomoChartImageParameters.Largest)]
        public int Height { get; set; } = MatomoChartPicture.DefaultHeight;

        /// <summary>For Png: image pixels per CSS pixel, 2 for high-DPI screens and mail (1 unless told).</summary>
        [Parameter]
        [ValidateRange(MatomoChartImageParameters.SmallestScale, MatomoChartImageParameters.LargestScale)]
        public double Scale { get; set; } = 1;

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

        /// <summary>Where the Total series is drawn when there are others: on a second y axis (default), on the same axis, or not at all (the page still shows it in its table).</summary>
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
        private protected override bool TakesChartData => true;

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
                MatomoChartImageParameters.Check(_format, MyInvocation.BoundParameters, Width, Height, Scale);
            }
            catch (MatomoArgumentException error)
            {
                ThrowTerminatingError(MatomoErrorRecords.Record(error, null));
            }
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
                : MatomoChartImage.Draw(data, title, ChartType, Total, DateTime.UtcNow, _format, Width, Height, Scale).Bytes;
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
