namespace Tuner.Ir.Interp;

/// <summary>Expressions: dispatch by node into integer (<see cref="I"/>) or float (<see cref="F"/>) closures; casts.</summary>
internal sealed partial class Compiler
{
    /// <summary>
    /// Compiles an integer or bool expression, lane <paramref name="lane"/> of it when it is a vector
    /// (a scalar expression ignores the lane). The closure returns the value normalised to its width.
    /// </summary>
    public Func<Env, long> I(Expr e, int lane)
    {
        var t = e.Dtype.Element;
        if (t.IsFloat) throw new InterpreterException($"internal: float expression compiled as integer: {ExprText.Of(e)}");
        switch (e)
        {
            case IntImm c:
                {
                    long v = Values.Wrap(t, c.Value);
                    return _ => v;
                }
            case Var v:
                {
                    int s = VarSlot(v, lane);
                    return env => env.I[s];
                }
            case Cast c: return CastToInt(c.Value, t, lane);
            case Binary b: return b.Op.YieldsBool() ? Predicate(b, lane) : IntArith(b, lane);
            case Not n:
                {
                    var x = I(n.Value, lane);
                    return env => x(env) == 0 ? 1 : 0;
                }
            case Select s:
                {
                    var c = Cond(s.Condition, lane);
                    var a = IAs(s.TrueValue, lane, t);
                    var b = IAs(s.FalseValue, lane, t);
                    return env =>
                    {
                        // Both branches are evaluated (TVM's Select is eager); an out-of-bounds branch is an error.
                        long cv = c(env), av = a(env), bv = b(env);
                        return cv != 0 ? av : bv;
                    };
                }
            case BufferLoad l: return LoadI(l, lane);
            case Call c: return CallI(c, lane);
            case Ramp r:
                {
                    var b = I(r.Base, 0);
                    var st = I(r.Stride, 0);
                    long k = lane;
                    return env => Values.Wrap(t, b(env) + k * st(env));
                }
            case Broadcast b: return I(b.Value, 0);
            case Let l:
                {
                    var bind = LetBinding(l.Var, l.Value, lane);
                    var saved = BindVar(l.Var, out int slot);
                    var set = bind(slot);
                    var body = I(l.Body, lane);
                    Restore(saved);
                    return env => { set(env); return body(env); };
                }
            default: throw new InterpreterException($"cannot interpret expression {e.GetType().Name} of type {e.Dtype}: {ExprText.Of(e)}");
        }
    }

    /// <summary>Compiles a float expression (lane <paramref name="lane"/> of a vector); results are rounded to the type's width.</summary>
    public Func<Env, double> F(Expr e, int lane)
    {
        var t = e.Dtype.Element;
        if (!t.IsFloat) throw new InterpreterException($"internal: non-float expression compiled as float: {ExprText.Of(e)}");
        switch (e)
        {
            case FloatImm c:
                {
                    double v = Values.Round(t, c.Value);
                    return _ => v;
                }
            case Var v:
                {
                    int s = VarSlot(v, lane);
                    return env => env.F[s];
                }
            case Cast c: return CastToFloat(c.Value, t, lane);
            case Binary b: return FloatArith(b, lane);
            case Select s:
                {
                    var c = Cond(s.Condition, lane);
                    var a = FAs(s.TrueValue, lane, t);
                    var b = FAs(s.FalseValue, lane, t);
                    return env =>
                    {
                        long cv = c(env);
                        double av = a(env), bv = b(env);
                        return cv != 0 ? av : bv;
                    };
                }
            case BufferLoad l: return LoadF(l, lane);
            case Call c: return CallF(c, lane);
            case Ramp r:
                {
                    var b = F(r.Base, 0);
                    var st = F(r.Stride, 0);
                    double k = lane;
                    return env => Values.Round(t, b(env) + k * st(env));
                }
            case Broadcast b: return F(b.Value, 0);
            case Let l:
                {
                    var bind = LetBinding(l.Var, l.Value, lane);
                    var saved = BindVar(l.Var, out int slot);
                    var set = bind(slot);
                    var body = F(l.Body, lane);
                    Restore(saved);
                    return env => { set(env); return body(env); };
                }
            case IntImm:
                throw new InterpreterException($"integer constant with float type {e.Dtype}: {ExprText.Of(e)}");
            default: throw new InterpreterException($"cannot interpret expression {e.GetType().Name} of type {e.Dtype}: {ExprText.Of(e)}");
        }
    }

    /// <summary>A condition (bool, or any integer/float compared with zero) as 0/1.</summary>
    private Func<Env, long> Cond(Expr e, int lane)
    {
        if (e.Dtype.IsFloat)
        {
            var f = F(e, lane);
            return env => f(env) != 0 ? 1 : 0;
        }
        if (e.Dtype.Element.IsBool) return I(e, lane);
        var x = I(e, lane);
        return env => x(env) != 0 ? 1 : 0;
    }

    /// <summary>
    /// Compiles the value of a Let/LetStmt (evaluated in the enclosing scope, before the variable is bound);
    /// the result, given the variable's slot, stores lane <paramref name="lane"/> of the value.
    /// </summary>
    private Func<int, Action<Env>> LetBinding(Var v, Expr value, int lane)
    {
        int l = v.Type.Lanes == 1 ? 0 : lane;
        if (v.Type.IsFloat)
        {
            var f = FAs(value, lane, v.Type.Element);
            return slot => { int s = slot + l; return env => env.F[s] = f(env); };
        }
        var x = IAs(value, lane, v.Type.Element);
        return slot => { int s = slot + l; return env => env.I[s] = x(env); };
    }

    /// <summary>Compiles <paramref name="e"/> converted to integer/bool type <paramref name="t"/> (C conversion semantics).</summary>
    private Func<Env, long> IAs(Expr e, int lane, DataType t) =>
        e.Dtype.Element == t ? I(e, lane) : CastToInt(e, t, lane);

    /// <summary>Compiles <paramref name="e"/> converted to float type <paramref name="t"/>.</summary>
    private Func<Env, double> FAs(Expr e, int lane, DataType t) =>
        e.Dtype.Element == t ? F(e, lane) : CastToFloat(e, t, lane);

    private Func<Env, long> CastToInt(Expr value, DataType t, int lane)
    {
        var from = value.Dtype.Element;
        if (from.IsFloat)
        {
            var f = F(value, lane);
            return env => Values.FloatToInt(t, f(env));
        }
        var x = I(value, lane);
        if (t.IsBool) return env => x(env) != 0 ? 1 : 0;
        if (from == t || (t.Bits == 64 && from.Bits <= 64 && !from.IsBool) || (from.IsBool)) return x;
        return (t.Code, t.Bits) switch
        {
            (TypeCode.Int, 8) => env => (sbyte)x(env),
            (TypeCode.Int, 16) => env => (short)x(env),
            (TypeCode.Int, 32) => env => (int)x(env),
            (TypeCode.UInt, 8) => env => (byte)x(env),
            (TypeCode.UInt, 16) => env => (ushort)x(env),
            (TypeCode.UInt, 32) => env => (uint)x(env),
            _ => x,
        };
    }

    private Func<Env, double> CastToFloat(Expr value, DataType t, int lane)
    {
        var from = value.Dtype.Element;
        if (from.IsFloat)
        {
            var f = F(value, lane);
            if (from.Bits <= t.Bits) return f; // widening is exact
            return t.Bits == 32 ? env => (float)f(env) : env => (double)(Half)f(env);
        }
        var x = I(value, lane);
        return env => Values.IntToFloat(from, t, x(env));
    }
}
