using System.Management.Automation;
using System.Security;
using System.Threading.Tasks;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>Get-MatomoId: the first site id (or all with -All) that a token may view.</summary>
    [Cmdlet(VerbsCommon.Get, "MatomoId", DefaultParameterSetName = ConnectionSet)]
    [OutputType(typeof(int))]
    public sealed class GetMatomoIdCommand : MatomoCmdlet
    {
        private const string ConnectionSet = "Connection";
        private const string ExplicitSet = "Explicit";

        /// <summary>The connections to ask (Connect-Matomo -PassThru), also from the pipeline; default: the current connection.</summary>
        [Parameter(ParameterSetName = ConnectionSet, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public MatomoConnection[]? Connection { get; set; }

        /// <summary>A server to ask once, instead of a connection; give it with -Token.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ExplicitSet)]
        [ValidateNotNullOrEmpty]
        public string Url { get; set; } = string.Empty;

        /// <summary>The token to ask with, together with -Url.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ExplicitSet)]
        [ValidateNotNull]
        [SecureToken]
        public SecureString Token { get; set; } = null!;

        /// <summary>Every site id, not only the first.</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        /// <summary>Gathers the connections of each pipeline input.</summary>
        protected override Task ProcessRecordAsync()
        {
            Connections.Gather(Connection);
            return Task.CompletedTask;
        }

        /// <inheritdoc />
        protected override object? ErrorTarget => ParameterSetName == ExplicitSet ? Url : Session.Current?.Url;

        /// <summary>Asks each connection (or the server of -Url) once.</summary>
        protected override async Task EndProcessingAsync()
        {
            if (ParameterSetName == ExplicitSet)
            {
                using var client = Session.CreateClient(MatomoEndpoint.Resolve(Url), new MatomoToken(Token));
                QueueObjects(Pick(await client.GetSiteIdsAsync(Cancellation).ConfigureAwait(false)));
                return;
            }
            await Connections.ForEachAsync(async connection => Pick(await ClientOf(connection).GetSiteIdsAsync(Cancellation).ConfigureAwait(false))).ConfigureAwait(false);
        }

        private System.Collections.IEnumerable Pick(System.Collections.Generic.IReadOnlyList<int> ids) => All ? ids : new[] { ids[0] };
    }
}
