using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// The base of every MatomoPS cmdlet: async work runs off the pipeline thread, while objects, errors,
    /// verbose messages and progress are queued back and written on it. <c>Ctrl+C</c> cancels all requests at once.
    /// </summary>
    public abstract class MatomoCmdlet : PSCmdlet
    {
        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
        private BlockingCollection<Action>? _pending;

        /// <summary>Cancelled by <c>Ctrl+C</c> (StopProcessing) or when a write on the pipeline thread fails.</summary>
        protected CancellationToken Cancellation => _cancellation.Token;

        protected override void ProcessRecord() => Run(ProcessRecordAsync);

        protected override void EndProcessing()
        {
            try
            {
                Run(EndProcessingAsync);
            }
            finally
            {
                _cancellation.Dispose();
            }
        }

        protected override void StopProcessing()
        {
            // Ctrl+C may arrive after EndProcessing disposed the source; then there is nothing left to stop.
            try { _cancellation.Cancel(); }
            catch (ObjectDisposedException) { }
        }

        /// <summary>The work for each pipeline input; runs off the pipeline thread.</summary>
        protected virtual Task ProcessRecordAsync() => Task.CompletedTask;

        /// <summary>The work after the last input; runs off the pipeline thread.</summary>
        protected virtual Task EndProcessingAsync() => Task.CompletedTask;

        /// <summary>Writes a Matomo failure as a terminating error; the target names what failed.</summary>
        protected virtual object? ErrorTarget => null;

        private void Run(Func<Task> work)
        {
            var pending = new BlockingCollection<Action>();
            _pending = pending;
            var task = Task.Run(async () =>
            {
                try
                {
                    await work().ConfigureAwait(false);
                }
                finally
                {
                    pending.CompleteAdding();
                }
            });
            try
            {
                foreach (var write in pending.GetConsumingEnumerable(Cancellation)) write();
                task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (MatomoException error)
            {
                WriteDebug($"{error.Kind} failure of {error.ApiMethod ?? "a request"}: HTTP {(error.HttpStatus?.ToString() ?? "none")}, {error.Attempts} attempt(s).");
                ThrowTerminatingError(MatomoErrors.Record(error, ErrorTarget));
            }
            catch (ArgumentException error)
            {
                ThrowTerminatingError(MatomoErrors.Record(error, ErrorTarget));
            }
            catch (NotConnectedException error)
            {
                ThrowTerminatingError(MatomoErrors.Record(error));
            }
            catch (Exception)
            {
                // A write failed on the pipeline thread (-ErrorAction Stop, a closed pipeline): stop the work too.
                _cancellation.Cancel();
                throw;
            }
            finally
            {
                _pending = null;
            }
        }

        private void Enqueue(Action write)
        {
            var pending = _pending ?? throw new InvalidOperationException("Writes are queued only while async work runs.");
            try
            {
                pending.Add(write);
            }
            catch (InvalidOperationException) when (pending.IsAddingCompleted)
            {
                // The pipeline stopped reading: the work is being cancelled.
            }
        }

        protected void QueueObject(object value) => Enqueue(() => WriteObject(value));

        protected void QueueObjects(System.Collections.IEnumerable values) => Enqueue(() =>
        {
            foreach (object value in values) WriteObject(value);
        });

        protected void QueueError(ErrorRecord record) => Enqueue(() => WriteError(record));

        protected void QueueWarning(string message) => Enqueue(() => WriteWarning(message));

        protected void QueueVerbose(string message) => Enqueue(() => WriteVerbose(message));

        protected void QueueDebug(string message) => Enqueue(() => WriteDebug(message));

        protected void QueueProgress(ProgressRecord record) => Enqueue(() => WriteProgress(record));

        /// <summary>What the client calls for each request: written as verbose output (the token is never part of it).</summary>
        protected Action<string> RequestLog => QueueVerbose;

        /// <summary>The connection for this command: Connect-Matomo's, else one built from MATOMO_URL, MATOMO_TOKEN and MATOMO_SITE_ID.</summary>
        protected async Task<MatomoConnection> GetConnectionAsync()
        {
            var connection = await MatomoSession.ResolveAsync(Cancellation, RequestLog).ConfigureAwait(false);
            QueueDebug($"Using {connection.Url} ({connection.Source}): site {connection.SiteId}, -TimeoutSec {connection.TimeoutSec}, -MaxRetries {connection.MaxRetries}, certificate check {(connection.SkipCertificateCheck ? "off" : "on")}.");
            return connection;
        }
    }
}
