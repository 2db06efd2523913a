using System;
using System.Threading;

namespace MatomoPS
{
    /// <summary>
    /// Routes the client's request log to the command that made the request. A connection's client is shared by
    /// every command and runspace, so the sink is not the client's: each command sets its own for the async work
    /// it starts, and the line lands in that command's verbose stream.
    /// </summary>
    internal static class MatomoRequestLog
    {
        private static readonly AsyncLocal<Action<string>?> Sink = new AsyncLocal<Action<string>?>();

        /// <summary>The log every client the module creates writes to.</summary>
        public static void Write(string line) => Sink.Value?.Invoke(line);

        /// <summary>Sends the lines of the work that follows (in this async flow) to <paramref name="sink"/>.</summary>
        public static void Use(Action<string> sink) => Sink.Value = sink;
    }
}
