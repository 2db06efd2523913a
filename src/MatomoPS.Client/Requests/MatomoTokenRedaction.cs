using System;
using System.Text;

namespace MatomoPS.Client
{
    /// <summary>
    /// Finds a secret in a text the way a server may echo it: whole, in another case, or in pieces (split by white
    /// space or HTML tags, or cut short where a message is shortened), and hides each piece.
    /// </summary>
    internal static class MatomoTokenRedaction
    {
        private const string Mask = "********";

        /// <summary>
        /// <paramref name="text"/> with every run of at least <paramref name="shortest"/> characters that is a piece of
        /// <paramref name="secret"/> (ignoring case) replaced by asterisks; the longest piece wins at each place.
        /// </summary>
        public static string Hide(string text, string secret, int shortest)
        {
            if (string.IsNullOrEmpty(text) || string.IsNullOrEmpty(secret)) return text;
            int minimum = Math.Min(shortest, secret.Length);
            StringBuilder? hidden = null;
            int copied = 0;
            for (int at = 0; at <= text.Length - minimum;)
            {
                int length = LongestPieceAt(text, at, secret);
                if (length < minimum)
                {
                    at++;
                    continue;
                }
                hidden ??= new StringBuilder(text.Length);
                hidden.Append(text, copied, at - copied).Append(Mask);
                at += length;
                copied = at;
            }
            return hidden == null ? text : hidden.Append(text, copied, text.Length - copied).ToString();
        }

        /// <summary>How many characters of <paramref name="text"/> from <paramref name="at"/> on are a piece of the secret.</summary>
        private static int LongestPieceAt(string text, int at, string secret)
        {
            int longest = 0;
            for (int start = 0; start < secret.Length; start++)
            {
                int length = 0;
                while (at + length < text.Length && start + length < secret.Length
                    && char.ToUpperInvariant(text[at + length]) == char.ToUpperInvariant(secret[start + length]))
                    length++;
                if (length > longest) longest = length;
            }
            return longest;
        }
    }
}
