using System.Numerics.Tensors;
using Obrador.Recommendations.Data;

namespace Obrador.Recommendations.Algorithms;

/// <summary>Implicit-feedback matrix factorisation by alternating least squares with a conjugate-gradient solver.</summary>
/// <remarks>
/// Y. Hu, Y. Koren, C. Volinsky, "Collaborative Filtering for Implicit Feedback Datasets", ICDM 2008: minimise
/// Σ_ui c_ui (p_ui − x_uᵀ y_i)² + λ(Σ‖x_u‖² + Σ‖y_i‖²) with p_ui = [r_ui &gt; 0] and c_ui = 1 + α r_ui (eq. 3); each
/// half-step solves (YᵀY + Yᵀ(C_u − I)Y + λI) x_u = Yᵀ C_u p_u (eq. 4) using the precomputed YᵀY. Following
/// G. Takács, I. Pilászy, D. Tikk, "Applications of the conjugate gradient method for implicit feedback
/// collaborative filtering", RecSys 2011, the system is not factorised: a few conjugate-gradient steps warm-started
/// from the previous x_u replace the O(f³) solve, costing O(f·n_u + f²) per step. Users (then items) are solved in
/// parallel; each solve reads only the other side's factors, so the result does not depend on thread scheduling.
/// </remarks>
public sealed class AlsRecommender : IRecommender
{
    private readonly AlsOptions _options;
    private InteractionMatrix? _data;
    private float[] _userFactors = [];
    private float[] _itemFactors = [];
    private float[] _itemFactorsByFactor = [];

    /// <summary>Creates the recommender.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Invalid options.</exception>
    public AlsRecommender(AlsOptions? options = null)
    {
        _options = options ?? new AlsOptions();
        _options.Validate();
    }

    /// <inheritdoc />
    public string Name => "als";

    /// <inheritdoc />
    public bool HandlesColdUsers => false;

    /// <summary>User factors, row-major users × f (after <see cref="Fit"/>).</summary>
    public ReadOnlySpan<float> UserFactors => _userFactors;

    /// <summary>Item factors, row-major items × f (after <see cref="Fit"/>).</summary>
    public ReadOnlySpan<float> ItemFactors => _itemFactors;

    /// <inheritdoc />
    public void Fit(InteractionMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var f = _options.Factors;
        var random = new Random(_options.Seed);
        var users = new float[data.UserCount * f];
        var items = new float[data.ItemCount * f];

        // Small random item factors; user factors start at zero and are solved first.
        for (var k = 0; k < items.Length; k++)
        {
            items[k] = (float)((random.NextDouble() - 0.5) * 0.1);
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism ?? -1 };
        for (var iteration = 0; iteration < _options.Iterations; iteration++)
        {
            Sweep(data.UserItems, users, items, parallel);
            Sweep(data.ItemUsers, items, users, parallel);
        }

        _userFactors = users;
        _itemFactors = items;
        _itemFactorsByFactor = Transpose(items, data.ItemCount, f);
        _data = data;
    }

    /// <inheritdoc />
    public void ScoreUser(int user, Span<float> scores)
    {
        if (_data is null)
        {
            throw new InvalidOperationException("Call Fit first.");
        }

        var f = _options.Factors;
        ScoreAll(_userFactors.AsSpan(user * f, f), scores);
    }

    /// <summary>Folds a basket in as a new user (one least-squares solve against the item factors), then scores it.</summary>
    public void ScoreItems(ReadOnlySpan<int> items, ReadOnlySpan<float> weights, Span<float> scores)
    {
        if (_data is null)
        {
            throw new InvalidOperationException("Call Fit first.");
        }

        var f = _options.Factors;
        var gram = Gram(_itemFactors, f);
        var x = new float[f];
        Solve(items, weights, _itemFactors, gram, x, steps: Math.Max(_options.ConjugateGradientSteps, f / 4));
        ScoreAll(x, scores);
    }

    /// <summary>scores = Y x as f long SIMD axpy passes over the factor-major copy of Y (faster than one short dot per item).</summary>
    private void ScoreAll(ReadOnlySpan<float> x, Span<float> scores)
    {
        var n = _data!.ItemCount;
        var target = scores[..n];
        target.Clear();
        for (var a = 0; a < x.Length; a++)
        {
            TensorPrimitives.MultiplyAdd(_itemFactorsByFactor.AsSpan(a * n, n), x[a], target, target);
        }
    }

    private static float[] Transpose(float[] rowMajor, int rows, int columns)
    {
        var result = new float[rowMajor.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                result[(c * rows) + r] = rowMajor[(r * columns) + c];
            }
        }

        return result;
    }

    private void Sweep(CsrMatrix rows, float[] solve, float[] fixedFactors, ParallelOptions parallel)
    {
        var f = _options.Factors;
        var gram = Gram(fixedFactors, f);
        Parallel.For(0, rows.RowCount, parallel, r =>
            Solve(rows.RowIndices(r), rows.RowValues(r), fixedFactors, gram, solve.AsSpan(r * f, f), _options.ConjugateGradientSteps));
    }

    /// <summary>YᵀY + λI as a dense row-major f×f matrix.</summary>
    /// <remarks>
    /// Rows are cut into a fixed number of chunks (not one per thread), each chunk sums rank-1 updates with SIMD in
    /// float, and chunks are merged in order in double, so the result is the same on any number of cores.
    /// </remarks>
    private float[] Gram(float[] factors, int f)
    {
        const int Chunks = 16;
        var n = factors.Length / f;
        var partial = new float[Chunks][];
        Parallel.For(0, Chunks, c =>
        {
            var local = new float[f * f];
            var end = (int)((long)n * (c + 1) / Chunks);
            for (var r = (int)((long)n * c / Chunks); r < end; r++)
            {
                var y = factors.AsSpan(r * f, f);
                for (var a = 0; a < f; a++)
                {
                    var row = local.AsSpan(a * f, f);
                    TensorPrimitives.MultiplyAdd(y, y[a], row, row);
                }
            }

            partial[c] = local;
        });

        var sum = new double[f * f];
        foreach (var local in partial)
        {
            for (var k = 0; k < sum.Length; k++)
            {
                sum[k] += local[k];
            }
        }

        var result = new float[f * f];
        for (var k = 0; k < sum.Length; k++)
        {
            result[k] = (float)sum[k];
        }

        for (var a = 0; a < f; a++)
        {
            result[(a * f) + a] += (float)_options.Regularization;
        }

        return result;
    }

    /// <summary>A few CG steps on (YᵀY + λI + Σ_i (c_i − 1) y_i y_iᵀ) x = Σ_i c_i y_i, warm-started from x.</summary>
    private void Solve(ReadOnlySpan<int> idx, ReadOnlySpan<float> values, float[] y, float[] gram, Span<float> x, int steps)
    {
        var f = x.Length;
        var alpha = (float)_options.Alpha;
        Span<float> r = stackalloc float[f];
        Span<float> p = stackalloc float[f];
        Span<float> ap = stackalloc float[f];

        // r = b − A x
        MatVec(gram, x, r);
        TensorPrimitives.Negate(r, r);
        for (var k = 0; k < idx.Length; k++)
        {
            var yi = y.AsSpan(idx[k] * f, f);
            var c = 1f + (alpha * values[k]);
            var coefficient = c - ((c - 1f) * TensorPrimitives.Dot(yi, x));
            TensorPrimitives.MultiplyAdd(yi, coefficient, r, r);
        }

        r.CopyTo(p);
        var rsOld = TensorPrimitives.Dot(r, r);
        for (var step = 0; step < steps && rsOld > 1e-20f; step++)
        {
            MatVec(gram, p, ap);
            for (var k = 0; k < idx.Length; k++)
            {
                var yi = y.AsSpan(idx[k] * f, f);
                TensorPrimitives.MultiplyAdd(yi, alpha * values[k] * TensorPrimitives.Dot(yi, p), ap, ap);
            }

            var denominator = TensorPrimitives.Dot(p, ap);
            if (!(denominator > 0))
            {
                break;
            }

            var a = rsOld / denominator;
            TensorPrimitives.MultiplyAdd(p, a, x, x);
            TensorPrimitives.MultiplyAdd(ap, -a, r, r);
            var rsNew = TensorPrimitives.Dot(r, r);
            TensorPrimitives.MultiplyAdd(p, rsNew / rsOld, r, p);
            rsOld = rsNew;
        }
    }

    private static void MatVec(float[] matrix, ReadOnlySpan<float> v, Span<float> result)
    {
        var f = v.Length;
        for (var a = 0; a < f; a++)
        {
            result[a] = TensorPrimitives.Dot(matrix.AsSpan(a * f, f), v);
        }
    }
}
