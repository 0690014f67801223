namespace Tuner.Ir.IO;

/// <summary>
/// The header of a .npy file: a Python dict literal such as
/// <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (3, 4), }</c>. A small parser for exactly that
/// grammar (strings, True/False, tuples of integers), keys in any order.
/// </summary>
internal sealed record NpyHeader(string Descr, bool FortranOrder, long[] Shape)
{
    public static NpyHeader Parse(string text, string what)
    {
        var p = new Parser(text, what);
        string? descr = null;
        bool? fortran = null;
        long[]? shape = null;
        p.Expect('{');
        while (!p.TryTake('}'))
        {
            string key = p.String();
            p.Expect(':');
            switch (key)
            {
                case "descr":
                    if (p.Peek() != '\'' && p.Peek() != '"') throw p.Error("structured dtypes are not supported");
                    descr = p.String();
                    break;
                case "fortran_order": fortran = p.Bool(); break;
                case "shape": shape = p.Tuple(); break;
                default: throw p.Error($"unexpected key '{key}'");
            }
            if (!p.TryTake(',')) { p.Expect('}'); break; }
        }
        if (descr is null || fortran is null || shape is null)
            throw new NpyException($"{what}: header lacks {(descr is null ? "descr" : fortran is null ? "fortran_order" : "shape")}: {text.Trim()}");
        return new NpyHeader(descr, fortran.Value, shape);
    }

    private sealed class Parser(string s, string what)
    {
        private int _i;

        public NpyException Error(string msg) => new($"{what}: bad .npy header at column {_i}: {msg}: {s.Trim()}");

        private void Skip() { while (_i < s.Length && char.IsWhiteSpace(s[_i])) _i++; }

        public char Peek() { Skip(); return _i < s.Length ? s[_i] : '\0'; }

        public bool TryTake(char c)
        {
            if (Peek() != c) return false;
            _i++;
            return true;
        }

        public void Expect(char c)
        {
            if (!TryTake(c)) throw Error($"expected '{c}'");
        }

        public string String()
        {
            char q = Peek();
            if (q is not ('\'' or '"')) throw Error("expected a string");
            int end = s.IndexOf(q, _i + 1);
            if (end < 0) throw Error("unterminated string");
            string r = s[(_i + 1)..end];
            _i = end + 1;
            return r;
        }

        public bool Bool()
        {
            Skip();
            if (string.CompareOrdinal(s, _i, "True", 0, 4) == 0) { _i += 4; return true; }
            if (string.CompareOrdinal(s, _i, "False", 0, 5) == 0) { _i += 5; return false; }
            throw Error("expected True or False");
        }

        public long[] Tuple()
        {
            Expect('(');
            var dims = new List<long>();
            while (!TryTake(')'))
            {
                Skip();
                int st = _i;
                while (_i < s.Length && char.IsDigit(s[_i])) _i++;
                // numpy may write Python 2 longs ("3L") in old files.
                if (_i == st || !long.TryParse(s.AsSpan(st, _i - st), out long n)) throw Error("expected a dimension");
                if (_i < s.Length && s[_i] == 'L') _i++;
                dims.Add(n);
                if (!TryTake(',')) { Expect(')'); break; }
            }
            return dims.ToArray();
        }
    }
}
