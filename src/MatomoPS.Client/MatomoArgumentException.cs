using System;

namespace MatomoPS.Client
{
    /// <summary>
    /// A value a user gave (a date, a site id, a URL, a segment, a token) that the client refuses before any request.
    /// Callers show its message as it is; any other <see cref="ArgumentException"/> is a programming error.
    /// </summary>
    public sealed class MatomoArgumentException : ArgumentException
    {
        /// <summary>A refusal of the user's input, said in a sentence the user can act on.</summary>
        public MatomoArgumentException(string message) : base(message) { }
    }
}
