using System;
using System.Collections.Generic;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>The error of Test-MatomoHealth -FailOn: sites at or beyond the status given, which it names.</summary>
    public sealed class MatomoHealthException : Exception
    {
        /// <summary>An error naming <paramref name="sites"/>.</summary>
        public MatomoHealthException(string message, IReadOnlyList<MatomoSiteHealth> sites) : base(message) => Sites = sites;

        /// <summary>The sites at or beyond the status of -FailOn, with their reasons and checks.</summary>
        public IReadOnlyList<MatomoSiteHealth> Sites { get; }
    }
}
