using System;
using System.Runtime.InteropServices;
using System.Security;

namespace MatomoPS.Client
{
    /// <summary>
    /// A Matomo <c>token_auth</c> that cannot print itself. The text exists only while a request body is written.
    /// </summary>
    public sealed class MatomoToken
    {
        private readonly SecureString _secret;

        /// <summary>Keeps a copy of <paramref name="secret"/>, read-only.</summary>
        /// <exception cref="MatomoArgumentException">The token is empty or blank.</exception>
        public MatomoToken(SecureString secret)
        {
            if (secret is null) throw new ArgumentNullException(nameof(secret));
            if (IsBlank(secret)) throw new MatomoArgumentException("The Matomo token is empty or blank.");
            _secret = secret.Copy();
            _secret.MakeReadOnly();
        }

        /// <summary>Wraps a token given as text (for tests and callers that already hold plain text).</summary>
        public static MatomoToken FromPlainText(string token)
        {
            if (string.IsNullOrWhiteSpace(token)) throw new MatomoArgumentException("The Matomo token is empty or blank.");
            var secure = new SecureString();
            foreach (char c in token.Trim()) secure.AppendChar(c);
            return new MatomoToken(secure);
        }

        /// <summary>Calls <paramref name="use"/> with the token as text; the text should not outlive the call.</summary>
        internal T Use<T>(Func<string, T> use)
        {
            IntPtr pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(_secret);
                return use(Marshal.PtrToStringUni(pointer, _secret.Length).Trim());
            }
            finally
            {
                if (pointer != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }

        /// <summary>
        /// The shortest piece of the token that is hidden where it stands alone: a server may echo the token in another
        /// case, split by white space or markup, or cut by a message's length limit, and every piece of it is a secret.
        /// Shorter pieces tell an attacker next to nothing, and hiding them would hide ordinary words.
        /// </summary>
        internal const int ShortestHiddenPiece = 6;

        /// <summary>
        /// Replaces the token in <paramref name="text"/> with asterisks: whole or in pieces of at least
        /// <see cref="ShortestHiddenPiece"/> characters, in any case.
        /// </summary>
        internal string Redact(string text) =>
            string.IsNullOrEmpty(text) ? text : Use(token => MatomoTokenRedaction.Hide(text, token, ShortestHiddenPiece));

        /// <summary>Asterisks, never the token.</summary>
        public override string ToString() => "********";

        private static bool IsBlank(SecureString secret)
        {
            if (secret.Length == 0) return true;
            IntPtr pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
                return string.IsNullOrWhiteSpace(Marshal.PtrToStringUni(pointer, secret.Length));
            }
            finally
            {
                if (pointer != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
