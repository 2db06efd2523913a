using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace MatomoPS.Tests
{
    /// <summary>The version mapping Windows PowerShell needs (it cannot run here; the mapping can).</summary>
    public sealed class BundledAssemblyMapTests
    {
        private static readonly BundledAssemblyMap Map = new BundledAssemblyMap(new[]
        {
            ("System.Runtime.CompilerServices.Unsafe", new Version(6, 0, 0, 0), "/module/System.Runtime.CompilerServices.Unsafe.dll"),
            ("System.Buffers", new Version(4, 0, 3, 0), "/module/System.Buffers.dll"),
        });

        private static AssemblyName Request(string fullName) => new AssemblyName(fullName);

        [Theory]
        [InlineData("System.Runtime.CompilerServices.Unsafe, Version=4.0.4.1, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a", "/module/System.Runtime.CompilerServices.Unsafe.dll")]
        [InlineData("System.Runtime.CompilerServices.Unsafe, Version=6.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a", "/module/System.Runtime.CompilerServices.Unsafe.dll")]
        [InlineData("System.Buffers, Version=4.0.2.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", "/module/System.Buffers.dll")]
        [InlineData("system.buffers, Version=4.0.3.0", "/module/System.Buffers.dll")]
        [InlineData("System.Buffers", "/module/System.Buffers.dll")]
        public void An_older_or_equal_version_of_a_shipped_assembly_gets_the_shipped_copy(string requested, string expected)
        {
            Assert.Equal(expected, Map.Find(Request(requested)));
        }

        [Theory]
        [InlineData("System.Runtime.CompilerServices.Unsafe, Version=7.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a")]
        [InlineData("System.Buffers, Version=4.0.4.0")]
        [InlineData("System.Memory, Version=4.0.1.2")]
        [InlineData("Newtonsoft.Json, Version=13.0.0.0")]
        public void A_newer_version_or_an_assembly_the_module_does_not_ship_is_left_to_fail(string requested)
        {
            Assert.Null(Map.Find(Request(requested)));
        }

        /// <summary>
        /// The real shipped folder: every reference from one shipped assembly to another must be served,
        /// which is exactly what fails on .NET Framework without the resolver.
        /// </summary>
        [Fact]
        public void Every_reference_between_the_shipped_assemblies_is_served_from_the_module_folder()
        {
            string folder = ShippedFolder();
            var map = BundledAssemblyMap.FromFolder(folder);
            var shipped = Directory.GetFiles(folder, "*.dll")
                .Where(path => !Path.GetFileName(path).StartsWith("System.Management.Automation", StringComparison.OrdinalIgnoreCase))
                .ToList();
            var names = shipped.Select(path => AssemblyName.GetAssemblyName(path).Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            Assert.Contains("System.Text.Json", names);

            int checkedReferences = 0;
            foreach (string path in shipped)
            {
                var context = new System.Runtime.Loader.AssemblyLoadContext(Path.GetFileName(path), isCollectible: true);
                try
                {
                    var assembly = context.LoadFromAssemblyPath(path);
                    foreach (var reference in assembly.GetReferencedAssemblies().Where(r => names.Contains(r.Name!)))
                    {
                        string? served = map.Find(reference);
                        Assert.True(served != null, $"{Path.GetFileName(path)} asks for {reference.FullName}, which the module folder does not serve.");
                        Assert.Equal(reference.Name, AssemblyName.GetAssemblyName(served!).Name, StringComparer.OrdinalIgnoreCase);
                        checkedReferences++;
                    }
                }
                finally
                {
                    context.Unload();
                }
            }
            // System.Text.Json alone refers to Memory, Buffers, Unsafe, Encodings.Web, Tasks.Extensions...
            Assert.True(checkedReferences >= 5, $"only {checkedReferences} references between shipped assemblies were found");
        }

        [Fact]
        public void PowerShell_7_registers_no_resolver()
        {
            Assert.False(MatomoModuleInitializer.IsDesktop);
        }

        /// <summary>The netstandard2.0 build of the module (what out/MatomoPS ships), beside this test's configuration.</summary>
        private static string ShippedFolder()
        {
            var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            string configuration = bin.Parent!.Name;
            var root = bin;
            while (root != null && !File.Exists(Path.Combine(root.FullName, "MatomoPS.sln"))) root = root.Parent;
            Assert.NotNull(root);
            string folder = Path.Combine(root!.FullName, "src", "MatomoPS", "bin", configuration, "netstandard2.0");
            Assert.True(Directory.Exists(folder), $"{folder} is missing: build the solution first.");
            return folder;
        }
    }
}
