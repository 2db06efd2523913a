using System;
using System.Threading;
using System.Threading.Tasks;

namespace MatomoPS.Client
{
    /// <summary>Runs work while holding one place of a limit on requests in flight (the client's batches, a command's connections).</summary>
    internal static class MatomoThrottle
    {
        /// <summary>
        /// Waits for a place in <paramref name="throttle"/>, runs <paramref name="work"/>, and gives the place back however it
        /// ends; without a throttle, runs it at once.
        /// </summary>
        public static async Task<T> RunAsync<T>(SemaphoreSlim? throttle, Func<Task<T>> work, CancellationToken cancellation)
        {
            if (throttle == null) return await work().ConfigureAwait(false);
            await throttle.WaitAsync(cancellation).ConfigureAwait(false);
            try
            {
                return await work().ConfigureAwait(false);
            }
            finally
            {
                throttle.Release();
            }
        }
    }
}
