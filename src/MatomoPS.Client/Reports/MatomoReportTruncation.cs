using System;

namespace MatomoPS.Client
{
    /// <summary>
    /// How Matomo cuts the tables it archives: each report keeps its busiest rows up to a limit set in the server's
    /// <c>config.ini.php</c> (<c>[General] datatable_archiving_maximum_rows_*</c>, with a smaller limit for subtables) and
    /// adds the rest up into one row, <c>Others</c>. The limit applies when a period is archived, so raising it changes
    /// the periods archived afterwards (or invalidated and archived again), not those stored already.
    /// </summary>
    public static class MatomoReportTruncation
    {
        /// <summary>The label of the summary row in Matomo's English answers.</summary>
        public const string OthersLabel = "Others";

        /// <summary>The label of the summary row where Matomo does not translate it (its row id).</summary>
        public const string UntranslatedOthersLabel = "-1";

        /// <summary>The column the flat report adds to a summary row.</summary>
        public const string SummaryMark = "is_summary";

        /// <summary>
        /// The setting that limits the rows of <paramref name="report"/> (<c>Module.action</c>), or of its subtables when
        /// <paramref name="subtable"/>, such as <c>datatable_archiving_maximum_rows_actions</c>.
        /// </summary>
        public static string SettingFor(string report, bool subtable)
        {
            string name = report ?? string.Empty;
            string module = name.Split('.')[0];
            string kind =
                name.StartsWith("Actions.getSiteSearch", StringComparison.OrdinalIgnoreCase) ? "site_search"
                : module.Equals("Actions", StringComparison.OrdinalIgnoreCase) ? "actions"
                : module.Equals("Referrers", StringComparison.OrdinalIgnoreCase) ? "referrers"
                : module.Equals("Events", StringComparison.OrdinalIgnoreCase) ? "events"
                : module.Equals("CustomDimensions", StringComparison.OrdinalIgnoreCase) ? "custom_dimensions"
                : module.Equals("UserId", StringComparison.OrdinalIgnoreCase) ? "userid_users"
                : name.StartsWith("Goals.getItems", StringComparison.OrdinalIgnoreCase) ? "products"
                : "standard";
            // Only these kinds have a subtable limit of their own.
            bool ownSubtableLimit = kind == "actions" || kind == "referrers" || kind == "events" || kind == "custom_dimensions";
            return "datatable_archiving_maximum_rows_" + (subtable && ownSubtableLimit ? "subtable_" : string.Empty) + kind;
        }
    }
}
