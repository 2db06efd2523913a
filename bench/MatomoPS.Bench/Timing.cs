using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace MatomoPS.Bench
{
    /// <summary>What repeated runs of one piece of work took: medians and bests of wall and CPU seconds, bytes allocated by the last run.</summary>
    internal readonly struct Timed
    {
        public Timed(double median, double best, double medianCpu, double bestCpu, long allocated)
        {
            Median = median;
            Best = best;
            MedianCpu = medianCpu;
            BestCpu = bestCpu;
            Allocated = allocated;
        }

        public double Median { get; }
        public double Best { get; }
        public double MedianCpu { get; }
        public double BestCpu { get; }
        public long Allocated { get; }
    }

    internal static class Timing
    {
        /// <summary>
        /// Runs <paramref name="run"/> <paramref name="warmUps"/> times to warm up (each must count <paramref name="expected"/>),
        /// then <paramref name="runs"/> times measured, after a full collection each: wall and CPU seconds (all threads, GC included:
        /// CPU time tells the work apart from waiting for a busy machine) and the bytes allocated.
        /// </summary>
        public static Timed Measure(Func<long> run, long expected, int runs, int warmUps)
        {
            for (int warmUp = 0; warmUp < warmUps; warmUp++)
            {
                long counted = run();
                if (counted != expected) throw new InvalidOperationException($"{counted} were read; the answers hold {expected}.");
            }
            var seconds = new List<double>();
            var cpuSeconds = new List<double>();
            long allocated = 0;
            using var process = Process.GetCurrentProcess();
            for (int i = 0; i < runs; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                long before = GC.GetTotalAllocatedBytes(precise: true);
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                run();
                seconds.Add(clock.Elapsed.TotalSeconds);
                process.Refresh();
                cpuSeconds.Add((process.TotalProcessorTime - cpuBefore).TotalSeconds);
                allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            }
            seconds.Sort();
            cpuSeconds.Sort();
            return new Timed(seconds[seconds.Count / 2], seconds[0], cpuSeconds[cpuSeconds.Count / 2], cpuSeconds[0], allocated);
        }
    }
}
