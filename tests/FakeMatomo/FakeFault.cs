using System;

namespace FakeMatomo
{
    /// <summary>
    /// A scripted misbehaviour: the proxies, gateways and hiccups that stand between real clients and Matomo.
    /// A fault applies to the requests <see cref="When"/> picks, <see cref="Times"/> times (then the server behaves).
    /// </summary>
    public sealed class FakeFault
    {
        /// <summary>Which requests the fault hits; all of them by default.</summary>
        public Func<FakeRequestRecord, bool> When { get; set; } = _ => true;

        /// <summary>How many requests the fault hits before it is used up; 0 or less for every matching request.</summary>
        public int Times { get; set; } = 1;

        /// <summary>Wait this long before answering (a slow archive, a hung proxy).</summary>
        public TimeSpan Delay { get; set; }

        /// <summary>Answer with this status instead of Matomo's answer.</summary>
        public int? Status { get; set; }

        /// <summary>A <c>Retry-After</c> header: seconds (<c>"2"</c>) or an HTTP date.</summary>
        public string? RetryAfter { get; set; }

        /// <summary>Answer with this HTML page (a proxy's or Matomo's maintenance page).</summary>
        public string? Html { get; set; }

        /// <summary>Answer with this text as JSON instead of Matomo's answer (a malformed or unexpected answer).</summary>
        public string? Body { get; set; }

        /// <summary>
        /// Put a byte that is never UTF-8 (0xFF) right after the first place this text is in the answer (Matomo's, or
        /// <see cref="Body"/>), as a proxy that garbles a character does: after <c>"name":"</c> it garbles a value, inside a key the key.
        /// </summary>
        public string? InvalidUtf8After { get; set; }

        /// <summary>Send only the first half of the real answer, then close the connection.</summary>
        public bool Truncate { get; set; }

        /// <summary>Close the connection without any answer.</summary>
        public bool Drop { get; set; }

        /// <summary>In a bulk answer, put Matomo's error with this message into slot <see cref="BulkSlot"/>.</summary>
        public string? BulkSlotError { get; set; }

        public int BulkSlot { get; set; }

        private int _used;

        internal bool TryUse(FakeRequestRecord request)
        {
            if (!When(request)) return false;
            if (Times <= 0) return true;
            return System.Threading.Interlocked.Increment(ref _used) <= Times;
        }
    }
}
