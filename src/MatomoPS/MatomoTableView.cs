using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security.Cryptography;
using System.Text;

namespace MatomoPS
{
    /// <summary>
    /// A table view for the rows of ConvertTo-MatomoTable, whose columns are the series of the input and so cannot be
    /// written into the module's format file. Each set of columns gets its own type name and a view made at run
    /// time (the period's label, then a right-aligned column per series), registered once per runspace the way
    /// Update-FormatData loads a format file. Without it PowerShell would show rows of five or more properties as a list.
    /// </summary>
    internal static class MatomoTableView
    {
        public const string BaseTypeName = "MatomoPS.MatomoTableRow";
        private static readonly object Gate = new object();
        private static readonly HashSet<(Guid Runspace, string TypeName)> Registered = new HashSet<(Guid, string)>();

        /// <summary>The type name of rows with these series columns; the same columns always give the same name.</summary>
        public static string TypeNameFor(IReadOnlyList<string> series)
        {
            using var sha = SHA256.Create();
            byte[] hash = sha.ComputeHash(Encoding.UTF8.GetBytes(string.Join("\n", series)));
            return BaseTypeName + "#" + BitConverter.ToString(hash, 0, 8).Replace("-", string.Empty);
        }

        /// <summary>Makes sure the current runspace shows rows of <paramref name="typeName"/> as a table; false when it cannot.</summary>
        public static bool Ensure(PSCmdlet cmdlet, string typeName, IReadOnlyList<string> series)
        {
            var runspace = Runspace.DefaultRunspace;
            var state = runspace?.InitialSessionState;
            if (runspace == null || state == null) return false;
            lock (Gate)
            {
                if (Registered.Contains((runspace.InstanceId, typeName))) return true;
                try
                {
                    state.Formats.Add(new SessionStateFormatEntry(Definition(typeName, series)));
                    cmdlet.InvokeCommand.InvokeScript("Update-FormatData");
                }
                catch (Exception error) when (error is RuntimeException || error is InvalidOperationException || error is NotSupportedException)
                {
                    // A constrained session may not reload its formats: the rows are the same, only shown as a list.
                    cmdlet.WriteVerbose($"No table view for ConvertTo-MatomoTable's rows in this session: {error.Message}");
                    return false;
                }
                Registered.Add((runspace.InstanceId, typeName));
                return true;
            }
        }

        private static ExtendedTypeDefinition Definition(string typeName, IReadOnlyList<string> series)
        {
            var table = TableControl.Create(false, false, false).AddHeader(Alignment.Left, 0, "Label");
            foreach (string name in series) table = table.AddHeader(Alignment.Right, 0, name);
            var row = table.StartRowDefinition(false, null, null).AddPropertyColumn("Label", Alignment.Undefined, null);
            foreach (string name in series) row = row.AddPropertyColumn(name, Alignment.Undefined, null);
            var views = new List<FormatViewDefinition> { new FormatViewDefinition(typeName, row.EndRowDefinition().EndTable()) };
            return new ExtendedTypeDefinition(typeName, views);
        }
    }
}
