using System;
using System.Collections.Generic;
using System.Management.Automation;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// The base of commands that reshape report rows (no requests): rows are gathered from the pipeline and
    /// handed over at the end; rows that cannot be arranged (mixed periods, clashing series) are one clear error.
    /// </summary>
    public abstract class MatomoRowsCmdlet : PSCmdlet
    {
        private readonly List<MatomoVisitsRow> _rows = new List<MatomoVisitsRow>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        public MatomoVisitsRow[] InputObject { get; set; } = Array.Empty<MatomoVisitsRow>();

        protected override void ProcessRecord() => _rows.AddRange(InputObject);

        protected override void EndProcessing()
        {
            if (_rows.Count == 0) return;
            try
            {
                WriteFrom(_rows);
            }
            catch (ArgumentException error)
            {
                ThrowTerminatingError(MatomoErrors.Record(error, null));
            }
        }

        /// <summary>Writes the result for every row received; throws <see cref="ArgumentException"/> for rows it cannot arrange.</summary>
        protected abstract void WriteFrom(IReadOnlyList<MatomoVisitsRow> rows);
    }
}
