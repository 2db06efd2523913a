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

        [Parameter(Mandatory = true, ParameterSetName = ExplicitSet)]
        [ValidateNotNullOrEmpty]
        public string Url { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = ExplicitSet)]
        [ValidateNotNull]
        public SecureString Token { get; set; } = null!;

        [Parameter]
        public SwitchParameter All { get; set; }

        protected override object? ErrorTarget => ParameterSetName == ExplicitSet ? Url : MatomoSession.Current?.Url;

        protected override async Task ProcessRecordAsync()
        {
            if (ParameterSetName == ExplicitSet)
            {
                using var client = MatomoSession.CreateClient(MatomoEndpoint.Resolve(Url), new MatomoToken(Token));
                Write(await client.GetSiteIdsAsync(Cancellation).ConfigureAwait(false));
                return;
            }
            var connection = await GetConnectionAsync().ConfigureAwait(false);
            Write(await connection.Client.GetSiteIdsAsync(Cancellation).ConfigureAwait(false));
        }

        private void Write(System.Collections.Generic.IReadOnlyList<int> ids)
        {
            if (All) QueueObjects(ids);
            else QueueObject(ids[0]);
        }
    }
}
