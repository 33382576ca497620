namespace Course.Clustering;

/// <summary>Edges of a spanning tree: edge t joins points <see cref="From"/>[t] and <see cref="To"/>[t] at <see cref="Weight"/>[t].</summary>
public sealed record SpanningTree(int[] From, int[] To, double[] Weight);
