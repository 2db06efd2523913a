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

        /// <summary>Replaces every occurrence of the token in <paramref name="text"/> with asterisks.</summary>
        internal string Redact(string text) =>
            string.IsNullOrEmpty(text) ? text : Use(token => text.Replace(token, "********"));

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
