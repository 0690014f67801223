using Tuner.Ir.Relax.Ops;

namespace Tuner.Ir.Relax.Transforms;

/// <summary>
/// TVM's GraphPartitioner (relay/relax fuse_ops): over the bindings of one dataflow block (topological order),
/// builds the post-dominator tree and fuses in three phases — OutEWiseFusable ops (matmul, conv) with the
/// element-wise chain that post-dominates them; element-wise/broadcast ops into an injective or reduction
/// post-dominator; injective ops together (phase 1); injective ops into tuples (phase 2). Returns each node's group root.
/// </summary>
internal sealed class GraphPartitioner
{
    public sealed class Node(int index, OpPattern pattern, bool externRef)
    {
        public int Index { get; } = index;
        public OpPattern Pattern { get; } = pattern;
        public bool ExternRef { get; } = externRef;
        public List<(Node Node, OpPattern Pattern)> Outputs { get; } = [];
    }

    private sealed class Group(OpPattern pattern, bool anchor)
    {
        public Group? Parent;
        public OpPattern Pattern = pattern;
        public bool Anchor = anchor;
        public int NumNodes = 1;
        public Group Root() { var g = this; while (g.Parent is not null) g = g.Parent; return g; }
    }

    private sealed class DomNode
    {
        public DomNode? Parent;
        public int Depth;
        public OpPattern Pattern;
        public Node? GNode;
    }

    private readonly List<Node> _nodes;
    private readonly int _maxDepth;
    private readonly Group[] _groups;
    private readonly DomNode[] _dom;
    private readonly HashSet<Node> _visited = [];

    public GraphPartitioner(List<Node> nodes, int maxFuseDepth)
    {
        _nodes = nodes;
        _maxDepth = maxFuseDepth;
        _groups = nodes.Select(n => new Group(n.Pattern, n.Pattern == OpPattern.OutEWiseFusable)).ToArray();
        _dom = new DomNode[nodes.Count];
        for (int i = nodes.Count - 1; i >= 0; i--) _dom[i] = MakeDom(nodes[i]);
    }

    private static OpPattern Combine(OpPattern a, OpPattern b) => (OpPattern)Math.Max((int)a, (int)b);

    private DomNode MakeDom(Node n)
    {
        var d = new DomNode { GNode = n };
        if (n.ExternRef || n.Outputs.Count == 0) { d.Depth = 1; d.Pattern = OpPattern.Opaque; return d; }
        var pattern = OpPattern.ElemWise;
        DomNode? parent = _dom[n.Outputs[0].Node.Index];
        pattern = Combine(pattern, n.Outputs[0].Pattern);
        for (int k = 1; k < n.Outputs.Count; k++)
        {
            parent = Lca(parent, _dom[n.Outputs[k].Node.Index], ref pattern);
            pattern = Combine(pattern, n.Outputs[k].Pattern);
        }
        d.Parent = parent;
        d.Depth = parent is null ? 1 : parent.Depth + 1;
        d.Pattern = pattern;
        return d;
    }

    private static DomNode? Lca(DomNode? l, DomNode? r, ref OpPattern pattern)
    {
        while (l != r)
        {
            if (l is null || r is null) return null;
            if (l.Depth < r.Depth) { pattern = Combine(pattern, r.Pattern); r = r.Parent; }
            else if (r.Depth < l.Depth) { pattern = Combine(pattern, l.Pattern); l = l.Parent; }
            else { pattern = Combine(Combine(pattern, l.Pattern), r.Pattern); l = l.Parent; r = r.Parent; }
        }
        return l;
    }

    /// <summary>Runs the three phases; returns for each node the index of its group's representative.</summary>
    public int[] Partition()
    {
        for (int phase = 0; phase < 3; phase++) RunFuse(phase);
        var roots = _groups.Select(g => g.Root()).ToList();
        return roots.Select(r => Array.IndexOf(_groups, r)).ToArray();
    }

    private void RunFuse(int phase)
    {
        for (int nid = 0; nid < _nodes.Count; nid++)
        {
            var node = _nodes[nid];
            var dom = _dom[nid];
            var group = _groups[nid];
            if (group.Pattern == OpPattern.Opaque || dom.Parent is null) continue;
            var sink = dom.Parent.GNode!;
            var parentGroup = _groups[sink.Index];
            if (group.Root().NumNodes + parentGroup.Root().NumNodes > _maxDepth) continue;
            if (phase == 2)
            {
                if (group.Pattern > OpPattern.Injective) continue;
                var domRoot = parentGroup.Root();
                if (domRoot.Pattern == OpPattern.Tuple) continue;
                if (parentGroup.Pattern == OpPattern.Tuple && domRoot.Pattern <= OpPattern.Injective
                    && CheckPath(node, sink, (k, _) => k <= OpPattern.Injective))
                    CommitFuse(node, sink);
                continue;
            }
            if (group.Root() == parentGroup.Root()) continue;
            if (parentGroup.Pattern == OpPattern.Tuple) continue;
            if (group.Pattern == OpPattern.OutEWiseFusable)
            {
                if (phase != 0) continue;
                if (dom.Pattern == OpPattern.ElemWise && CheckPath(node, sink, (k, _) => k <= OpPattern.Broadcast))
                    CommitFuse(node, sink);
            }
            else if (group.Pattern <= OpPattern.Broadcast)
            {
                if ((dom.Pattern <= OpPattern.Injective || dom.Pattern == OpPattern.CommReduce)
                    && CheckPath(node, sink, (k, isSink) => !isSink ? k <= OpPattern.Injective
                        : k <= OpPattern.Broadcast || k is OpPattern.CommReduce or OpPattern.Injective or OpPattern.OutEWiseFusable))
                    CommitFuse(node, sink);
            }
            else if (group.Pattern is OpPattern.Injective or OpPattern.Tuple)
            {
                if (phase != 1) continue;
                if (CheckPath(node, sink, (k, _) => k <= OpPattern.Injective)) CommitFuse(node, sink);
            }
        }
    }

    private bool CheckPath(Node src, Node sink, Func<OpPattern, bool, bool> cond)
    {
        _visited.Clear();
        return src.Outputs.All(o => CheckPathRec(o.Node, sink, cond));
    }

    private bool CheckPathRec(Node src, Node sink, Func<OpPattern, bool, bool> cond)
    {
        if (!_visited.Add(src)) return true;
        if (!cond(_groups[src.Index].Root().Pattern, src == sink)) return false;
        if (src == sink) return true;
        return src.Outputs.All(o => CheckPathRec(o.Node, sink, cond));
    }

    private void CommitFuse(Node src, Node sink)
    {
        var target = _groups[sink.Index];
        _visited.Clear();
        CommitFuseRec(src, sink, target);
    }

    private void CommitFuseRec(Node src, Node sink, Group target)
    {
        if (src == sink || !_visited.Add(src)) return;
        Merge(_groups[src.Index], target);
        foreach (var o in src.Outputs) CommitFuseRec(o.Node, sink, target);
    }

    private static void Merge(Group child, Group parent)
    {
        child = child.Root();
        parent = parent.Root();
        if (child == parent) return;
        parent.NumNodes += child.NumNodes;
        child.Parent = parent;
        if (child.Anchor)
        {
            parent.Anchor = true;
            parent.Pattern = Combine(child.Pattern, parent.Pattern);
        }
    }
}
