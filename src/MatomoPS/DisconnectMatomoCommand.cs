using System.Management.Automation;

namespace MatomoPS
{
    /// <summary>Disconnect-Matomo: forgets the connection Connect-Matomo made.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Matomo")]
    [OutputType(typeof(void))]
    public sealed class DisconnectMatomoCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            var current = MatomoSession.Current;
            if (current == null)
            {
                WriteVerbose("Not connected; nothing to disconnect.");
                return;
            }
            MatomoSession.Set(null);
            WriteVerbose($"Disconnected from {current.Url}.");
        }
    }
}
