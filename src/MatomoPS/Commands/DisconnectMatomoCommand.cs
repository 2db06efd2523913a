using System.Management.Automation;

namespace MatomoPS
{
    /// <summary>Disconnect-Matomo: closes the default connection, or the connections given; commands then refuse them.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Matomo")]
    [OutputType(typeof(void))]
    public sealed class DisconnectMatomoCommand : PSCmdlet
    {
        private bool _closedAny;

        /// <summary>The connections to close (Connect-Matomo -PassThru), also from the pipeline; default: the current connection.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public MatomoConnection[]? Connection { get; set; }

        /// <summary>Closes each connection given.</summary>
        protected override void ProcessRecord()
        {
            foreach (var connection in Connection ?? System.Array.Empty<MatomoConnection>())
            {
                _closedAny = true;
                Close(connection);
            }
        }

        /// <summary>Without -Connection, closes the default connection.</summary>
        protected override void EndProcessing()
        {
            if (_closedAny) return;
            var current = MatomoSession.ForCurrentRunspace().Current;
            if (current == null)
            {
                WriteVerbose("Not connected; nothing to disconnect.");
                return;
            }
            Close(current);
        }

        private void Close(MatomoConnection connection)
        {
            var session = MatomoSession.ForCurrentRunspace();
            bool wasDefault = ReferenceEquals(session.Current, connection);
            session.Close(connection);
            WriteVerbose($"Disconnected from {connection.Url}{(wasDefault ? "; there is no default connection now" : string.Empty)}.");
        }
    }
}
