using System.Management.Automation;
using MatomoPS.Client;

namespace MatomoPS.Tests
{
    /// <summary>Every kind of client failure gets the error id and category the README's table promises, and advice.</summary>
    public sealed class ErrorMappingTests
    {
        [Theory]
        [InlineData(MatomoErrorKind.Authentication, "MatomoAuthenticationFailed", ErrorCategory.AuthenticationError)]
        [InlineData(MatomoErrorKind.Access, "MatomoAccessDenied", ErrorCategory.PermissionDenied)]
        [InlineData(MatomoErrorKind.InvalidRequest, "MatomoInvalidRequest", ErrorCategory.InvalidArgument)]
        [InlineData(MatomoErrorKind.Transient, "MatomoUnavailable", ErrorCategory.ConnectionError)]
        [InlineData(MatomoErrorKind.Protocol, "MatomoInvalidResponse", ErrorCategory.InvalidResult)]
        [InlineData(MatomoErrorKind.Certificate, "MatomoCertificateRejected", ErrorCategory.SecurityError)]
        [InlineData(MatomoErrorKind.Timeout, "MatomoTimeout", ErrorCategory.OperationTimeout)]
        [InlineData(MatomoErrorKind.HostNotFound, "MatomoHostNotFound", ErrorCategory.ObjectNotFound)]
        [InlineData(MatomoErrorKind.NoTls, "MatomoNoTls", ErrorCategory.ProtocolError)]
        [InlineData(MatomoErrorKind.LockedOut, "MatomoLockedOut", ErrorCategory.SecurityError)]
        [InlineData(MatomoErrorKind.Maintenance, "MatomoMaintenance", ErrorCategory.ResourceUnavailable)]
        [InlineData(MatomoErrorKind.DatabaseUnavailable, "MatomoDatabaseUnavailable", ErrorCategory.ResourceUnavailable)]
        [InlineData(MatomoErrorKind.ServerError, "MatomoServerError", ErrorCategory.ResourceUnavailable)]
        [InlineData(MatomoErrorKind.SegmentNotProcessed, "MatomoSegmentNotProcessed", ErrorCategory.ResourceUnavailable)]
        public void Each_kind_has_its_error_id_category_and_advice(MatomoErrorKind kind, string id, ErrorCategory category)
        {
            var record = MatomoErrorRecords.Record(new MatomoException(kind, "What happened.", "API.getMatomoVersion", null, 1, false, null, null, null), "target", new MatomoErrorRecords.Context("Get-MatomoVisits", false));

            Assert.Equal(id, record.FullyQualifiedErrorId);
            Assert.Equal(category, record.CategoryInfo.Category);
            Assert.Equal("target", record.TargetObject);
            Assert.Equal("What happened.", record.ErrorDetails.Message);
            Assert.False(string.IsNullOrWhiteSpace(record.ErrorDetails.RecommendedAction));
        }

        [Theory]
        [InlineData("SitesManager.updateSite", null, "Please specify a value for 'siteName'.", "Change the parameter Matomo's message names")]
        [InlineData("VisitsSummary.get", "segment of the app", "The date 'yesterday2' is not valid.", "Check the dates")]
        [InlineData("SegmentEditor.add", null, "The plugin Foo is not enabled.", "The plugin is not active")]
        [InlineData("VisitsSummary.getUniqueVisitors", null, "The metric nb_uniq_visitors is not enabled for the requested period.", "-Period Month")]
        public void Advice_reads_Matomos_own_words_not_the_method_or_series_around_them(string method, string? series, string said, string advice)
        {
            var failures = new MatomoExceptions(MatomoToken.FromPlainText("0123456789abcdef0123456789abcdef"));
            var error = failures.Single(MatomoErrorClassifier.OfServerError(method, 200, said));
            if (series != null) error = failures.ForSeries(error, series);

            var record = MatomoErrorRecords.Record(error, "target", new MatomoErrorRecords.Context("Invoke-MatomoApi", false));

            Assert.Equal(MatomoErrorKind.InvalidRequest, error.Kind);
            Assert.Equal(said, error.ServerMessage);
            Assert.Contains(advice, record.ErrorDetails.RecommendedAction);
        }
    }
}
