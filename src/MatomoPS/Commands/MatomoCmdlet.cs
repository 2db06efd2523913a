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
    /// What a command does with connections, sites, dates and output is in the parts it holds
    /// (<see cref="MatomoConnectionScope"/>, <see cref="MatomoSiteSelection"/>, <see cref="MatomoRangeInput"/>,
    /// <see cref="MatomoSeriesOutput"/>), never in a further base class.
    /// </summary>
    public abstract class MatomoCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
        private BlockingCollection<Action>? _pending;
        private bool _disposed;

        /// <summary>A command with its connections part (a command that takes none, as Connect-Matomo, leaves it unused).</summary>
        protected MatomoCmdlet() => Connections = new MatomoConnectionScope(this);

        /// <summary>The connections the command works with, and its one fan-out over them.</summary>
        private protected MatomoConnectionScope Connections { get; }

        /// <summary>The session of the runspace the command runs in: its default connection, clock and client settings.</summary>
        internal MatomoSession Session { get; private set; } = null!;

        /// <summary>Takes the runspace's session, on the pipeline thread (the async work runs on others).</summary>
        protected override void BeginProcessing() => Session = MatomoSession.ForCurrentRunspace();

        /// <summary>Cancelled by <c>Ctrl+C</c> (StopProcessing) or when a write on the pipeline thread fails.</summary>
        protected internal CancellationToken Cancellation => _cancellation.Token;

        /// <summary>The object failures are about (a series, a URL, a method): the target of the error records written.</summary>
        protected virtual object? ErrorTarget => null;

        /// <summary>A sentence a terminating Matomo failure adds to its message (Connect-Matomo: which connection stays).</summary>
        protected virtual string? FailureNote => null;

        /// <summary>Runs <see cref="ProcessRecordAsync"/> for each pipeline input.</summary>
        protected override void ProcessRecord() => Run(ProcessRecordAsync);

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
        protected internal MatomoClient ClientOf(MatomoConnection connection) => connection.Client.WithLog(QueueVerbose);

        /// <summary>Writes an object on the pipeline thread.</summary>
        protected internal void QueueObject(object value) => Enqueue(() => WriteObject(value));

        /// <summary>Writes each object of a collection on the pipeline thread.</summary>
        protected internal void QueueObjects(System.Collections.IEnumerable values) => Enqueue(() =>
        {
            foreach (object value in values) WriteObject(value);
        });

        /// <summary>
        /// Runs <paramref name="action"/> on the pipeline thread (a batch of writes, or anything that needs the runspace)
        /// and ends when it has run, so work that waits for it holds no more than the pipeline has taken. Cancelled when
        /// the command stops; a failure of the action ends the command, and the task with it.
        /// </summary>
        protected internal async Task QueueAsync(Action action)
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
        protected internal void QueueError(ErrorRecord record) => Enqueue(() => WriteError(record));

        /// <summary>Writes a warning on the pipeline thread.</summary>
        protected internal void QueueWarning(string message) => Enqueue(() => WriteWarning(message));

        /// <summary>Writes a verbose message on the pipeline thread.</summary>
        protected internal void QueueVerbose(string message) => Enqueue(() => WriteVerbose(message));

        /// <summary>Writes a debug message on the pipeline thread.</summary>
        protected internal void QueueDebug(string message) => Enqueue(() => WriteDebug(message));

        /// <summary>
        /// Writes the failure of one part of the command (a series, a connection), which the other parts survive, as
        /// its own error; when the command works with several connections, the message names the connection first.
        /// </summary>
        protected internal void QueueFailure(MatomoException error, object? target, MatomoConnection? connection = null)
        {
            QueueDebug(DescribeFailure(error));
            QueueError(MatomoErrorRecords.Record(error, target, ErrorContext(connection, null)));
        }

        private MatomoErrorRecords.Context ErrorContext(MatomoConnection? connection, string? note) =>
            new MatomoErrorRecords.Context(MyInvocation.MyCommand.Name, connection?.IsFromEnvironment == true || (connection == null && Connections.FromEnvironment), note,
                Connections.FansOut && connection != null ? connection.ToString() : null);

        private static string DescribeFailure(MatomoException error) =>
            $"{error.Kind} failure of {error.ApiMethod ?? "a request"}: HTTP {(error.HttpStatus?.ToString() ?? "none")}, {error.Attempts} attempt(s).";

        /// <summary>Writes progress on the pipeline thread.</summary>
        protected internal void QueueProgress(ProgressRecord record) => Enqueue(() => WriteProgress(record));
    }
}
