using System;
using System.Globalization;
using System.Management.Automation;
using MatomoPS.Charts;
using MatomoPS.Client;
using MatomoPS.Messages;

namespace MatomoPS
{
    /// <summary>
    /// ConvertTo-MatomoAdaptiveCard: rows (or chart data) in, an Adaptive Card 1.5 as JSON out, for Teams: the title, the
    /// key figures of the last period with their change, and a table of the largest series, within Teams' 28 KB.
    /// With -AsWebhookPayload, the message a Teams Workflows webhook takes. No request is made.
    /// </summary>
    [Cmdlet(VerbsData.ConvertTo, "MatomoAdaptiveCard")]
    [OutputType(typeof(string))]
    public sealed class ConvertToMatomoAdaptiveCardCommand : MatomoRowsCmdlet
    {
        /// <summary>Rows or chart data.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        public PSObject[] InputObject { get; set; } = Array.Empty<PSObject>();

        /// <summary>The card's title; without it, what the rows are about (Visits per week).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Title { get; set; }

        /// <summary>The most rows of the table (10 unless told); fewer when the card would pass Teams' 28 KB.</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int MostRows { get; set; } = 10;

        /// <summary>Writes the card inside the message a Teams Workflows webhook takes, ready for Invoke-RestMethod -Body.</summary>
        [Parameter]
        public SwitchParameter AsWebhookPayload { get; set; }

        /// <summary>Whose thousands and decimal separators the numbers take; the session's culture unless told.</summary>
        [Parameter]
        [ValidateNotNull]
        public CultureInfo? Culture { get; set; }

        /// <inheritdoc />
        protected override string Takes => "the rows of Get-MatomoVisits, Get-MatomoLanguageVisits or Get-MatomoReport, or the output of ConvertTo-MatomoChartData";

        /// <inheritdoc />
        private protected override bool TakesChartData => true;

        /// <summary>Gathers rows or chart data.</summary>
        protected override void ProcessRecord() => Gather(InputObject);

        /// <summary>Writes the card's JSON.</summary>
        protected override void WriteResult()
        {
            var (data, title) = BuildChart(Title);
            data.Validate();
            if (data.Labels.Count == 0 || data.Datasets.Count == 0)
                throw new MatomoArgumentException("The chart data has no labels or no datasets: there is nothing to show on a card.");
            var card = MatomoAdaptiveCard.Build(data, title, MatomoChartDescription.Caption(data.Description, DateTime.UtcNow), MostRows, Culture ?? CultureInfo.CurrentCulture);
            WriteObject(MatomoAdaptiveCard.ToJson(AsWebhookPayload ? MatomoAdaptiveCard.WebhookPayload(card) : card));
        }
    }
}
