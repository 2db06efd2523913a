namespace FakeMatomo
{
    /// <summary>One synthetic visit: what the double's segments and metrics are computed from.</summary>
    public sealed class FakeVisit
    {
        public FakeVisit(int visitorId, string? userId, string languageCode, string browserCode, string[] pageUrls, int lengthSeconds)
        {
            VisitorId = visitorId;
            UserId = userId;
            LanguageCode = languageCode;
            BrowserCode = browserCode;
            PageUrls = pageUrls;
            LengthSeconds = lengthSeconds;
        }

        public int VisitorId { get; }
        public string? UserId { get; }
        public string LanguageCode { get; }
        public string BrowserCode { get; }
        public string[] PageUrls { get; }
        public int Actions => PageUrls.Length;
        public int LengthSeconds { get; }
    }
}
