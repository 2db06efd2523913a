using System;
using System.Globalization;
using System.IO;
using System.Threading;

namespace FakeMatomo
{
    /// <summary>
    /// Runs the double as a process (for Pester, the demo and the benchmark):
    /// <c>FakeMatomo [--port N] [--latency-ms N] [--call-cost-ms N] [--workers N] [--today yyyy-MM-dd] [--url-file path] [--stop-on-stdin-close true]</c>.
    /// Prints the base URL, then serves until the process is stopped (or stdin closes, when asked).
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            int port = 0, latency = 0, cost = 0, workers = 0;
            DateTime? today = null;
            string? urlFile = null;
            bool stopOnStdinClose = false;
            for (int i = 0; i + 1 < args.Length; i += 2)
            {
                string value = args[i + 1];
                switch (args[i])
                {
                    case "--port": port = int.Parse(value, CultureInfo.InvariantCulture); break;
                    case "--latency-ms": latency = int.Parse(value, CultureInfo.InvariantCulture); break;
                    case "--call-cost-ms": cost = int.Parse(value, CultureInfo.InvariantCulture); break;
                    case "--workers": workers = int.Parse(value, CultureInfo.InvariantCulture); break;
                    case "--today": today = DateTime.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture); break;
                    case "--url-file": urlFile = value; break;
                    case "--stop-on-stdin-close": stopOnStdinClose = value == "true"; break;
                    default:
                        Console.Error.WriteLine($"Unknown option {args[i]}");
                        return 2;
                }
            }

            using var server = FakeMatomoServer.Start(today, port);
            server.Latency = TimeSpan.FromMilliseconds(latency);
            server.CallCost = TimeSpan.FromMilliseconds(cost);
            server.Workers = workers;
            Console.WriteLine(server.BaseUrl);
            Console.Out.Flush();
            if (urlFile != null) File.WriteAllText(urlFile, server.BaseUrl);

            using var stopped = new ManualResetEventSlim();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopped.Set(); };
            AppDomain.CurrentDomain.ProcessExit += (_, _) => stopped.Set();
            if (stopOnStdinClose)
                new Thread(() => { try { while (Console.In.Read() >= 0) { } } catch (Exception) { } stopped.Set(); }) { IsBackground = true }.Start();
            stopped.Wait();
            return 0;
        }
    }
}
