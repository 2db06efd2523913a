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
            var record = MatomoErrors.Record(new MatomoException(kind, "What happened.", "API.getMatomoVersion", null, 1, false, null, null, null), "target", new MatomoErrors.Context("Get-MatomoVisits", false));

            Assert.Equal(id, record.FullyQualifiedErrorId);
            Assert.Equal(category, record.CategoryInfo.Category);
            Assert.Equal("target", record.TargetObject);
            Assert.Equal("What happened.", record.ErrorDetails.Message);
            Assert.False(string.IsNullOrWhiteSpace(record.ErrorDetails.RecommendedAction));
        }
    }
}
