using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;

namespace MatomoPS.Client
{
    /// <summary>
    /// The local cache of closed periods: one small file per site, question (server, method and every parameter that
    /// changes the answer, never the token) and block of periods (the days or weeks of a month, the months or years of a
    /// year), in a folder only the user may read. Files, not a database:
    /// nothing to load at import, nothing native, the same on PowerShell 7 and Windows PowerShell 5.1, and safe for
    /// several runspaces and processes at once, because an entry is written to a file of its own and renamed into
    /// place (a reader sees the whole entry or none). A damaged entry, or one of another format, is deleted and
    /// counted as a miss, never an error. Beyond the size bound the least recently used entries go first.
    /// </summary>
    public sealed class MatomoAnswerCache
    {
        /// <summary>The format of the entries; entries of another format are dropped.</summary>
        public const int FormatVersion = 1;

        /// <summary>The default size bound: 512 MB.</summary>
        public const long DefaultMaxBytes = 512L * 1024 * 1024;

        /// <summary>The environment variable that names the cache folder.</summary>
        public const string FolderVariable = "MATOMOPS_CACHE";

        private const int WritesBetweenTrims = 512;
        private readonly string _entries;
        private int _warned;
        private int _writes = -1;
        private long _hits, _misses;

        /// <summary>A cache in <paramref name="folder"/>, bounded to <paramref name="maxBytes"/>.</summary>
        /// <param name="folder">The folder; created, readable by the user only, at the first write.</param>
        /// <param name="maxBytes">The most the entries may take.</param>
        public MatomoAnswerCache(string folder, long maxBytes = DefaultMaxBytes)
        {
            if (string.IsNullOrWhiteSpace(folder)) throw new MatomoArgumentException("The cache folder is empty; give a folder path.");
            if (maxBytes < 1024 * 1024) throw new MatomoArgumentException("The cache needs at least 1 MB.");
            Folder = Path.GetFullPath(folder);
            MaxBytes = maxBytes;
            _entries = Path.Combine(Folder, "v" + FormatVersion.ToString(CultureInfo.InvariantCulture));
        }

        /// <summary>The cache folder.</summary>
        public string Folder { get; }

        /// <summary>The size bound.</summary>
        public long MaxBytes { get; }

        /// <summary>False once a write failed: the cache is then read at most.</summary>
        public bool Writable => Volatile.Read(ref _warned) == 0;

        /// <summary>
        /// The user's cache folder: <c>MATOMOPS_CACHE</c> when set, else <c>%LOCALAPPDATA%\MatomoPS</c> on Windows,
        /// <c>$XDG_CACHE_HOME/MatomoPS</c> or <c>~/.cache/MatomoPS</c> elsewhere.
        /// </summary>
        public static string DefaultFolder()
        {
            string? given = Environment.GetEnvironmentVariable(FolderVariable);
            if (!string.IsNullOrWhiteSpace(given)) return given!;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "MatomoPS");
            string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return Path.Combine(!string.IsNullOrWhiteSpace(xdg) ? xdg! : Path.Combine(home, ".cache"), "MatomoPS");
        }

        /// <summary>The value kept for <paramref name="key"/>, as JSON text; false when there is none (or it was damaged).</summary>
        internal bool TryRead(MatomoCacheKey key, out string value)
        {
            value = string.Empty;
            string path = PathOf(key);
            try
            {
                if (!File.Exists(path)) return false;
                using (var document = JsonDocument.Parse(File.ReadAllBytes(path)))
                {
                    var root = document.RootElement;
                    if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.Number
                        && format.GetInt32() == FormatVersion && root.TryGetProperty("key", out var stored) && stored.ValueEquals(key.Text)
                        && root.TryGetProperty("value", out var kept))
                    {
                        value = kept.GetRawText();
                        Touch(path);
                        return true;
                    }
                }
            }
            catch (Exception error) when (error is JsonException || error is IOException || error is UnauthorizedAccessException || error is InvalidOperationException || error is FormatException)
            {
                // Damaged, cut short, or unreadable: dropped below, and asked for again.
            }
            TryDelete(path);
            return false;
        }

        /// <summary>Counts the periods served from the cache and those it lacked, for <see cref="Info"/>.</summary>
        internal void Count(int hits, int misses)
        {
            Interlocked.Add(ref _hits, hits);
            Interlocked.Add(ref _misses, misses);
        }

        /// <summary>
        /// Keeps <paramref name="value"/> (JSON text) for <paramref name="key"/>; an entry that is there already is replaced.
        /// <paramref name="warn"/> hears once per cache when the folder cannot be written (the fetch goes on without the cache).
        /// </summary>
        internal void Write(MatomoCacheKey key, string value, Action<string>? warn)
        {
            if (!Writable) return;
            string path = PathOf(key);
            string temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            try
            {
                CreateFolder(Path.GetDirectoryName(path)!);
                string entry = "{\"format\":" + FormatVersion.ToString(CultureInfo.InvariantCulture)
                    + ",\"server\":" + JsonString(key.Server) + ",\"site\":" + key.SiteId.ToString(CultureInfo.InvariantCulture)
                    + ",\"last\":" + JsonString(key.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                    + ",\"stored\":" + JsonString(DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture))
                    + ",\"key\":" + JsonString(key.Text) + ",\"value\":" + value + "}";
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    OwnerOnly(temporary, false);
                    byte[] bytes = Encoding.UTF8.GetBytes(entry);
                    stream.Write(bytes, 0, bytes.Length);
                }
                if (File.Exists(path)) TryDelete(path);
                File.Move(temporary, path);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another runspace or process put the same entry in place first.
                TryDelete(temporary);
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException || error is NotSupportedException)
            {
                TryDelete(temporary);
                if (Interlocked.Exchange(ref _warned, 1) == 0)
                    warn?.Invoke($"The cache folder {Folder} cannot be written ({error.Message}); going on without the cache. Set {FolderVariable} or Connect-Matomo -CachePath to a folder you may write, or -Cache Off.");
                return;
            }
            if (Interlocked.Increment(ref _writes) % WritesBetweenTrims == 0) Trim();
        }

        /// <summary>
        /// Deletes the entries of <paramref name="server"/> (its API address, as a connection shows it; all when null),
        /// of <paramref name="siteId"/> (all when null), holding periods that began before <paramref name="before"/> (all
        /// when null), and those holding periods that overlap <paramref name="from"/>..<paramref name="to"/> when given.
        /// Returns how many went.
        /// </summary>
        public int Clear(string? server = null, int? siteId = null, DateTime? before = null, DateTime? from = null, DateTime? to = null)
        {
            int removed = 0;
            foreach (var (path, entry) in Entries())
            {
                if (server != null && !string.Equals(entry.Server, MatomoCacheKey.ServerOf(server), StringComparison.OrdinalIgnoreCase)) continue;
                if (siteId.HasValue && entry.SiteId != siteId.Value) continue;
                // A block that began before the day goes whole: asking again for a few periods costs less than serving one stale.
                if (before.HasValue && entry.FirstDay >= before.Value.Date) continue;
                if (from.HasValue && entry.LastDay < from.Value.Date) continue;
                if (to.HasValue && entry.FirstDay > to.Value.Date) continue;
                if (TryDelete(path)) removed++;
            }
            return removed;
        }

        /// <summary>What the cache holds, and its hits and misses in this process.</summary>
        public MatomoCacheInfo Info()
        {
            var files = EntryFiles().ToList();
            return new MatomoCacheInfo
            {
                Path = Folder,
                Writable = Writable,
                Entries = files.Count,
                SizeBytes = files.Sum(file => file.Length),
                MaxSizeBytes = MaxBytes,
                Oldest = files.Count == 0 ? (DateTime?)null : files.Min(file => file.CreationTimeUtc),
                Hits = Interlocked.Read(ref _hits),
                Misses = Interlocked.Read(ref _misses),
            };
        }

        /// <summary>Deletes the least recently used entries until the cache is within its bound.</summary>
        internal void Trim()
        {
            var files = EntryFiles().ToList();
            long size = files.Sum(file => file.Length);
            if (size <= MaxBytes) return;
            foreach (var file in files.OrderBy(file => file.LastAccessTimeUtc))
            {
                if (size <= MaxBytes * 9 / 10) break;
                if (TryDelete(file.FullName)) size -= file.Length;
            }
        }

        private IEnumerable<FileInfo> EntryFiles()
        {
            if (!Directory.Exists(_entries)) return Enumerable.Empty<FileInfo>();
            try
            {
                return new DirectoryInfo(_entries).EnumerateFiles("*.json", SearchOption.AllDirectories).ToList();
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
            {
                return Enumerable.Empty<FileInfo>();
            }
        }

        /// <summary>Each readable entry's file and where it belongs; damaged ones are skipped (and dropped when read for use).</summary>
        private IEnumerable<(string Path, MatomoCacheKey.Header Entry)> Entries()
        {
            foreach (var file in EntryFiles())
            {
                MatomoCacheKey.Header? header = null;
                try
                {
                    using var document = JsonDocument.Parse(File.ReadAllBytes(file.FullName));
                    var root = document.RootElement;
                    header = new MatomoCacheKey.Header(root.GetProperty("server").GetString() ?? string.Empty, root.GetProperty("site").GetInt32(),
                        DateTime.ParseExact(root.GetProperty("last").GetString() ?? string.Empty, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                        MatomoCacheKey.FirstDayOf(root.GetProperty("key").GetString() ?? string.Empty));
                }
                catch (Exception error) when (error is JsonException || error is IOException || error is UnauthorizedAccessException || error is KeyNotFoundException
                    || error is InvalidOperationException || error is FormatException)
                {
                    // Not an entry to select by its header: Clear without a filter still removes it.
                    header = new MatomoCacheKey.Header(string.Empty, 0, DateTime.MinValue, DateTime.MinValue);
                }
                yield return (file.FullName, header);
            }
        }

        private string PathOf(MatomoCacheKey key)
        {
            string hash = key.Hash;
            return Path.Combine(_entries, hash.Substring(0, 2), hash + ".json");
        }

        private void CreateFolder(string folder)
        {
            if (Directory.Exists(folder)) return;
            foreach (string level in new[] { Folder, _entries, folder })
            {
                if (Directory.Exists(level)) continue;
                Directory.CreateDirectory(level);
                OwnerOnly(level, true);
            }
        }

        private static void Touch(string path)
        {
            try
            {
                File.SetLastAccessTimeUtc(path, DateTime.UtcNow);
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
            {
                // A read-only cache keeps its order of use as it is.
            }
        }

        private static bool TryDelete(string path)
        {
            try
            {
                if (!File.Exists(path)) return false;
                File.Delete(path);
                return true;
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
            {
                return false;
            }
        }

        private static string JsonString(string text) => JsonSerializer.Serialize(text);

        /// <summary>On Linux and macOS, a folder (0700) or file (0600) only its owner may read; on Windows the user's profile folders are the user's already.</summary>
        private static void OwnerOnly(string path, bool folder)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return;
            if (UnixChmod(path, folder ? 0x1C0u : 0x180u) != 0)
                throw new IOException($"Could not make {path} readable by its owner only (chmod failed with error {Marshal.GetLastWin32Error()}).");
        }

        [DllImport("libc", EntryPoint = "chmod", SetLastError = true)]
        private static extern int UnixChmod(string path, uint mode);
    }
}
