using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace MatomoPS
{
    /// <summary>
    /// Runs when the module is imported and removed. On Windows PowerShell (.NET Framework) it serves the
    /// module's own copies of System.Text.Json's dependencies (see <see cref="BundledAssemblyMap"/>).
    /// PowerShell 7 resolves those versions itself, so nothing is registered there.
    /// </summary>
    public sealed class MatomoModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static BundledAssemblyMap? _map;

        /// <summary>True on .NET Framework, the runtime of Windows PowerShell 5.1 (the Desktop edition).</summary>
        internal static bool IsDesktop =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        public void OnImport()
        {
            if (!IsDesktop || _map != null) return;
            string folder = Path.GetDirectoryName(typeof(MatomoModuleInitializer).Assembly.Location)!;
            _map = BundledAssemblyMap.FromFolder(folder);
            AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }

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
