namespace MatomoPS.Client
{
    /// <summary>What the check of a segment's all-zero series found (see <see cref="MatomoFetchOptions.SegmentZeroCheck"/>).</summary>
    public enum MatomoSegmentFindingKind
    {
        /// <summary>
        /// Matomo's visit log has visits for the segment in the range, so the report's zeros are not counts: the server
        /// never processed the segment (browser-triggered archiving is off there, and the segment is not pre-processed).
        /// </summary>
        NotProcessed,

        /// <summary>The visit log could not be asked (the Live plugin is off, or refused the request): the zeros may or may not be counts.</summary>
        NotChecked,
    }
}
