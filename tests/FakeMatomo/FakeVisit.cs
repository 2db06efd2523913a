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

        /// <summary>
        /// The channel the visit came from: <c>search</c>, <c>social</c>, <c>website</c> or <c>direct</c>. Derived from the
        /// visitor, so the data set's random draws (and every number tests know) stay as they were.
        /// </summary>
        public string ReferrerType => (VisitorId % 4) switch { 0 => "search", 1 => "social", 2 => "website", _ => "direct" };

        /// <summary>The visitor's country from the language, as Matomo guesses it without a GeoIP database (<c>xx</c> when unknown).</summary>
        public string CountryCode => FakeCountries.CodeOf(LanguageCode);

        /// <summary>Seconds on pageview <paramref name="index"/>: the visit's length spread over its pageviews; the last one gets 0, as in Matomo.</summary>
        public int TimeOnPage(int index)
        {
            int gaps = Actions - 1;
            if (index >= gaps) return 0;
            return LengthSeconds / gaps + (index == gaps - 1 ? LengthSeconds % gaps : 0);
        }
    }
}
