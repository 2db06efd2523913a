using System.Collections.Generic;

namespace FakeMatomo
{
    /// <summary>
    /// Countries as the realmatomo kit's Matomo finds them without a GeoIP database: from the browser language
    /// (en-US is the United States). Languages without a region here are Matomo's unknown country, <c>xx</c>.
    /// </summary>
    public static class FakeCountries
    {
        public const string Unknown = "xx";

        private static readonly Dictionary<string, (string Code, string Name)> ByLanguage = new Dictionary<string, (string, string)>
        {
            ["en"] = ("us", "United States"), ["de"] = ("de", "Germany"), ["ar"] = ("eg", "Egypt"), ["fa"] = ("ir", "Iran"),
            ["tr"] = ("tr", "Turkey"), ["ru"] = ("ru", "Russia"), ["uk"] = ("ua", "Ukraine"), ["fr"] = ("fr", "France"),
            ["es"] = ("es", "Spain"), ["it"] = ("it", "Italy"), ["pl"] = ("pl", "Poland"), ["ro"] = ("ro", "Romania"),
            ["el"] = ("gr", "Greece"), ["sr"] = ("rs", "Serbia"), ["hr"] = ("hr", "Croatia"), ["bg"] = ("bg", "Bulgaria"),
        };

        /// <summary>The country code for a language code; <c>xx</c> for the others.</summary>
        public static string CodeOf(string language) => ByLanguage.TryGetValue(language, out var country) ? country.Code : Unknown;

        /// <summary>The country's name in Matomo's English, <c>Unknown</c> for <c>xx</c>.</summary>
        public static string NameOf(string code)
        {
            foreach (var country in ByLanguage.Values)
                if (country.Code == code) return country.Name;
            return "Unknown";
        }
    }
}
