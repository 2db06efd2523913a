using System;

namespace MatomoPS.Client
{
    /// <summary>One HTTP answer as it came: status, content type, the server's retry hint and the body's bytes.</summary>
    internal sealed class MatomoAnswer
    {
        public MatomoAnswer(int status, string? contentType, TimeSpan? retryAfter, byte[] body)
        {
            Status = status;
            ContentType = contentType;
            RetryAfter = retryAfter;
            Body = body;
        }

        public int Status { get; }
        public string? ContentType { get; }
        public TimeSpan? RetryAfter { get; }
        public byte[] Body { get; }

        public bool IsSuccess => Status >= 200 && Status <= 299;

        /// <summary>True when the content type says JSON (or says nothing, as some proxies do).</summary>
        public bool IsJsonType => string.IsNullOrEmpty(ContentType) || ContentType!.IndexOf("json", StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
