using System;
using System.Collections.Generic;

namespace MatomoPS.Client
{
    /// <summary>What <see cref="MatomoClient.TestHealthAsync"/> found: each site's health, and why checks could not run.</summary>
    public sealed class MatomoHealthReport
    {
        /// <summary>A report of sites and the failures of the checks that could not run.</summary>
        public MatomoHealthReport(IReadOnlyList<MatomoSiteHealth> sites, IReadOnlyList<MatomoException> failures)
        {
            Sites = sites ?? throw new ArgumentNullException(nameof(sites));
            Failures = failures ?? throw new ArgumentNullException(nameof(failures));
        }

        /// <summary>Each site's health, in the order asked.</summary>
        public IReadOnlyList<MatomoSiteHealth> Sites { get; }

        /// <summary>
        /// The refusals behind checks that are <see cref="MatomoCheckStatus.NotChecked"/>, each once (such as the access
        /// error of tracking failures for a token without admin access).
        /// </summary>
        public IReadOnlyList<MatomoException> Failures { get; }
    }
}
