namespace FakeMatomo
{
    /// <summary>What the double sends back for one HTTP request.</summary>
    public sealed class FakeAnswer
    {
        public FakeAnswer(int status, string contentType, string body, int apiCalls)
        {
            Status = status;
            ContentType = contentType;
            Body = body;
            ApiCalls = apiCalls;
        }

        public int Status { get; }
        public string ContentType { get; }
        public string Body { get; }

        /// <summary>API methods run to make this answer (a bulk request runs one per sub-request).</summary>
        public int ApiCalls { get; }
    }
}
