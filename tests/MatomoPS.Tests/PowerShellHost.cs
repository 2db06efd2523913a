using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace MatomoPS.Tests
{
    /// <summary>A runspace with MatomoPS imported, and every stream of the last command kept for assertions.</summary>
    public sealed class PowerShellHost : IDisposable
    {
        private readonly Runspace _runspace;

        /// <summary>A runspace with MatomoPS imported whose commands use <paramref name="session"/> (by default, the process's, as a user's do).</summary>
        internal PowerShellHost(MatomoSession? session = null)
        {
            _runspace = OpenRunspace(session);
        }

        /// <summary>A runspace with MatomoPS imported, its commands using <paramref name="session"/> when given; the caller disposes it.</summary>
        internal static Runspace OpenRunspace(MatomoSession? session)
        {
            var state = InitialSessionState.CreateDefault2();
            state.ImportPSModule(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(typeof(GetMatomoVisitsCommand).Assembly.Location)!, "MatomoPS.psd1"));
            var runspace = RunspaceFactory.CreateRunspace(state);
            if (session != null) MatomoSession.Use(runspace, session);
            runspace.Open();
            return runspace;
        }

        public Collection<PSObject> Output { get; private set; } = new Collection<PSObject>();
        public List<ErrorRecord> Errors { get; } = new List<ErrorRecord>();
        public List<string> Verbose { get; } = new List<string>();
        public List<string> Debug { get; } = new List<string>();
        public List<string> Warnings { get; } = new List<string>();
        public List<string> Information { get; } = new List<string>();
        public List<ProgressRecord> Progress { get; } = new List<ProgressRecord>();

        /// <summary>Runs a script; a terminating error lands in <see cref="Errors"/> like a non-terminating one.</summary>
        public Collection<PSObject> Run(string script, IDictionary<string, object?>? variables = null)
        {
            using var shell = PowerShell.Create();
            shell.Runspace = _runspace;
            foreach (var variable in variables ?? new Dictionary<string, object?>())
                _runspace.SessionStateProxy.SetVariable(variable.Key, variable.Value);
            shell.AddScript(script);
            Errors.Clear(); Verbose.Clear(); Debug.Clear(); Warnings.Clear(); Information.Clear(); Progress.Clear();
            try
            {
                Output = shell.Invoke();
            }
            catch (RuntimeException error)
            {
                Output = new Collection<PSObject>();
                Errors.Add(error.ErrorRecord);
            }
            Errors.AddRange(shell.Streams.Error);
            Verbose.AddRange(shell.Streams.Verbose.Select(record => record.Message));
            Debug.AddRange(shell.Streams.Debug.Select(record => record.Message));
            Warnings.AddRange(shell.Streams.Warning.Select(record => record.Message));
            Information.AddRange(shell.Streams.Information.Select(record => record.ToString()));
            Progress.AddRange(shell.Streams.Progress);
            return Output;
        }

        /// <summary>Starts a script, presses Ctrl+C (Stop) once <paramref name="started"/> is true, and returns the final state.</summary>
        public PSInvocationState RunAndStop(string script, Func<bool> started)
        {
            using var shell = PowerShell.Create();
            shell.Runspace = _runspace;
            shell.AddScript(script);
            var running = shell.BeginInvoke();
            while (!started() && !running.IsCompleted) System.Threading.Thread.Sleep(10);
            shell.Stop();
            try { shell.EndInvoke(running); } catch (PipelineStoppedException) { }
            return shell.InvocationStateInfo.State;
        }

        /// <summary>Everything a user could see from the last command, as one text: output, errors and every stream.</summary>
        public string EverythingShown()
        {
            var parts = new List<string>();
            parts.AddRange(Output.Select(item => item?.ToString() ?? string.Empty));
            parts.AddRange(Output.Where(item => item != null).Select(item => string.Join(";", item.Properties.Select(p => p.Name + "=" + SafeValue(p)))));
            parts.AddRange(Errors.Select(error => error.ToString() + "|" + error.Exception + "|" + error.ErrorDetails?.Message + "|" + error.TargetObject));
            parts.AddRange(Verbose);
            parts.AddRange(Debug);
            parts.AddRange(Warnings);
            parts.AddRange(Information);
            parts.AddRange(Progress.Select(record => record.Activity + " " + record.StatusDescription + " " + record.CurrentOperation));
            return string.Join("\n", parts);
        }

        private static string SafeValue(PSPropertyInfo property)
        {
            try { return property.Value?.ToString() ?? string.Empty; }
            catch (Exception error) { return error.Message; }
        }

        public void Dispose() => _runspace.Dispose();
    }
}
