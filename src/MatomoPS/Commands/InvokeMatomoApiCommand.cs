using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>Invoke-MatomoApi: calls any Matomo API method and returns its JSON as PowerShell objects.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "MatomoApi")]
    [OutputType(typeof(PSObject))]
    public sealed class InvokeMatomoApiCommand : MatomoCmdlet
    {
        /// <summary>The API method, Module.action.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ReportNameCompleter))]
        public string Method { get; set; } = string.Empty;

        /// <summary>The method's parameters.</summary>
        [Parameter(Position = 1)]
        public Hashtable? Parameter { get; set; }

        /// <summary>The site (idSite); default: the connection's site.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        [ArgumentCompleter(typeof(SiteIdCompleter))]
        public int SiteId { get; set; }

        /// <summary>Return Matomo's JSON text as it came.</summary>
        [Parameter]
        public SwitchParameter Raw { get; set; }

        /// <summary>The connections to call (Connect-Matomo -PassThru), also from the pipeline; default: the current connection.</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public MatomoConnection[]? Connection { get; set; }

        /// <summary>Gathers the connections of each pipeline input.</summary>
        protected override Task ProcessRecordAsync()
        {
            Connections.Gather(Connection);
            return Task.CompletedTask;
        }

        /// <inheritdoc />
        protected override object? ErrorTarget => Method;

        /// <summary>Checks the request, then calls it once per connection.</summary>
        protected override Task EndProcessingAsync()
        {
            var parameters = ToParameters(Parameter);
            var request = new MatomoRequest(Method, parameters);
            // Checked before any connection is resolved, so bad input never costs a request.
            if (request.Has("idSite") && SiteId > 0)
                throw new MatomoArgumentException("Give the site either with -SiteId or as idSite in -Parameter, not both.");
            return Connections.ForEachAsync(async connection =>
            {
                var call = request;
                if (!call.Has("idSite"))
                {
                    var withSite = new List<KeyValuePair<string, string>>(parameters);
                    withSite.Insert(0, new KeyValuePair<string, string>("idSite", (SiteId > 0 ? SiteId : connection.DefaultSiteId).ToString(CultureInfo.InvariantCulture)));
                    call = new MatomoRequest(Method, withSite);
                }
                // Converted by the client's call, so an answer PowerShell's objects cannot hold is an invalid answer of that server.
                return await ClientOf(connection).CallAsync<IEnumerable>(call,
                    root => Raw ? new object[] { root.GetRawText() } : JsonToPowerShell.Rows(root).Where(row => row != null).ToList(),
                    Cancellation).ConfigureAwait(false);
            });
        }

        /// <summary>Hashtable entries become form parameters; a list becomes name[0], name[1]... as PHP reads arrays.</summary>
        private static List<KeyValuePair<string, string>> ToParameters(Hashtable? table)
        {
            var result = new List<KeyValuePair<string, string>>();
            if (table == null) return result;
            foreach (DictionaryEntry entry in table)
            {
                string name = entry.Key?.ToString() ?? string.Empty;
                object? value = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
                if (value is IEnumerable items && !(value is string))
                {
                    int index = 0;
                    foreach (object? item in items) result.Add(new KeyValuePair<string, string>($"{name}[{index++}]", Text(item)));
                }
                else
                {
                    result.Add(new KeyValuePair<string, string>(name, Text(value)));
                }
            }
            return result;
        }

        private static string Text(object? value)
        {
            if (value is PSObject wrapped) value = wrapped.BaseObject;
            return value switch
            {
                null => string.Empty,
                bool flag => flag ? "1" : "0",
                DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString() ?? string.Empty,
            };
        }
    }
}
