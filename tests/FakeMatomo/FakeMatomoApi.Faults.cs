using System.Collections.Generic;
using System.Threading;

namespace FakeMatomo
{
    /// <summary>
    /// The server-side faults of a real Matomo 5.1.2, answered as it answers them (tests/data/realmatomo/faults): its
    /// database down, maintenance mode and the brute-force lockout. Switches, so a test turns a fault on and off again
    /// (a database that comes back while a client retries).
    /// </summary>
    public sealed partial class FakeMatomoApi
    {
        /// <summary>Matomo's message when its database does not answer (MariaDB stopped, its socket gone).</summary>
        public const string DatabaseDownMessage = "SQLSTATE[HY000] [2002] No such file or directory";

        /// <summary>The title (and heading) of Matomo's maintenance page.</summary>
        public const string MaintenanceTitle = "Matomo is undergoing maintenance";

        /// <summary>The words of Matomo's maintenance page under its heading.</summary>
        public const string MaintenanceText = "We will be back up and running again soon, so please try again later. "
            + "Your analytics data will continue to be tracked as normal. Thank you for your patience.";

        private volatile bool _databaseDown;
        private volatile bool _maintenanceMode;

        /// <summary>
        /// Matomo cannot reach its database: every request gets HTTP 500 with the SQLSTATE error, as JSON when module
        /// and method are in the query string, else on Matomo's HTML error page. Turn it off to bring the database back.
        /// </summary>
        public bool DatabaseDown { get => _databaseDown; set => _databaseDown = value; }

        /// <summary><c>[General] maintenance_mode = 1</c>: every request gets HTTP 503 and the maintenance page, before any login.</summary>
        public bool MaintenanceMode { get => _maintenanceMode; set => _maintenanceMode = value; }

        /// <summary>Locks the address out at once, as <see cref="FailedLoginLimit"/> failed logins do.</summary>
        public void LockOut() => Interlocked.Exchange(ref _failedLogins, FailedLoginLimit);

        /// <summary>Lifts the lockout and forgets the failed logins, as <c>./console login:unblock-blocked-ips</c> does.</summary>
        public void Unblock() => Interlocked.Exchange(ref _failedLogins, 0);

        /// <summary>The answer of a server that is in no state to run the API, or null when it is.</summary>
        private FakeAnswer? ServerFault(IReadOnlyDictionary<string, string> query)
        {
            if (MaintenanceMode)
                return new FakeAnswer(503, "text/html; charset=UTF-8", MaintenancePage(), 0);
            return DatabaseDown ? Refusal(query, 500, DatabaseDownMessage) : null;
        }

        private static string MaintenancePage() =>
            "<!DOCTYPE html>\n<html>\n<head>\n\t<meta charset=\"utf-8\">\n\t<meta name=\"robots\" content=\"noindex,nofollow\">\n"
            + $"\t<title>{MaintenanceTitle}</title>\n</head>\n<body id=\"simple\">\n<div class=\"box\">\n"
            + $"\t<div class=\"header\">\n\t\t<h1>{MaintenanceTitle}</h1>\n\t</div>\n"
            + $"\t<div class=\"content\">\n        <p>\n            {MaintenanceText}\n        </p>\n\t</div>\n"
            + "</div>\n</body>\n</html>\n";
    }
}
