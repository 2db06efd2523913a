using System;

namespace MatomoPS.Tests
{
    /// <summary>The module refuses PowerShell 7 releases whose System.Text.Json is older than the one it needs.</summary>
    public sealed class PlatformTests
    {
        [Theory]
        [InlineData("7.2.0.500")]
        [InlineData("7.3.12.500")]
        public void PowerShell_7_before_7_4_is_refused_with_a_clear_message(string assembly)
        {
            string? refusal = MatomoPlatform.Refusal(isDesktop: false, new Version(assembly));

            Assert.NotNull(refusal);
            Assert.Contains("needs PowerShell 7.4 or later", refusal);
            Assert.Contains($"this is PowerShell {new Version(assembly).ToString(2)}", refusal);
        }

        [Theory]
        [InlineData("7.4.0.500")]
        [InlineData("7.6.0.500")]
        [InlineData("8.0.0.0")]
        public void PowerShell_7_4_and_later_is_accepted(string assembly) =>
            Assert.Null(MatomoPlatform.Refusal(isDesktop: false, new Version(assembly)));

        [Fact]
        public void Windows_PowerShell_5_1_is_accepted() =>
            Assert.Null(MatomoPlatform.Refusal(isDesktop: true, new Version(3, 0, 0, 0)));

        [Fact]
        public void This_PowerShell_imports_the_module() =>
            Assert.Null(MatomoPlatform.Refusal(MatomoModuleInitializer.IsDesktop, typeof(System.Management.Automation.PSObject).Assembly.GetName().Version));
    }
}
