using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace MatomoPS
{
    /// <summary>
    /// Which of the module's own assembly files answers a load request. Windows PowerShell (.NET Framework)
    /// has no binding redirects for a module, so System.Text.Json's dependencies ask for versions older than
    /// the ones shipped beside it (Unsafe 4.0.4.1 while 6.0.0.0 ships, Buffers 4.0.2.0 while 4.0.3.0 ships);
    /// serving the shipped copy for any version up to its own is what a binding redirect would do.
    /// </summary>
    internal sealed class BundledAssemblyMap
    {
        private readonly Dictionary<string, (Version Version, string Path)> _shipped =
            new Dictionary<string, (Version, string)>(StringComparer.OrdinalIgnoreCase);

        /// <param name="shipped">The simple name, version and file of every assembly the module ships.</param>
        public BundledAssemblyMap(IEnumerable<(string Name, Version Version, string Path)> shipped)
        {
            foreach (var (name, version, path) in shipped) _shipped[name] = (version, path);
        }

        /// <summary>The map of every <c>*.dll</c> in <paramref name="folder"/> (files that are not assemblies are left out).</summary>
        public static BundledAssemblyMap FromFolder(string folder)
        {
            var shipped = new List<(string, Version, string)>();
            foreach (string path in Directory.GetFiles(folder, "*.dll"))
            {
                AssemblyName name;
                try
                {
                    name = AssemblyName.GetAssemblyName(path);
                }
                catch (BadImageFormatException)
                {
                    continue;
                }
                if (name.Name != null && name.Version != null) shipped.Add((name.Name, name.Version, path));
            }
            return new BundledAssemblyMap(shipped);
        }

        /// <summary>
        /// The file to load for <paramref name="requested"/>: the shipped copy when the name matches and the
        /// requested version is not newer than it; otherwise null, so the request fails as it would have.
        /// </summary>
        public string? Find(AssemblyName requested)
        {
            if (requested.Name == null || !_shipped.TryGetValue(requested.Name, out var shipped)) return null;
            if (requested.Version != null && requested.Version > shipped.Version) return null;
            return shipped.Path;
        }
    }
}
