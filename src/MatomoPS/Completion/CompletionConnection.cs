using System.Collections;
using System.Linq;
using System.Management.Automation;

namespace MatomoPS
{
    /// <summary>The connection a completer offers values of: the one typed after -Connection, if it is one already, else the default.</summary>
    internal static class CompletionConnection
    {
        public static MatomoConnection? From(IDictionary? fakeBoundParameters)
        {
            var typed = BoundValues.Items(fakeBoundParameters?["Connection"]).OfType<MatomoConnection>().FirstOrDefault();
            var connection = typed ?? MatomoSession.ForCurrentRunspace().Current;
            return connection != null && connection.IsConnected ? connection : null;
        }
    }
}
