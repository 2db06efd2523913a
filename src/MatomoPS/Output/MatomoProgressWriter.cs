using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// Shows the progress the client reports, for every connection of a command together: "3 of 8 requests done" (or
    /// periods, for a report read in parts). Shown once there is more than one part in all; completed at the end.
    /// </summary>
    internal sealed class MatomoProgressWriter
    {
        private readonly MatomoCmdlet _command;
        private readonly string _activity;
        private readonly Dictionary<object, MatomoFetchProgress> _parts = new Dictionary<object, MatomoFetchProgress>();
        private bool _shown;

        public MatomoProgressWriter(MatomoCmdlet command, string activity)
        {
            _command = command;
            _activity = activity;
        }

        /// <summary>The progress of one fetch (one connection's), told by the client as it happens; called from any thread.</summary>
        public IProgress<MatomoFetchProgress> For(object fetch) => new ImmediateProgress<MatomoFetchProgress>(progress => Report(fetch, progress));

        /// <summary>
        /// The progress of a read of the visit log, by time covered: "Visits up to 2023-02-14 13:05 UTC (of 2023-01-01
        /// 00:00 to 2023-04-01 00:00): 845 written"; called from any thread.
        /// </summary>
        public IProgress<MatomoVisitLogProgress> ForVisitLog() => new ImmediateProgress<MatomoVisitLogProgress>(progress =>
        {
            lock (_parts) _shown = true;
            string status = $"Visits up to {Utc(progress.Covered)} UTC (of {Utc(progress.From)} to {Utc(progress.To)}): {progress.Visits} written";
            _command.QueueProgress(new ProgressRecord(1, _activity, status) { PercentComplete = progress.PercentComplete });
        });

        private static string Utc(DateTime time) => time.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>Ends the progress bar, when one was shown.</summary>
        public void Complete()
        {
            lock (_parts)
                if (!_shown) return;
            _command.QueueProgress(new ProgressRecord(1, _activity, "Done") { RecordType = ProgressRecordType.Completed });
        }

        private void Report(object fetch, MatomoFetchProgress progress)
        {
            ProgressRecord record;
            lock (_parts)
            {
                _parts[fetch] = progress;
                int total = _parts.Values.Sum(part => part.Total), completed = _parts.Values.Sum(part => part.Completed);
                if (total <= 1) return;
                _shown = true;
                record = new ProgressRecord(1, _activity, $"{completed} of {total} {progress.Unit} done") { PercentComplete = 100 * completed / total };
                // Queued inside the lock, so the records of several fetches reach the pipeline in the order they were counted.
                _command.QueueProgress(record);
            }
        }
    }
}
