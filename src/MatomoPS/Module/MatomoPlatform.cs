using System;

namespace MatomoPS
{
    /// <summary>
    /// Which PowerShell the module runs on. It needs System.Text.Json 8: Windows PowerShell 5.1 loads the module's
    /// own copy, and PowerShell 7.4 and later ship version 8 or newer; PowerShell 7.2 and 7.3 ship versions 6 and 7,
    /// which would win over ours and break the module at run time, so they are refused when the module is imported.
    /// </summary>
    internal static class MatomoPlatform
    {
        /// <summary>The first PowerShell 7 release the module runs on.</summary>
        public static readonly Version MinimumCore = new Version(7, 4);

        /// <summary>Why the module cannot run on this PowerShell, or null when it can.</summary>
        /// <param name="isDesktop">True on Windows PowerShell (.NET Framework).</param>
        /// <param name="powerShellAssembly">The version of System.Management.Automation (7.4.0.500 for PowerShell 7.4).</param>
        public static string? Refusal(bool isDesktop, Version? powerShellAssembly)
        {
            if (isDesktop || powerShellAssembly == null) return null;
            var running = new Version(powerShellAssembly.Major, Math.Max(0, powerShellAssembly.Minor));
            return running >= MinimumCore
                ? null
                : $"MatomoPS needs PowerShell {MinimumCore} or later (or Windows PowerShell 5.1); this is PowerShell {running}. Install a current PowerShell: https://aka.ms/powershell";
        }
    }
}
