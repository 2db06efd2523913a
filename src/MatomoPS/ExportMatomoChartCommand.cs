using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using MatomoPS.Client;
using MatomoPS.Client.Charts;

namespace MatomoPS
{
    /// <summary>
    /// Export-MatomoChart: rows (or chart data from ConvertTo-MatomoChartData) in, one self-contained HTML
    /// chart page out. The path is checked before any input is read, so a wrong path fails at once.
    /// </summary>
    [Cmdlet(VerbsData.Export, "MatomoChart", SupportsShouldProcess = true)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportMatomoChartCommand : PSCmdlet
    {
        private readonly List<MatomoVisitsRow> _rows = new List<MatomoVisitsRow>();
        private readonly List<MatomoChartData> _charts = new List<MatomoChartData>();
        private string _file = string.Empty;

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>Rows or chart data; anything else is an error rather than a silently thinner chart.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        public PSObject[] InputObject { get; set; } = Array.Empty<PSObject>();

        [Parameter]
        public string? Title { get; set; }

        [Parameter]
        public MatomoChartType ChartType { get; set; } = MatomoChartType.Line;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void BeginProcessing()
        {
            _file = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path, out ProviderInfo provider, out _);
            if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException($"'{Path}' is not a file system path ({provider.Name}); -Path names the HTML file to write."),
                    "MatomoChartPathNotFileSystem", ErrorCategory.InvalidArgument, Path));
            CheckTarget();
        }

        protected override void ProcessRecord()
        {
            foreach (var item in InputObject)
            {
                switch (item?.BaseObject)
                {
                    case MatomoVisitsRow row: _rows.Add(row); break;
                    case MatomoChartData chart: _charts.Add(chart); break;
                    default:
                        ThrowTerminatingError(new ErrorRecord(
                            new ArgumentException($"Export-MatomoChart takes the rows of Get-MatomoVisits or Get-MatomoLanguageVisits, or the output of ConvertTo-MatomoChartData, not {item?.BaseObject?.GetType().FullName ?? "null"}."),
                            "MatomoChartInputInvalid", ErrorCategory.InvalidType, item));
                        break;
                }
            }
        }

        protected override void EndProcessing()
        {
            MatomoChartData data;
            string title;
            try
            {
                (data, title) = Prepare();
            }
            catch (ArgumentException error)
            {
                ThrowTerminatingError(MatomoErrors.Record(error, null));
                return;
            }
            if (!ShouldProcess(_file, "Write chart page")) return;

            string html = MatomoChartPage.Render(data, title, ChartType, ChartJsResource.Script);
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
            if (_rows.Count > 0 && _charts.Count > 0)
                throw new ArgumentException("The input mixes rows and chart data; give one or the other.");
            if (_charts.Count > 1)
                throw new ArgumentException($"The input holds {_charts.Count} chart data objects; one page shows one chart.");
            if (_charts.Count == 1)
                return (_charts[0], Title ?? "Matomo");
            if (_rows.Count == 0)
                throw new ArgumentException("There are no rows to chart, so no page was written.");
            var grid = MatomoSeriesGrid.FromRows(_rows);
            return (MatomoChartData.FromGrid(grid), Title ?? DefaultTitle(grid));
        }

        private static string DefaultTitle(MatomoSeriesGrid grid) =>
            $"{string.Join(" and ", grid.Metrics.Select(Describe))} per {grid.Period.ToString().ToLowerInvariant()}";

        private static string Describe(MatomoMetric metric) => metric switch
        {
            MatomoMetric.UniqueVisitors => "Unique visitors",
            _ => metric.ToString(),
        };

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
