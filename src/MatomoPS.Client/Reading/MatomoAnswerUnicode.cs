using System;
using System.Text;

namespace MatomoPS.Client
{
    /// <summary>
    /// Whether an answer's text is Unicode throughout: valid UTF-8, and every escaped surrogate (PHP writes a character
    /// beyond U+FFFF as a pair, <c>\ud83d\ude00</c>) in its pair. System.Text.Json parses either fault without a word,
    /// then throws an <see cref="InvalidOperationException"/> wherever that text is read (a key, a label, a site's name,
    /// or only when a report row is written). Checked once, when an answer arrives, every reader after it may read any text.
    /// </summary>
    internal static class MatomoAnswerUnicode
    {
        // Throws at the first byte that is not UTF-8. Its scan of valid text is the runtime's vectorised one, so on a
        // report of many megabytes it costs a small part of what parsing costs; an exception is thrown only for a fault.
        private static readonly UTF8Encoding Strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        private static readonly byte[] UnicodeEscape = { (byte)'\\', (byte)'u' };

        /// <summary>What is wrong with the answer's text, for a message ("has ... at byte N: '...'"); null when nothing is.</summary>
        public static string? Fault(byte[] body)
        {
            try
            {
                Strict.GetCharCount(body);
            }
            catch (DecoderFallbackException error)
            {
                int at = Math.Max(0, Math.Min(error.Index, body.Length - 1));
                return $"has bytes that are not UTF-8 at byte {at}: {Around(body, at)}";
            }
            int lone = LoneSurrogate(body);
            return lone < 0 ? null : $"has half of an escaped surrogate pair at byte {lone}: {Around(body, lone)}";
        }

        /// <summary>
        /// Where the first escaped surrogate without its other half is, or -1. Only <c>\u</c> escapes are looked at (the
        /// answer's characters beyond ASCII), not the many <c>\/</c> of its URLs.
        /// </summary>
        private static int LoneSurrogate(byte[] body)
        {
            var text = new ReadOnlySpan<byte>(body);
            for (int at = text.IndexOf(UnicodeEscape); at >= 0;)
            {
                int next = at + 2;
                // "\\u" is an escaped backslash and a letter u: the escape starts only after an even run of backslashes.
                if (IsEscape(text, at) && TryHex(text, at + 2, out int unit))
                {
                    next = at + 6;
                    if (unit >= 0xDC00 && unit <= 0xDFFF) return at;
                    if (unit >= 0xD800 && unit <= 0xDBFF)
                    {
                        if (!(next + 1 < text.Length && text[next] == (byte)'\\' && text[next + 1] == (byte)'u'
                            && TryHex(text, next + 2, out int low) && low >= 0xDC00 && low <= 0xDFFF))
                            return at;
                        next += 6;
                    }
                }
                int found = next < text.Length ? text.Slice(next).IndexOf(UnicodeEscape) : -1;
                at = found < 0 ? -1 : next + found;
            }
            return -1;
        }

        private static bool IsEscape(ReadOnlySpan<byte> text, int backslash)
        {
            int run = 0;
            for (int i = backslash - 1; i >= 0 && text[i] == (byte)'\\'; i--) run++;
            return run % 2 == 0;
        }

        private static bool TryHex(ReadOnlySpan<byte> text, int at, out int value)
        {
            value = 0;
            if (at + 4 > text.Length) return false;
            for (int i = at; i < at + 4; i++)
            {
                int c = text[i], digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (digit < 0) return false;
                value = value * 16 + digit;
            }
            return true;
        }

        /// <summary>The answer around a place, quoted, with what does not decode shown as U+FFFD.</summary>
        private static string Around(byte[] body, int at)
        {
            int start = Math.Max(0, at - 40);
            return "'" + MatomoExceptions.Quote(Encoding.UTF8.GetString(body, start, Math.Min(body.Length - start, 80))) + "'";
        }
    }
}
