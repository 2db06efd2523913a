using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// The base of every MatomoPS cmdlet that talks to Matomo: async work runs off the pipeline thread, while objects,
    /// errors, verbose messages and progress are queued back and written on it. <c>Ctrl+C</c> cancels all requests at once.
    /// </summary>
    public abstract partial class MatomoCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
        private BlockingCollection<Action>? _pending;
        private bool _disposed;

        /// <summary>Cancelled by <c>Ctrl+C</c> (StopProcessing) or when a write on the pipeline thread fails.</summary>
        protected CancellationToken Cancellation => _cancellation.Token;

        /// <summary>The object failures are about (a series, a URL, a method): the target of the error records written.</summary>
        protected virtual object? ErrorTarget => null;

        /// <summary>A sentence a terminating Matomo failure adds to its message (Connect-Matomo: which connection stays).</summary>
        protected virtual string? FailureNote => null;

        /// <summary>Gathers the connections of each pipeline input, then runs <see cref="ProcessRecordAsync"/>.</summary>
        protected override void ProcessRecord() => Run(() =>
        {
            GatherConnections(ConnectionInput);
            return ProcessRecordAsync();
        });

        /// <summary>Runs <see cref="EndProcessingAsync"/> after the last input.</summary>
        protected override void EndProcessing() => Run(EndProcessingAsync);

        /// <summary>Ctrl+C: cancels every request of the command.</summary>
        protected override void StopProcessing() => Cancel();

        /// <summary>The work for each pipeline input; runs off the pipeline thread.</summary>
        protected virtual Task ProcessRecordAsync() => Task.CompletedTask;

        /// <summary>The work after the last input; runs off the pipeline thread.</summary>
        protected virtual Task EndProcessingAsync() => Task.CompletedTask;

        /// <summary>PowerShell disposes a cmdlet when its pipeline ends, however it ends.</summary>
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _cancellation.Dispose();
        }

        private void Run(Func<Task> work)
        {
            using var pending = new BlockingCollection<Action>();
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
                WriteDebug(DescribeFailure(error));
                ThrowTerminatingError(MatomoErrorRecords.Record(error, ErrorTarget, ErrorContext(null, FailureNote)));
            }
            catch (MatomoArgumentException error)
            {
                ThrowTerminatingError(MatomoErrorRecords.Record(error, ErrorTarget));
            }
            catch (NotConnectedException error)
            {
                ThrowTerminatingError(MatomoErrorRecords.Record(error));
            }
            finally
            {
                _pending = null;
                // A write failed on the pipeline thread (-ErrorAction Stop, a closed pipeline) or the pipeline stopped:
                // the work is cancelled, and the queue outlives it.
                if (!task.IsCompleted)
                {
                    Cancel();
                    try { task.Wait(); } catch (AggregateException) { }
                }
            }
        }

        private void Cancel()
        {
            // Ctrl+C may arrive after the pipeline disposed the command; then there is nothing left to stop.
            try { _cancellation.Cancel(); }
            catch (ObjectDisposedException) { }
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

        /// <summary>
        /// The connection's client for this command: the lines about its requests (each request, retry and pause) go to
        /// this command's verbose stream, and no other command's, though the connection is shared.
        /// </summary>
        protected MatomoClient ClientOf(MatomoConnection connection) => connection.Client.WithLog(QueueVerbose);

        /// <summary>Writes an object on the pipeline thread.</summary>
        protected void QueueObject(object value) => Enqueue(() => WriteObject(value));

        /// <summary>Writes each object of a collection on the pipeline thread.</summary>
        protected void QueueObjects(System.Collections.IEnumerable values) => Enqueue(() =>
        {
            foreach (object value in values) WriteObject(value);
        });

        /// <summary>
        /// Runs <paramref name="action"/> on the pipeline thread (a batch of writes, or anything that needs the runspace)
        /// and ends when it has run, so work that waits for it holds no more than the pipeline has taken. Cancelled when
        /// the command stops; a failure of the action ends the command, and the task with it.
        /// </summary>
        protected async Task QueueAsync(Action action)
        {
            var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            Enqueue(() =>
            {
                try
                {
                    action();
                    done.TrySetResult(true);
                }
                catch (Exception error)
                {
                    done.TrySetException(error);
                    throw;
                }
            });
            using (Cancellation.Register(() => done.TrySetCanceled()))
                await done.Task.ConfigureAwait(false);
        }

        /// <summary>Writes a non-terminating error on the pipeline thread.</summary>
        protected void QueueError(ErrorRecord record) => Enqueue(() => WriteError(record));

        /// <summary>Writes a warning on the pipeline thread.</summary>
        protected void QueueWarning(string message) => Enqueue(() => WriteWarning(message));

        /// <summary>Writes a verbose message on the pipeline thread.</summary>
        protected void QueueVerbose(string message) => Enqueue(() => WriteVerbose(message));

        /// <summary>Writes a debug message on the pipeline thread.</summary>
        protected void QueueDebug(string message) => Enqueue(() => WriteDebug(message));

        /// <summary>Writes progress on the pipeline thread.</summary>
        protected void QueueProgress(ProgressRecord record) => Enqueue(() => WriteProgress(record));
    }
}
