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
            object? bound = fakeBoundParameters?["Connection"];
            object? value = bound is PSObject wrapped ? wrapped.BaseObject : bound;
            var typed = value is MatomoConnection one ? one
                : value is IEnumerable list ? list.Cast<object?>().Select(item => (item as PSObject)?.BaseObject ?? item).OfType<MatomoConnection>().FirstOrDefault()
                : null;
            var connection = typed ?? MatomoSession.Current;
            return connection != null && connection.IsConnected ? connection : null;
        }
    }
}
