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
    /// A table view for rows whose columns are known only at run time, so cannot be written into the module's format
    /// file: ConvertTo-MatomoTable's series, and the main metrics of the report Get-MatomoReport reads. Each set of
    /// columns gets its own type name and a view made at run time (text columns left, numbers right), registered once
    /// per runspace the way Update-FormatData loads a format file. Without it PowerShell would show rows of five or more properties as a list.
    /// </summary>
    internal static class MatomoTableView
    {
        public const string BaseTypeName = "MatomoPS.MatomoTableRow";
        private static readonly object Gate = new object();
        private static readonly HashSet<(Guid Runspace, string TypeName)> Registered = new HashSet<(Guid, string)>();

        /// <summary>The type name of rows with these series columns; the same columns always give the same name.</summary>
        public static string TypeNameFor(IReadOnlyList<string> series) => TypeNameFor(BaseTypeName, series);

        /// <summary>A type name under <paramref name="baseName"/> for rows with these columns; the same columns always give the same name.</summary>
        public static string TypeNameFor(string baseName, IReadOnlyList<string> columns)
        {
            using var sha = SHA256.Create();
            byte[] hash = sha.ComputeHash(Encoding.UTF8.GetBytes(string.Join("\n", columns)));
            return baseName + "#" + BitConverter.ToString(hash, 0, 8).Replace("-", string.Empty);
        }

        /// <summary>
        /// Makes sure the current runspace shows rows of <paramref name="typeName"/> as a table (the label, then the series,
        /// then, when <paramref name="leftOut"/> series are not shown, a column headed <c>+N</c> that says so); false when it cannot.
        /// </summary>
        public static bool EnsureSeries(PSCmdlet cmdlet, string typeName, IReadOnlyList<string> series, int leftOut) =>
            Ensure(cmdlet, typeName, new[] { "Label" }.Concat(series).ToList(), leftAligned: 1, leftOut);

        /// <summary>
        /// Makes sure the current runspace shows rows of <paramref name="typeName"/> as a table of <paramref name="columns"/>,
        /// the first <paramref name="leftAligned"/> of them aligned left (text), the others right (numbers); false when it cannot.
        /// </summary>
        public static bool Ensure(PSCmdlet cmdlet, string typeName, IReadOnlyList<string> columns, int leftAligned, int leftOut = 0)
        {
            var runspace = Runspace.DefaultRunspace;
            var state = runspace?.InitialSessionState;
            if (runspace == null || state == null) return false;
            lock (Gate)
            {
                if (Registered.Contains((runspace.InstanceId, typeName))) return true;
                try
                {
                    state.Formats.Add(new SessionStateFormatEntry(Definition(typeName, columns, leftAligned, leftOut)));
                    cmdlet.InvokeCommand.InvokeScript("Update-FormatData");
                }
                catch (Exception error) when (error is RuntimeException || error is InvalidOperationException || error is NotSupportedException)
                {
                    // A constrained session may not reload its formats: the rows are the same, only shown as a list.
                    cmdlet.WriteVerbose($"No table view for the rows of {cmdlet.MyInvocation.MyCommand.Name} in this session: {error.Message}");
                    return false;
                }
                Registered.Add((runspace.InstanceId, typeName));
                return true;
            }
        }

        private static ExtendedTypeDefinition Definition(string typeName, IReadOnlyList<string> columns, int leftAligned, int leftOut)
        {
            var table = TableControl.Create(false, false, false);
            for (int i = 0; i < columns.Count; i++) table = table.AddHeader(i < leftAligned ? Alignment.Left : Alignment.Right, 0, columns[i]);
            if (leftOut > 0) table = table.AddHeader(Alignment.Left, 0, "+" + leftOut.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var row = table.StartRowDefinition(false, null, null);
            foreach (string name in columns) row = row.AddPropertyColumn(name, Alignment.Undefined, null);
            // The cells under "+N": the series left out are there, for Format-List or Select-Object.
            if (leftOut > 0) row = row.AddScriptBlockColumn("'...'", Alignment.Undefined, null);
            var views = new List<FormatViewDefinition> { new FormatViewDefinition(typeName, row.EndRowDefinition().EndTable()) };
            return new ExtendedTypeDefinition(typeName, views);
        }
    }
}
