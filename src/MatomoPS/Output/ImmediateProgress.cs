using System;

namespace MatomoPS
{
    /// <summary>An <see cref="IProgress{T}"/> that reports at once on the reporting thread (<see cref="Progress{T}"/> posts later, out of order).</summary>
    internal sealed class ImmediateProgress<T> : IProgress<T>
    {
        private readonly Action<T> _report;

        public ImmediateProgress(Action<T> report) => _report = report;

        public void Report(T value) => _report(value);
    }
}
