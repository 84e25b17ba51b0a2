namespace Obrador.Forecasting.Models.Ets;

/// <summary>
/// An additive-error ETS form in the taxonomy of Hyndman et al. (2008), Table 2.1: trend none/additive/damped
/// × season none/additive. Named ETS(A,N,N), ETS(A,A,N), ETS(A,Ad,N), ETS(A,N,A), ETS(A,A,A), ETS(A,Ad,A).
/// </summary>
public enum EtsForm
{
    /// <summary>ETS(A,N,N): simple exponential smoothing.</summary>
    Ann = 0,

    /// <summary>ETS(A,A,N): Holt's linear trend.</summary>
    Aan = 1,

    /// <summary>ETS(A,Ad,N): damped trend.</summary>
    AadN = 2,

    /// <summary>ETS(A,N,A): level + additive season.</summary>
    Ana = 3,

    /// <summary>ETS(A,A,A): additive Holt-Winters.</summary>
    Aaa = 4,

    /// <summary>ETS(A,Ad,A): additive Holt-Winters with damped trend.</summary>
    AadA = 5,
}
