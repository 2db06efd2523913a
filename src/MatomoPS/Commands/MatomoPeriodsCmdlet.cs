using System.Management.Automation;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// The base of the commands that read values per period (Get-MatomoVisits, Get-MatomoLanguageVisits,
    /// Get-MatomoReport): what each period is compared with, and how the read uses the local cache of closed periods.
    /// </summary>
    public abstract class MatomoPeriodsCmdlet : MatomoCmdlet
    {
        /// <summary>Also the values of the period each one is compared with, and the change: PreviousPeriod or PreviousYear.</summary>
        [Parameter]
        [SingleEnumValue(typeof(MatomoComparison))]
        [ValidateSet(nameof(MatomoComparison.PreviousPeriod), nameof(MatomoComparison.PreviousYear))]
        public MatomoComparison Compare { get; set; } = MatomoComparison.None;

        /// <summary>Asks the server for every period, closed ones too, without reading or writing the local cache.</summary>
        [Parameter]
        public SwitchParameter NoCache { get; set; }

        /// <summary>Asks the server for every period and replaces what the local cache holds for the closed ones.</summary>
        [Parameter]
        public SwitchParameter Refresh { get; set; }
    }
}
