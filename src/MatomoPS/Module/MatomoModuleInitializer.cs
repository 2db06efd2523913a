using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace MatomoPS
{
    /// <summary>
    /// Runs when the module is imported and removed. It refuses PowerShell 7 before 7.4 (see <see cref="MatomoPlatform"/>).
    /// On Windows PowerShell (.NET Framework) it serves the module's own copies of System.Text.Json's dependencies
    /// (see <see cref="BundledAssemblyMap"/>); PowerShell 7 resolves those versions itself.
    /// </summary>
    public sealed class MatomoModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static BundledAssemblyMap? _map;

        /// <summary>True on .NET Framework, the runtime of Windows PowerShell 5.1 (the Desktop edition).</summary>
        internal static bool IsDesktop =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        /// <summary>Checks the PowerShell version; on Windows PowerShell, starts serving the bundled assemblies.</summary>
        public void OnImport()
        {
            string? refusal = MatomoPlatform.Refusal(IsDesktop, typeof(PSObject).Assembly.GetName().Version);
            if (refusal != null) throw new PlatformNotSupportedException(refusal);
            if (!IsDesktop || _map != null) return;
            string folder = Path.GetDirectoryName(typeof(MatomoModuleInitializer).Assembly.Location)!;
            _map = BundledAssemblyMap.FromFolder(folder);
            AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }

        /// <summary>Stops serving the bundled assemblies.</summary>
        public void OnRemove(PSModuleInfo module)
        {
            if (_map == null) return;
            AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
            _map = null;
        }

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            string? path = _map?.Find(new AssemblyName(args.Name));
            return path == null ? null : Assembly.LoadFrom(path);
        }
    }
}
