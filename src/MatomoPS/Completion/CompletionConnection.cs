using System.Collections;
using System.Linq;
using System.Management.Automation;

namespace MatomoPS
{
    /// <summary>
    /// The connection a completer offers values of: the one typed after -Connection, if it is one already, else the
    /// default (Connect-Matomo's, or the environment's, as runbooks connect).
    /// </summary>
    internal static class CompletionConnection
    {
        /// <summary>How long Tab waits for the server, for the connection and for what it lists; then it offers nothing.</summary>
        public static readonly System.TimeSpan Patience = System.TimeSpan.FromSeconds(5);

        public static MatomoConnection? From(IDictionary? fakeBoundParameters)
        {
            var typed = BoundValues.Items(fakeBoundParameters?["Connection"]).OfType<MatomoConnection>().FirstOrDefault();
            var connection = typed ?? MatomoSession.ForCurrentRunspace().ForCompletion(Patience);
            return connection != null && connection.IsConnected ? connection : null;
        }
    }
}
