using System;
using System.Management.Automation;
using System.Security;

namespace MatomoPS
{
    /// <summary>
    /// -Token takes a SecureString. Text given instead is refused when binding with the ways to make one, rather than
    /// PowerShell's bare "cannot convert": a token typed as text stays in the history and in transcripts.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class SecureTokenAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is string)
                throw new ArgumentTransformationMetadataException(
                    "-Token takes a SecureString, not text: read it with Read-Host -AsSecureString, take it from a vault with "
                    + "Get-Secret (SecretManagement) or a credential's password, or in a script ConvertTo-SecureString $text -AsPlainText -Force. "
                    + "For runbooks, MATOMO_URL and MATOMO_TOKEN in the environment need no -Token at all.");
            return inputData;
        }
    }
}
