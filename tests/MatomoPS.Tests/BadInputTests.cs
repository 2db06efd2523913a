using System;
using System.Collections.Generic;
using System.Management.Automation;
using FakeMatomo;

namespace MatomoPS.Tests
{
    /// <summary>
    /// The table of bad inputs: each gets its own clear error (ours, or PowerShell's parameter binding error) and
    /// none of them costs a request.
    /// </summary>
    public sealed class BadInputTests : SessionTest
    {
        private const string Ours = "MatomoInvalidArgument";
        private const string Week = "-Start 2025-06-01 -End 2025-06-07";
        public BadInputTests(ServerFixture fixture) : base(fixture)
        {
            Shell.Run("Connect-Matomo -Url $url -Token $secure", SecureVars());
            Assert.Empty(Shell.Errors);
        }

        private Dictionary<string, object?> SecureVars()
        {
            var secure = new System.Security.SecureString();
            foreach (char c in FakeTokens.View) secure.AppendChar(c);
            return new() { ["url"] = Fixture.Server.BaseUrl, ["secure"] = secure };
        }

        // Ten years ahead: after the latest date MatomoPS asks for, whichever year the tests run in.
        private static readonly int TenYears = DateTime.UtcNow.Year + 10;
        private static string Latest => MatomoPS.Client.MatomoDateRange.LatestDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + ", the latest date MatomoPS asks for";

        /// <summary>The command, the start of the error id, its category, and words the message must hold.</summary>
        public static TheoryData<string, string, ErrorCategory, string> Table => new()
        {
            // Dates
            { "Get-MatomoVisits -Start 2025-06-10 -End 2025-06-01", Ours, ErrorCategory.InvalidArgument, "The start 2025-06-10 is after the end 2025-06-01" },
            { "Get-MatomoVisits -Start 1990-01-01 -End 1990-01-31", Ours, ErrorCategory.InvalidArgument, "before 1991-08-06" },
            { "Get-MatomoVisits -Start 'the first of June'", "CannotConvertArgumentNoMessage", ErrorCategory.InvalidArgument, "Start" },
            { "Get-MatomoLanguageVisits -Language de -Start 2025-06-10 -End 2025-06-01", Ours, ErrorCategory.InvalidArgument, "is after the end" },
            // Dates Matomo cuts off (31 December ten years ahead of its clock), refused naming the date as typed
            { "Get-MatomoVisits -Start 9999-12-30 -End 9999-12-31", Ours, ErrorCategory.InvalidArgument, "The start 9999-12-30 is after " + Latest },
            { "Get-MatomoVisits -Start 9999-12-30", Ours, ErrorCategory.InvalidArgument, "The start 9999-12-30 is after " + Latest },
            { $"Get-MatomoVisits -Start {TenYears}-12-30 -End {TenYears + 1}-01-02", Ours, ErrorCategory.InvalidArgument, $"The start {TenYears}-12-30 is after " + Latest },
            { $"Get-MatomoVisits -Start 2025-06-01 -End {TenYears}-01-01", Ours, ErrorCategory.InvalidArgument, $"The end {TenYears}-01-01 is after " + Latest },
            { $"Get-MatomoLanguageVisits -Language de -Start {TenYears}-12-30 -End {TenYears + 1}-01-02", Ours, ErrorCategory.InvalidArgument, $"The start {TenYears}-12-30 is after " + Latest },
            { "Get-MatomoReport Actions.getPageUrls -Period Range -Start 9999-12-30 -End 9999-12-31", Ours, ErrorCategory.InvalidArgument, "The start 9999-12-30 is after " + Latest },
            // A number is not read as ticks: eight digits are yyyyMMdd, others are refused
            { "Get-MatomoVisits -Start 12345 -End 2025-06-01", "ParameterArgumentTransformationError", ErrorCategory.InvalidData, "12345 is a number, not a date" },
            { "Get-MatomoVisits -Start 20231301 -End 2025-06-01", "ParameterArgumentTransformationError", ErrorCategory.InvalidData, "20231301 is a number, not a date" },
            // Periods and metrics
            { $"Get-MatomoVisits -Period Hour {Week}", "CannotConvertArgumentNoMessage", ErrorCategory.InvalidArgument, "Period" },
            { $"Get-MatomoVisits -Period Range {Week}", "ParameterArgumentValidationError", ErrorCategory.InvalidData, "Period" },
            { $"Get-MatomoVisits -Metric Bounces {Week}", "CannotConvertArgumentNoMessage", ErrorCategory.InvalidArgument, "Metric" },
            // Site ids
            { $"Get-MatomoVisits -SiteId 0 {Week}", "ParameterArgumentValidationError", ErrorCategory.InvalidData, "SiteId" },
            { $"Get-MatomoVisits -SiteId -1 {Week}", "ParameterArgumentValidationError", ErrorCategory.InvalidData, "SiteId" },
            { $"Get-MatomoLanguageVisits -Language de -SiteId 0 {Week}", "ParameterArgumentValidationError", ErrorCategory.InvalidData, "SiteId" },
            { "Invoke-MatomoApi -Method VisitsSummary.get -SiteId 0", "ParameterArgumentValidationError", ErrorCategory.InvalidData, "SiteId" },
            { "Invoke-MatomoApi -Method VisitsSummary.get -SiteId 2 -Parameter @{ idSite = 1 }", Ours, ErrorCategory.InvalidArgument, "not both" },
            // URLs
            { "Connect-Matomo -Url matomo.example.org -Token $secure", Ours, ErrorCategory.InvalidArgument, "not an absolute http or https URL" },
            { "Connect-Matomo -Url ftp://matomo.example.org/ -Token $secure", Ours, ErrorCategory.InvalidArgument, "not an absolute http or https URL" },
            { "Connect-Matomo -Url 'https://matomo.example.org/?module=API' -Token $secure", Ours, ErrorCategory.InvalidArgument, "query string" },
            { "Connect-Matomo -Url https://admin:pw@matomo.example.org/ -Token $secure", Ours, ErrorCategory.InvalidArgument, "user name or password" },
            { "Connect-Matomo -Url '' -Token $secure", "ParameterArgumentValidationError", ErrorCategory.InvalidData, "Url" },
            { "Get-MatomoId -Url /relative -Token $secure", Ours, ErrorCategory.InvalidArgument, "not an absolute http or https URL" },
            // Tokens
            { "Connect-Matomo -Url $url -Token ([securestring]::new())", Ours, ErrorCategory.InvalidArgument, "token is empty or blank" },
            { "Connect-Matomo -Url $url -Token (ConvertTo-SecureString '   ' -AsPlainText -Force)", Ours, ErrorCategory.InvalidArgument, "token is empty or blank" },
            { "Get-MatomoId -Url $url -Token ([securestring]::new())", Ours, ErrorCategory.InvalidArgument, "token is empty or blank" },
            { "Connect-Matomo -Url $url -Token $secure -TimeoutSec 0", "ParameterArgumentValidationError", ErrorCategory.InvalidData, "TimeoutSec" },
            { "Connect-Matomo -Url $url -Token $secure -MaxRetries 11", "ParameterArgumentValidationError", ErrorCategory.InvalidData, "MaxRetries" },
            // Segments
            { $"Get-MatomoVisits -Segment pageUrl {Week}", Ours, ErrorCategory.InvalidArgument, "not a condition of the form dimension operator value" },
            { $"Get-MatomoVisits -Segment '=@/de/' {Week}", Ours, ErrorCategory.InvalidArgument, "not a condition" },
            { $"Get-MatomoVisits -Segment 'page url=@/de/' {Week}", Ours, ErrorCategory.InvalidArgument, "not a condition" },
            { $"Get-MatomoVisits -Segment 'pageUrl=@/de/;;browserCode==FF' {Week}", Ours, ErrorCategory.InvalidArgument, "not a condition" },
            { $"Get-MatomoVisits -Segment '' {Week}", "ParameterArgumentValidationError", ErrorCategory.InvalidData, "Segment" },
            { $"Get-MatomoLanguageVisits -Language de -SegmentTemplate 'pageUrl=@/de/' {Week}", Ours, ErrorCategory.InvalidArgument, "has no {0}" },
            { $"Get-MatomoLanguageVisits -Language de -SegmentTemplate 'pageUrl/{{0}}/' {Week}", Ours, ErrorCategory.InvalidArgument, "not a condition" },
            // Languages
            { $"Get-MatomoLanguageVisits -Language '   ' {Week}", Ours, ErrorCategory.InvalidArgument, "language code is empty or blank" },
            { $"Get-MatomoLanguageVisits -Language de, '' {Week}", "ParameterArgumentValidationError", ErrorCategory.InvalidData, "Language" },
            { $"'de', ' ' | Get-MatomoLanguageVisits {Week}", Ours, ErrorCategory.InvalidArgument, "language code is empty or blank" },
            // Any API method
            { "Invoke-MatomoApi -Method getVisits", Ours, ErrorCategory.InvalidArgument, "is not a Matomo API method" },
            { "Invoke-MatomoApi -Method API.getMatomoVersion -Parameter @{ token_auth = 'x' }", Ours, ErrorCategory.InvalidArgument, "set by MatomoPS itself" },
            { "Invoke-MatomoApi -Method API.getMatomoVersion -Parameter @{ format = 'xml' }", Ours, ErrorCategory.InvalidArgument, "set by MatomoPS itself" },
            { "Invoke-MatomoApi -Method API.getMatomoVersion -Parameter @{ 'token_auth[]' = 'x' }", Ours, ErrorCategory.InvalidArgument, "set by MatomoPS itself" },
            { "Invoke-MatomoApi -Method API.getMatomoVersion -Parameter @{ 'TOKEN.AUTH' = 'x' }", Ours, ErrorCategory.InvalidArgument, "set by MatomoPS itself" },
            { "Connect-Matomo -Url $url -Token $secure -MaxAnswerMB 0", "ParameterArgumentValidationError", ErrorCategory.InvalidData, "MaxAnswerMB" },
            // Options that would be ignored or misread in silence (issue 21)
            { $"Get-MatomoVisits -Segment ' ' {Week}", Ours, ErrorCategory.InvalidArgument, "The segment is blank" },
            { "Get-MatomoReport Actions.getPageUrls -Segment '  '", Ours, ErrorCategory.InvalidArgument, "The segment is blank" },
            { $"'english', 'x y' | Get-MatomoLanguageVisits {Week}", Ours, ErrorCategory.InvalidArgument, "'english' is not a language code" },
            { $"Get-MatomoLanguageVisits -Language de, 'x y' {Week}", Ours, ErrorCategory.InvalidArgument, "'x y' is not a language code" },
            { $"Get-MatomoLanguageVisits -Language 'x y' -Source PageReport -Metric Actions {Week}", Ours, ErrorCategory.InvalidArgument, "is not a language code" },
            { "Get-MatomoReport Actions.getPageUrls -Filter '['", Ours, ErrorCategory.InvalidArgument, "is not a valid regular expression" },
            { $"Get-MatomoVisits -Period Range {Week}", "ParameterArgumentValidationError", ErrorCategory.InvalidData, "-Period Range (the whole range as one value) is for Get-MatomoReport" },
            { "Connect-Matomo -Url $url -Token 'plain-text-token'", "ParameterArgumentTransformationError", ErrorCategory.InvalidData, "-Token takes a SecureString, not text" },
            { "Get-MatomoId -Url $url -Token 'plain-text-token'", "ParameterArgumentTransformationError", ErrorCategory.InvalidData, "Read-Host -AsSecureString" },
        };

        [Theory]
        [MemberData(nameof(Table))]
        public void Bad_input_gets_a_clear_error_and_never_reaches_the_server(string script, string errorId, ErrorCategory category, string says)
        {
            int before = Fixture.Server.RequestCount;

            var output = Shell.Run(script, SecureVars());

            Assert.Empty(output);
            var error = Assert.Single(Shell.Errors);
            Assert.StartsWith(errorId, error.FullyQualifiedErrorId);
            Assert.Equal(category, error.CategoryInfo.Category);
            Assert.Contains(says, error.ErrorDetails?.Message ?? error.Exception.Message);
            Assert.Equal(before, Fixture.Server.RequestCount);
        }
    }
}
