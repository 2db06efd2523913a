using System.Management.Automation;

namespace MatomoPS
{
    /// <summary>Get-MatomoConnection: the connection commands use (URL, site id, timeout, retries; never the token).</summary>
    [Cmdlet(VerbsCommon.Get, "MatomoConnection")]
    [OutputType(typeof(MatomoConnection))]
    public sealed class GetMatomoConnectionCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            var current = MatomoSession.ForCurrentRunspace().Current;
            if (current != null)
                WriteObject(current);
            else
                WriteVerbose($"Not connected. Commands use {MatomoSession.UrlVariable} and {MatomoSession.TokenVariable} from the environment when they are set.");
        }
    }
}
