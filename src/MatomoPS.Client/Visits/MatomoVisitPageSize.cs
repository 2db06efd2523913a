using System;

namespace MatomoPS.Client
{
    /// <summary>
    /// The page size of a visit log read: it starts at the size asked for, halves when the server fails on a page that
    /// large (out of memory or time), and doubles back towards the size asked for after <see cref="GrowAfter"/> good pages.
    /// </summary>
    internal sealed class MatomoVisitPageSize
    {
        /// <summary>The good pages in a row after which a shrunk page size doubles again.</summary>
        public const int GrowAfter = 4;

        private readonly int _asked;
        private int _goodPages;

        public MatomoVisitPageSize(int asked)
        {
            if (asked < 1) throw new MatomoArgumentException($"A page of {asked} visits holds none; give a page size of 1 or more.");
            _asked = asked;
            Current = asked;
        }

        /// <summary>The visits to ask for in the next request.</summary>
        public int Current { get; private set; }

        /// <summary>Halves the page size; false when it is 1 already and cannot shrink.</summary>
        public bool TryShrink()
        {
            if (Current <= 1) return false;
            Current = Math.Max(1, Current / 2);
            _goodPages = 0;
            return true;
        }

        /// <summary>A page came back: after enough of them a shrunk size doubles, never beyond the size asked for. True when it grew.</summary>
        public bool Succeeded()
        {
            if (Current >= _asked || ++_goodPages < GrowAfter) return false;
            Current = Math.Min(_asked, Current * 2);
            _goodPages = 0;
            return true;
        }
    }
}
