using System.Text.RegularExpressions;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// What -Language takes: a primary tag of two or three letters, then optional parts of letters and digits after
    /// <c>-</c> or <c>_</c> (<c>de</c>, <c>pt-BR</c>, <c>zh_Hans</c>), as BCP 47 writes them and sites name their language
    /// folders. A word or a phrase would silently count nothing, so it is refused before any request. (The client itself
    /// takes any text and encodes it safely.)
    /// </summary>
    internal static class MatomoLanguageCode
    {
        private static readonly Regex Form = new Regex("^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$", RegexOptions.CultureInvariant);

        /// <summary>True when <paramref name="text"/> has the form of a language code.</summary>
        public static bool IsCode(string text) => Form.IsMatch(text);

        /// <summary>The code, trimmed.</summary>
        /// <exception cref="MatomoArgumentException">The code is empty or not of that form.</exception>
        public static string Check(string? code)
        {
            if (string.IsNullOrWhiteSpace(code)) throw new MatomoArgumentException("A language code is empty or blank.");
            string trimmed = code!.Trim();
            if (!Form.IsMatch(trimmed))
                throw new MatomoArgumentException($"'{code}' is not a language code: give two or three letters, then optional parts after - or _, such as de, pt-BR or zh_Hans.");
            return trimmed;
        }
    }
}
