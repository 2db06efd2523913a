using System;
using System.Globalization;
using System.IO;
using System.Text.Json;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// The state file of Get-MatomoVisitLog -StatePath: where the last export stopped (the cursor after the last visit
    /// written), for which site and segment. Saved after every page the pipeline took, by writing a new file beside it
    /// and moving it over the old one, so an interrupted run leaves the old state or the new one, never half of one.
    /// It holds no token.
    /// </summary>
    internal sealed class MatomoVisitLogState
    {
        private readonly string _path;

        public MatomoVisitLogState(string path) => _path = path;

        /// <summary>Refuses a state file whose folder does not exist, before any request: the first save would fail after a page was read.</summary>
        /// <exception cref="MatomoArgumentException">The folder does not exist.</exception>
        public void CheckFolder()
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(_path));
            if (folder != null && !Directory.Exists(folder))
                throw new MatomoArgumentException($"The folder of the state file {_path} does not exist; create it, or give a path in an existing folder.");
        }

        /// <summary>The cursor the file holds for <paramref name="query"/>; null when there is no file yet (a first run).</summary>
        /// <exception cref="MatomoArgumentException">The file cannot be read, or belongs to another site or segment.</exception>
        public MatomoVisitCursor? Load(MatomoVisitLogQuery query)
        {
            if (!File.Exists(_path)) return null;
            string? cursorText, segment;
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(_path));
                var root = document.RootElement;
                cursorText = root.GetProperty("Cursor").GetString();
                segment = root.TryGetProperty("Segment", out var given) ? given.GetString() : string.Empty;
            }
            catch (Exception error) when (error is JsonException || error is System.Collections.Generic.KeyNotFoundException || error is InvalidOperationException || error is IOException || error is UnauthorizedAccessException)
            {
                throw new MatomoArgumentException($"The state file {_path} cannot be read ({error.Message}); give the file an earlier run of Get-MatomoVisitLog -StatePath wrote, or a new path to start from the first day.");
            }
            var cursor = MatomoVisitCursor.Parse(cursorText ?? string.Empty);
            if (cursor.SiteId != query.SiteId)
                throw new MatomoArgumentException($"The state file {_path} is of the visit log of site {cursor.SiteId}, not of site {query.SiteId}; give each site its own state file.");
            if (!string.Equals(segment ?? string.Empty, query.Segment, StringComparison.Ordinal))
                throw new MatomoArgumentException($"The state file {_path} is of the segment '{segment}', not '{query.Segment}'; give each segment its own state file.");
            return cursor;
        }

        /// <summary>Saves <paramref name="cursor"/> as the position after the last visit written.</summary>
        public void Save(MatomoVisitLogQuery query, string cursor, DateTime savedUtc)
        {
            byte[] bytes;
            using (var stream = new MemoryStream())
            {
                using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
                {
                    json.WriteStartObject();
                    json.WriteString("Cursor", cursor);
                    json.WriteNumber("SiteId", query.SiteId);
                    json.WriteString("Segment", query.Segment);
                    json.WriteString("Saved", savedUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                    json.WriteEndObject();
                }
                bytes = stream.ToArray();
            }
            string folder = Path.GetDirectoryName(Path.GetFullPath(_path)) ?? ".";
            string temporary = Path.Combine(folder, "." + Path.GetFileName(_path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    file.Write(bytes, 0, bytes.Length);
                    file.Flush(true);
                }
                if (File.Exists(_path)) File.Replace(temporary, _path, null);
                else File.Move(temporary, _path);
            }
            finally
            {
                if (File.Exists(temporary)) File.Delete(temporary);
            }
        }
    }
}
