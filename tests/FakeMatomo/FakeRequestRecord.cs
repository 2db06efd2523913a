using System.Collections.Generic;

namespace FakeMatomo
{
    /// <summary>What the double received in one HTTP request, kept so tests can check what went over the wire.</summary>
    public sealed class FakeRequestRecord
    {
        public FakeRequestRecord(int number, string httpMethod, string rawQuery, string rawBody, IReadOnlyDictionary<string, string> query,
            IReadOnlyDictionary<string, string> body, IReadOnlyDictionary<string, string> headers)
        {
            Number = number;
            HttpMethod = httpMethod;
            RawQuery = rawQuery;
            RawBody = rawBody;
            Query = query;
            Body = body;
            Headers = headers;
        }

        /// <summary>1 for the first request the server received, 2 for the next...</summary>
        public int Number { get; }
        public string HttpMethod { get; }
        public string RawQuery { get; }
        public string RawBody { get; }
        public IReadOnlyDictionary<string, string> Query { get; }
        public IReadOnlyDictionary<string, string> Body { get; }
        public IReadOnlyDictionary<string, string> Headers { get; }

        /// <summary>The API method named in the query string, if any.</summary>
        public string? ApiMethod => Query.TryGetValue("method", out string? method) ? method : null;

        /// <summary>A parameter as Matomo reads it: the query string wins over the body.</summary>
        public string? Parameter(string name) =>
            Query.TryGetValue(name, out string? value) ? value : Body.TryGetValue(name, out value) ? value : null;
    }
}
