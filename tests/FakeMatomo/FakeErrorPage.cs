using System.Net;

namespace FakeMatomo
{
    /// <summary>
    /// The HTML error page Matomo 5 sends when it fails before the API runs (a token it does not accept, an address
    /// locked out for too many failed logins) and the request did not name <c>module=API</c> and <c>method</c> in
    /// its query string: a page titled "Matomo › Error" with the message in an <c>h2</c>, whatever <c>format</c> says.
    /// </summary>
    public static class FakeErrorPage
    {
        public const string ContentType = "text/html; charset=utf-8";

        public static string Render(string message) =>
            "<!DOCTYPE html>\n<html>\n<head>\n\t<meta charset=\"utf-8\">\n\t<meta name=\"robots\" content=\"noindex,nofollow\">\n"
            + "\t<title>Matomo &rsaquo; Error</title>\n</head>\n<body id=\"simple\">\n<div class=\"box\">\n"
            + "\t<div class=\"header\">\n\t\t<h1>An error occurred</h1>\n\t</div>\n"
            + "\t<div class=\"content\"><h2>" + WebUtility.HtmlEncode(message) + "</h2>"
            + "<p><a href=\"javascript:window.history.back();\">Go Back</a> | <a href=\"index.php\">Go to Matomo</a></p></div>\n"
            + "</div>\n</body>\n</html>\n";
    }
}
