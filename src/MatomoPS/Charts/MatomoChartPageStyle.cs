namespace MatomoPS.Charts
{
    /// <summary>The chart page's style sheet: plain system fonts, nothing loaded from outside the page.</summary>
    internal static class MatomoChartPageStyle
    {
        public const string Css = @"body { margin: 0; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif; color: #222; background: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 16px 24px; }
h1 { font-size: 1.4rem; font-weight: 600; margin: 0 0 4px; }
.caption { margin: 0 0 12px; color: #555; font-size: 0.9rem; }
.chart { position: relative; height: 420px; }
.legend { margin-top: 12px; padding: 8px; border: 1px solid #ddd; border-radius: 4px; }
.legend-actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-bottom: 8px; }
.legend-status { color: #555; font-size: 0.85rem; }
.legend ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 2px 10px; max-height: 10rem; overflow-y: auto; }
.legend button { font: inherit; font-size: 0.85rem; color: inherit; background: none; border: 1px solid transparent; border-radius: 3px;
  padding: 2px 6px; cursor: pointer; display: inline-flex; align-items: center; gap: 6px; }
.legend-actions button { border-color: #bbb; background: #f4f4f4; }
.legend button:hover { border-color: #999; }
.legend button:focus-visible { outline: 2px solid #0072b2; outline-offset: 1px; }
.legend li button[aria-pressed='false'] { color: #888; text-decoration: line-through; }
.legend li button[aria-pressed='false'] .swatch { opacity: 0.25; }
.swatch { display: inline-block; flex: none; width: 12px; height: 12px; border-radius: 2px; }
.numbers { margin-top: 24px; overflow-x: auto; }
.numbers:focus-visible { outline: 2px solid #0072b2; }
table { border-collapse: collapse; font-size: 0.85rem; font-variant-numeric: tabular-nums; }
th, td { padding: 3px 10px; border-bottom: 1px solid #ddd; text-align: right; white-space: nowrap; }
thead th { border-bottom: 2px solid #999; }
tbody th, thead th:nth-child(-n+2) { text-align: left; }
tbody th { font-weight: normal; }
td.key { text-align: left; color: #777; }
";
    }
}
