namespace Obrador.FinOps.Labelling;

/// <summary>A sparse feature vector: sorted distinct indexes and their values (L2-normalised by the featurizer).</summary>
/// <param name="Indexes">Feature indexes, ascending.</param>
/// <param name="Values">Values aligned with <paramref name="Indexes"/>.</param>
internal sealed record SparseVector(int[] Indexes, double[] Values);
