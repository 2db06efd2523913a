namespace FakeMatomo
{
    /// <summary>The tokens the double knows. Test values only; none of them exists on any real server.</summary>
    public static class FakeTokens
    {
        /// <summary>An ordinary token with view access to sites 1, 2 and 3; accepted in the POST body and (being old) in the URL.</summary>
        public const string View = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

        /// <summary>A Matomo 5 secure-only token (sites 1, 2, 3): refused when it appears in the query string.</summary>
        public const string SecureOnly = "5ec0e0a1f00dba11decafbadc0ffee55";

        /// <summary>A token that may view 150 sites, more than the default filter_limit of 100.</summary>
        public const string ManySites = "a11517e5a11517e5a11517e5a11517e5";

        /// <summary>A valid user without access to any site: the site id list is empty.</summary>
        public const string NoSites = "00000000000000000000000000000abc";

        /// <summary>A super user: sees every site, and a site id that does not exist is an ordinary error, not an access error.</summary>
        public const string SuperUser = "5afe5afe5afe5afe5afe5afe5afe0001";

        /// <summary>A user with view access to site 2 only, like the realmatomo kit's <c>viewer</c>.</summary>
        public const string SiteTwoViewer = "00000000000000000000000000000002";
    }
}
