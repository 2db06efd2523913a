using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using MatomoPS.Client;
using Xunit;

namespace MatomoPS.Client.Tests
{
    /// <summary>
    /// The client speaks of Matomo and its own API, never of PowerShell: advice in PowerShell terms (a parameter, a
    /// command) belongs to the module, which knows how the user called it.
    /// </summary>
    public sealed class ClientWordingTests
    {
        private static readonly Regex PowerShellWords = new Regex(
            @"(^|[\s(])-[A-Z][a-z]+[A-Za-z]*\b|\b(Get|Set|Connect|Disconnect|Invoke|Export|ConvertTo)-[A-Z]|\bcmdlet\b|\$env:|\bPowerShell\b",
            RegexOptions.CultureInvariant);

        private static IEnumerable<string> ClientTexts()
        {
            using var file = File.OpenRead(typeof(MatomoClient).Assembly.Location);
            using var pe = new PEReader(file);
            var metadata = pe.GetMetadataReader();
            var handle = MetadataTokens.UserStringHandle(1);
            while (!handle.IsNil)
            {
                yield return metadata.GetUserString(handle);
                handle = MetadataReaderExtensions.GetNextHandle(metadata, handle);
            }
        }

        [Fact]
        public void No_text_of_the_client_names_a_PowerShell_parameter_or_command()
        {
            var texts = ClientTexts().ToList();

            Assert.Contains(texts, text => text.Contains("has an empty segment"));
            Assert.DoesNotContain(texts, text => PowerShellWords.IsMatch(text));
        }
    }
}
