using System.Collections.Generic;
using System.Management.Automation;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// The base of the commands that reshape rows without a request (tables, chart data, chart pages): rows are
    /// gathered from the pipeline and handed over at the end. Input of another type is refused at once; rows that
    /// cannot be arranged (mixed periods, clashing series) are one clear error; no input at all is a warning.
    /// </summary>
    public abstract class MatomoRowsCmdlet : PSCmdlet
    {
        private readonly List<MatomoVisitsRow> _rows = new List<MatomoVisitsRow>();

        /// <summary>The rows received so far, in pipeline order.</summary>
        protected IReadOnlyList<MatomoVisitsRow> Rows => _rows;

        /// <summary>What the command takes, for the message that refuses anything else.</summary>
        protected virtual string Takes => "the rows of Get-MatomoVisits or Get-MatomoLanguageVisits";

        /// <summary>True when something to work on came in (subclasses that take more than rows say so).</summary>
        protected virtual bool HasInput => _rows.Count > 0;

        /// <summary>Keeps each item; the subclass's <see cref="Accept"/> decides which types it takes.</summary>
        protected void Gather(IEnumerable<PSObject?> items)
        {
            foreach (var item in items)
            {
                object? value = item?.BaseObject;
                if (Accept(value)) continue;
                ThrowTerminatingError(new ErrorRecord(
                    new MatomoArgumentException($"{MyInvocation.MyCommand.Name} takes {Takes}, not {value?.GetType().FullName ?? "null"}."),
                    "MatomoInputInvalid", ErrorCategory.InvalidType, item));
            }
        }

        /// <summary>Keeps <paramref name="item"/> when the command takes it; rows are taken by every such command.</summary>
        protected virtual bool Accept(object? item)
        {
            if (!(item is MatomoVisitsRow row)) return false;
            _rows.Add(row);
            return true;
        }

        /// <summary>Hands everything gathered to <see cref="WriteResult"/>.</summary>
        protected override void EndProcessing()
        {
            if (!HasInput)
            {
                WriteWarning($"{MyInvocation.MyCommand.Name} received no rows, so it wrote nothing.");
                return;
            }
            try
            {
                WriteResult();
            }
            catch (MatomoArgumentException error)
            {
                ThrowTerminatingError(MatomoErrors.Record(error, null));
            }
        }

        /// <summary>Writes the result; throws <see cref="MatomoArgumentException"/> for input it cannot arrange.</summary>
        protected abstract void WriteResult();
    }
}
