using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;
using MatomoPS.Charts;
using MatomoPS.Client;
using MatomoPS.Messages;

namespace MatomoPS
{
    /// <summary>
    /// ConvertTo-MatomoHtml: rows (or any objects with properties, such as the rows of ConvertTo-MatomoTable) in, one
    /// mail-safe HTML string out: inline styles only, no script, nothing loaded from elsewhere, optionally with a PNG chart
    /// as an inline image (a <c>cid:</c> reference to an attachment, or a data URI).
    /// </summary>
    [Cmdlet(VerbsData.ConvertTo, "MatomoHtml")]
    [OutputType(typeof(string))]
    public sealed class ConvertToMatomoHtmlCommand : PSCmdlet
    {
        private static readonly Regex ContentIdPattern = new Regex(@"^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.@]+$", RegexOptions.CultureInvariant);
        private readonly List<PSObject> _objects = new List<PSObject>();

        /// <summary>The rows: any objects with properties; each becomes a table row.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject?[] InputObject { get; set; } = Array.Empty<PSObject>();

        /// <summary>The columns, in order; without it every property of the rows, in the order first seen.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Property { get; set; }

        /// <summary>A heading above the chart and the table (and the document's title).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Title { get; set; }

        /// <summary>A PNG chart from ConvertTo-MatomoChartImage, shown above the table with its alt text.</summary>
        [Parameter]
        [ValidateNotNull]
        public MatomoChartImage? ChartImage { get; set; }

        /// <summary>Refers to the chart as <c>cid:&lt;ContentId&gt;</c>, an attachment of the mail with that Content-ID, instead of embedding it as a data URI.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ChartContentId { get; set; }

        /// <summary>Writes the content alone (a div) instead of a whole HTML document.</summary>
        [Parameter]
        public SwitchParameter Fragment { get; set; }

        /// <summary>Whose thousands and decimal separators the numbers take; the session's culture unless told.</summary>
        [Parameter]
        [ValidateNotNull]
        public CultureInfo? Culture { get; set; }

        /// <summary>Checks the chart parameters before any input is read.</summary>
        protected override void BeginProcessing()
        {
            if (ChartContentId != null && ChartImage == null)
                Refuse("-ChartContentId names the attachment that holds the chart: give the chart too, with -ChartImage.", ChartContentId);
            if (ChartContentId != null && !ContentIdPattern.IsMatch(ChartContentId))
                Refuse($"-ChartContentId '{ChartContentId}' is not a Content-ID: use letters, digits and . _ - @, such as 'chart' or 'chart@report'.", ChartContentId);
            if (ChartImage != null && ChartImage.Format != MatomoChartFormat.Png)
                Refuse($"-ChartImage is {ChartImage.Format}; mail clients (Gmail, Outlook) do not show SVG images. Draw it with ConvertTo-MatomoChartImage -Format Png.", ChartImage);
        }

        /// <summary>Gathers the rows; values without properties (text, numbers) are refused at once.</summary>
        protected override void ProcessRecord()
        {
            foreach (var item in InputObject)
            {
                object? value = item?.BaseObject;
                if (value == null || value is string || value.GetType().IsPrimitive || value is decimal || value is MatomoChartImage || value is MatomoChartData)
                {
                    string hint = value is MatomoChartImage ? " (give a chart with -ChartImage)" : string.Empty;
                    ThrowTerminatingError(new ErrorRecord(
                        new MatomoArgumentException($"ConvertTo-MatomoHtml takes objects with properties (the rows of Get-MatomoVisits, Get-MatomoReport or ConvertTo-MatomoTable, or any objects), not {value?.GetType().FullName ?? "null"}{hint}."),
                        "MatomoInputInvalid", ErrorCategory.InvalidType, item));
                }
                _objects.Add(item!);
            }
        }

        /// <summary>Writes the HTML.</summary>
        protected override void EndProcessing()
        {
            if (_objects.Count == 0)
            {
                WriteWarning("ConvertTo-MatomoHtml received no rows, so it wrote nothing.");
                return;
            }
            try
            {
                var table = MatomoMessageTable.FromObjects(_objects, Property);
                string? source = ChartImage == null ? null : ChartContentId != null ? "cid:" + ChartContentId : ChartImage.ToDataUri();
                WriteObject(MatomoHtmlReport.Render(table, Title, ChartImage, source, Culture ?? CultureInfo.CurrentCulture, Fragment));
            }
            catch (MatomoArgumentException error)
            {
                ThrowTerminatingError(MatomoErrorRecords.Record(error, null));
            }
        }

        private void Refuse(string message, object target) => ThrowTerminatingError(new ErrorRecord(
            new MatomoArgumentException(message), "MatomoArgumentInvalid", ErrorCategory.InvalidArgument, target));
    }
}
