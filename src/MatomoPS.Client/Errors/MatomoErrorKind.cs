namespace MatomoPS.Client
{
    /// <summary>What kind of failure a <see cref="MatomoException"/> reports; callers map it to their own categories.</summary>
    public enum MatomoErrorKind
    {
        /// <summary>The token is missing, wrong, expired, or was refused where it was sent.</summary>
        Authentication,
        /// <summary>
        /// The server locks this address out after too many failed logins (Matomo's brute-force detection): every
        /// request is refused, with a valid token too, until the lockout ends or an administrator lifts it. Never retried.
        /// </summary>
        LockedOut,
        /// <summary>The token is valid but may not see the requested site or resource.</summary>
        Access,
        /// <summary>Matomo refused the request itself (bad period, date, method, segment, metric not enabled).</summary>
        InvalidRequest,
        /// <summary>A failure that may heal on its own: overload, gateway errors, dropped connections.</summary>
        Transient,
        /// <summary>No answer within the time allowed for one request (a long archiving run, an overloaded server); retried.</summary>
        Timeout,
        /// <summary>
        /// The invalid-answer kind: the answer was not what the Matomo API answers, or cannot be read. A web page or an
        /// empty answer instead of JSON, a status Matomo does not send, an answer cut off (retried) or badly compressed,
        /// and an answer that looks like JSON but cannot be read (bytes that are not UTF-8, malformed JSON, an unexpected
        /// shape, a period missing, twice or not asked for, a negative count; see <see cref="MatomoException.IsUnreadableAnswer"/>).
        /// </summary>
        Protocol,
        /// <summary>The server's TLS certificate was not accepted (untrusted, expired, wrong host); a retry cannot heal it.</summary>
        Certificate,
        /// <summary>The server's host name does not resolve; a retry cannot heal it (a temporary resolver failure is <see cref="Transient"/>).</summary>
        HostNotFound,
        /// <summary>An https address whose server did not answer with TLS: it may speak plain http.</summary>
        NoTls,
        /// <summary>Matomo is in maintenance mode (an upgrade, a configured pause); retried, as maintenance ends.</summary>
        Maintenance,
        /// <summary>Matomo cannot reach its database; retried, as a database restart heals it.</summary>
        DatabaseUnavailable,
        /// <summary>The server failed (HTTP 500) for another reason, such as a PHP error; see the server's error log.</summary>
        ServerError,
        /// <summary>
        /// A segment the server has not processed: with browser-triggered archiving off, Matomo reports only the
        /// segments of its segment editor marked as pre-processed.
        /// </summary>
        SegmentNotProcessed,
        /// <summary>
        /// The server redirected the request to an address the token may not follow to (another host, port or scheme);
        /// nothing was sent there. Never retried: connect to the address the server names instead.
        /// </summary>
        Redirect,
        /// <summary>The answer is larger than <see cref="MatomoClientOptions.MaxAnswerBytes"/>; it was not read further, and is not retried.</summary>
        AnswerTooLarge,
    }
}
