using System;
using System.Net.Http;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>What the session takes from its surroundings: the clock, and how every client it creates is set up.</summary>
    internal sealed class MatomoSessionSettings
    {
        public MatomoSessionSettings(Func<DateTimeOffset> now, Action<MatomoClientOptions>? configureClient = null,
            Func<MatomoClientOptions, HttpMessageHandler>? createHandler = null)
        {
            Now = now ?? throw new ArgumentNullException(nameof(now));
            ConfigureClient = configureClient;
            CreateHandler = createHandler;
        }

        /// <summary>The machine's clock and clients as configured: what users get.</summary>
        public static MatomoSessionSettings Production { get; } = new MatomoSessionSettings(() => DateTimeOffset.UtcNow);

        /// <summary>
        /// The current instant. An instant, not a date: each site's "today" is a day of its own time zone
        /// (<see cref="MatomoTimeZone"/>), which may differ from the machine's.
        /// </summary>
        public Func<DateTimeOffset> Now { get; }

        /// <summary>Adjusts the options of every client the session creates (tests shorten retry pauses with it).</summary>
        public Action<MatomoClientOptions>? ConfigureClient { get; }

        /// <summary>
        /// The HTTP handler of every client the session creates, instead of the client's own: tests answer made-up host
        /// names in process with it, so no name is looked up and nothing leaves this machine.
        /// </summary>
        public Func<MatomoClientOptions, HttpMessageHandler>? CreateHandler { get; }
    }
}
