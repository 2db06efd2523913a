namespace MatomoPS.Client
{
    /// <summary>What kind of failure a <see cref="MatomoException"/> reports; callers map it to their own categories.</summary>
    public enum MatomoErrorKind
    {
        /// <summary>The token is missing, wrong, expired, or was refused where it was sent.</summary>
        Authentication,
        /// <summary>The token is valid but may not see the requested site or resource.</summary>
        Access,
        /// <summary>Matomo refused the request itself (bad period, date, method, segment, metric not enabled).</summary>
        InvalidRequest,
        /// <summary>A failure that may heal on its own: overload, gateway errors, timeouts, dropped connections.</summary>
        Transient,
        /// <summary>The answer was not what the Matomo API answers (not JSON, truncated, an unexpected shape).</summary>
        Protocol,
        /// <summary>The server's TLS certificate was not accepted (untrusted, expired, wrong host); a retry cannot heal it.</summary>
        Certificate,
    }
}
