using System;

namespace FakeMatomo
{
    /// <summary>A Matomo API error: becomes <c>{"result":"error","message":...}</c> with the given status.</summary>
    public sealed class FakeApiException : Exception
    {
        public FakeApiException(string message, int status = 200) : base(message) => Status = status;

        public int Status { get; }
    }
}
