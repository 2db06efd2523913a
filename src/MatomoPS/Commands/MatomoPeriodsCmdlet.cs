using System;
using System.Management.Automation;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// The base of the commands that read values per period (Get-MatomoVisits, Get-MatomoLanguageVisits,
    /// Get-MatomoReport): the days, how many requests at once, what each period is compared with, and how the read
    /// uses the local cache of closed periods.
    /// </summary>
    public abstract class MatomoPeriodsCmdlet : MatomoCmdlet
    {
        /// <summary>The first day; default: 29 days before -End.</summary>
        [Parameter]
        [CalendarDate]
        public DateTime? Start { get; set; }

        /// <summary>The last day; default: yesterday in the site's time zone (the earliest yesterday of several sites).</summary>
        [Parameter]
        [CalendarDate]
        public DateTime? End { get; set; }

        /// <summary>The most requests in flight at once, over every connection.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = MatomoConnectionScope.DefaultThrottleLimit;

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
