using System;
using System.IO;
using System.Linq;
using MatomoPS.Client;

namespace MatomoPS.Client.Tests
{
    /// <summary>The cache's store on its own: its size bound lets the least recently used entries go first.</summary>
    public sealed class AnswerCacheTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "matomops-store-test-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        }

        private static MatomoCacheKey Key(int n) =>
            new MatomoCacheKey(new Uri("http://127.0.0.1:1/index.php"), 1, "VisitsSummary.getVisits", "segment=", MatomoPeriod.Day, new DateTime(2020, 1, 1).AddDays(n), new DateTime(2020, 1, 1).AddDays(n));

        [Fact]
        public void Beyond_its_bound_the_least_recently_used_entries_go_and_those_read_lately_stay()
        {
            var cache = new MatomoAnswerCache(_folder, maxBytes: 1024 * 1024);
            string value = "\"" + new string('x', 8 * 1024) + "\"";
            for (int n = 0; n < 200; n++) cache.Write(Key(n), value, warn: null);
            // The first ten are read now: they are the most recently used.
            for (int n = 0; n < 10; n++) Assert.True(cache.TryRead(Key(n), out _));

            cache.Trim();

            var info = cache.Info();
            Assert.InRange(info.SizeBytes, 1, 1024 * 1024);
            Assert.True(info.Entries < 200);
            for (int n = 0; n < 10; n++) Assert.True(cache.TryRead(Key(n), out string kept) && kept == value, $"entry {n} read lately is gone");
            Assert.False(cache.TryRead(Key(10), out _));
        }
    }
}
