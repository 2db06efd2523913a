using System;
using System.Globalization;

namespace MatomoPS.Bench
{
    /// <summary>
    /// Measurements bench/scripts/Bench.ps1 needs from inside .NET:
    /// <c>MatomoPS.Bench parse [--series 50] [--years 10] [--runs 5]</c> (series),
    /// <c>MatomoPS.Bench report [--rows 100] [--years 10] [--runs 5]</c> (report rows per CPU second),
    /// <c>MatomoPS.Bench report-memory [--rows 100] [--years 10] [--whole 1]</c> (memory of one read, in parts or whole).
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length == 0 || (args[0] != "parse" && args[0] != "report" && args[0] != "report-memory"))
            {
                Console.Error.WriteLine("Usage: MatomoPS.Bench parse|report|report-memory [--series 50] [--rows 100] [--years 10] [--runs 5] [--whole 1]");
                return 2;
            }
            int series = 50, years = 10, runs = 5, rows = 100, whole = 0;
            for (int i = 1; i + 1 < args.Length; i += 2)
            {
                int value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                switch (args[i])
                {
                    case "--series": series = value; break;
                    case "--years": years = value; break;
                    case "--runs": runs = value; break;
                    case "--rows": rows = value; break;
                    case "--whole": whole = value; break;
                    default:
                        Console.Error.WriteLine($"Unknown option {args[i]}");
                        return 2;
                }
            }
            return args[0] switch
            {
                "report" => ReportBenchmark.Rate(years, rows, runs),
                "report-memory" => ReportBenchmark.Memory(years, rows, whole != 0),
                _ => ParseBenchmark.Run(series, years, runs),
            };
        }
    }
}
