using System;
using System.Globalization;

namespace MatomoPS.Bench
{
    /// <summary>
    /// Measurements build/Bench.ps1 needs from inside .NET:
    /// <c>MatomoPS.Bench parse [--series 50] [--years 10] [--runs 5]</c>.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length == 0 || args[0] != "parse")
            {
                Console.Error.WriteLine("Usage: MatomoPS.Bench parse [--series 50] [--years 10] [--runs 5]");
                return 2;
            }
            int series = 50, years = 10, runs = 5;
            for (int i = 1; i + 1 < args.Length; i += 2)
            {
                int value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                switch (args[i])
                {
                    case "--series": series = value; break;
                    case "--years": years = value; break;
                    case "--runs": runs = value; break;
                    default:
                        Console.Error.WriteLine($"Unknown option {args[i]}");
                        return 2;
                }
            }
            return ParseBenchmark.Run(series, years, runs);
        }
    }
}
