using System;

namespace MatomoPS.Client
{
    /// <summary>
    /// Where one caller's lines about its requests go: the sink that caller handed the client (see
    /// <see cref="MatomoClient.WithLog"/>), every line redacted, as a retry line quotes the server's answer, which may echo the token.
    /// </summary>
    internal sealed class MatomoLog
    {
        private readonly Action<string>? _sink;
        private readonly MatomoToken _token;

        public MatomoLog(Action<string>? sink, MatomoToken token)
        {
            _sink = sink;
            _token = token;
        }

        /// <summary>Writes a line, if the caller wants them; called from any thread.</summary>
        public void Write(string line)
        {
            var sink = _sink;
            if (sink != null) sink(_token.Redact(line));
        }
    }
}
