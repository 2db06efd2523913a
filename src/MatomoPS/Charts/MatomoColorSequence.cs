using System;
using System.Collections.Generic;

namespace MatomoPS.Charts
{
    /// <summary>
    /// Colours beyond the fixed palette, each as far as possible from every colour before it: the next colour is
    /// the candidate whose nearest colour already taken (the fixed palette, the total's black, the page's white and
    /// the colours generated so far) is farthest away, measured in CIELAB, where distance follows what eyes see.
    /// The same positions always get the same colours; there are some 2,700 before they repeat.
    /// </summary>
    internal sealed class MatomoColorSequence
    {
        // Candidates: an sRGB grid in steps of 17 (0, 17 ... 255), without the very dark (confused with the total's
        // black) and the very light (lost on the white page).
        private const int Step = 17;
        private const double DarkestL = 35, LightestL = 80;

        private readonly List<(int R, int G, int B)> _candidates = new List<(int R, int G, int B)>();
        private readonly List<(long L, long A, long B)> _lab = new List<(long L, long A, long B)>();
        private readonly long[] _nearest;
        private readonly List<(int R, int G, int B)> _taken = new List<(int R, int G, int B)>();

        public MatomoColorSequence(IEnumerable<(int R, int G, int B)> fixedColors)
        {
            for (int r = 0; r <= 255; r += Step)
                for (int g = 0; g <= 255; g += Step)
                    for (int b = 0; b <= 255; b += Step)
                    {
                        var lab = Lab((r, g, b));
                        if (lab.L < DarkestL * 100 || lab.L > LightestL * 100) continue;
                        _candidates.Add((r, g, b));
                        _lab.Add(lab);
                    }
            _nearest = new long[_candidates.Count];
            for (int i = 0; i < _nearest.Length; i++) _nearest[i] = long.MaxValue;
            var avoid = new List<(int R, int G, int B)>(fixedColors) { (0, 0, 0), (255, 255, 255) };
            foreach (var color in avoid) Take(Lab(color));
        }

        /// <summary>The colour at <paramref name="index"/> (0 is the first after the fixed palette).</summary>
        public (int R, int G, int B) At(int index)
        {
            while (_taken.Count <= index && _taken.Count < _candidates.Count)
            {
                int best = 0;
                for (int i = 1; i < _candidates.Count; i++)
                    if (_nearest[i] > _nearest[best]) best = i;
                _taken.Add(_candidates[best]);
                Take(_lab[best]);
            }
            return _taken[index % _taken.Count];
        }

        private void Take((long L, long A, long B) lab)
        {
            for (int i = 0; i < _lab.Count; i++)
            {
                long dl = _lab[i].L - lab.L, da = _lab[i].A - lab.A, db = _lab[i].B - lab.B;
                long distance = dl * dl + da * da + db * db;
                if (distance < _nearest[i]) _nearest[i] = distance;
            }
        }

        // CIELAB (D65) in hundredths, as whole numbers: distances are then exact, so ties between candidates fall
        // the same way on every machine and runtime.
        private static (long L, long A, long B) Lab((int R, int G, int B) color)
        {
            double r = Linear(color.R), g = Linear(color.G), b = Linear(color.B);
            double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
            double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
            double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
            double fx = F(x), fy = F(y), fz = F(z);
            return (Hundredths(116 * fy - 16), Hundredths(500 * (fx - fy)), Hundredths(200 * (fy - fz)));
        }

        private static double Linear(int channel)
        {
            double c = channel / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        private static double F(double t) => t > 216.0 / 24389 ? Math.Pow(t, 1.0 / 3) : (24389.0 / 27 * t + 16) / 116;

        private static long Hundredths(double value) => (long)Math.Round(value * 100);
    }
}
