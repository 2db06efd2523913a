using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace MatomoPS.Client
{
    /// <summary>
    /// The actions of one visit, in order. As text (a CSV cell) it is the actions' addresses joined by <c> | </c>, so a
    /// visit stays one flat row; serialized as JSON it is the list of actions.
    /// </summary>
    public sealed class MatomoVisitActions : IReadOnlyList<MatomoVisitAction>
    {
        private readonly IReadOnlyList<MatomoVisitAction> _actions;

        internal MatomoVisitActions(IReadOnlyList<MatomoVisitAction> actions) => _actions = actions;

        /// <inheritdoc />
        public MatomoVisitAction this[int index] => _actions[index];

        /// <inheritdoc />
        public int Count => _actions.Count;

        /// <inheritdoc />
        public IEnumerator<MatomoVisitAction> GetEnumerator() => _actions.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>The actions' addresses (or titles, for an action without one), joined by <c> | </c>.</summary>
        public override string ToString() => string.Join(" | ", _actions.Select(action => action.Url ?? action.Title ?? action.Type ?? string.Empty));
    }
}
