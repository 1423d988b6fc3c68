//! Statistics for perf regressions: is a baseline comparison that fails on the means also a
//! significant regression, given the samples?
//!
//! Also the descriptive statistics the perf sources compute from raw samples: mean, sample
//! standard deviation, and percentiles by linear interpolation between closest ranks (numpy's
//! default, Hyndman–Fan type 7).

use crate::threshold::Op;

/// The outcome of a significance check.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// Whether the regression is confirmed (the condition fails).
    pub fails: bool,
    /// How the decision was made, for the report (test, p-value or interval).
    pub note: String,
}

/// Significance level of the one-sided test.
pub const ALPHA: f64 = 0.05;

/// Called when `actual <op> target` does not hold for a `baseline` target and both the current
/// and the baseline metric carry samples. `None`: no statistical view (too few samples); the
/// plain comparison stands.
///
/// Method: Welch's unequal-variances t-test, one-sided. The tolerance is
/// `Δ = target − mean(baseline)` (e.g. `baseline + 5%` gives `Δ = 0.05·mean(baseline)`). For a
/// lower-is-better condition (`<`, `<=`) the regression is confirmed when
/// `mean(current) − mean(baseline) > Δ` at significance level 0.05; for higher-is-better
/// (`>`, `>=`) when `mean(current) − mean(baseline) < Δ`. `==` and `!=` have no direction and
/// get no statistical view.
pub fn confirm_regression(
    op: Op,
    current: &[f64],
    baseline: &[f64],
    target: f64,
) -> Option<Decision> {
    let higher_is_better = op.higher_is_better()?;
    let cur: Vec<f64> = current.iter().copied().filter(|v| v.is_finite()).collect();
    let base: Vec<f64> = baseline.iter().copied().filter(|v| v.is_finite()).collect();
    if cur.len() < 2 || base.len() < 2 || !target.is_finite() {
        return None;
    }
    let (mc, vc) = mean_var(&cur)?;
    let (mb, vb) = mean_var(&base)?;
    let (nc, nb) = (cur.len() as f64, base.len() as f64);
    let tol = target - mb;
    // How far the change goes beyond the tolerance, in the bad direction (> 0: beyond).
    let diff = mc - mb;
    let excess = if higher_is_better {
        tol - diff
    } else {
        diff - tol
    };
    let se2 = vc / nc + vb / nb;
    let rel = |d: f64| {
        if mb != 0.0 {
            format!("{:+.2}%", d / mb.abs() * 100.0)
        } else {
            format!("{d:+.4}")
        }
    };
    if se2 <= 0.0 || !se2.is_finite() {
        // No spread at all: the comparison of the means is exact.
        let fails = excess > 0.0;
        return Some(Decision {
            fails,
            note: format!(
                "Welch's t-test: no variance in either sample; change {} vs tolerance {}: {}",
                rel(diff),
                rel(tol),
                if fails {
                    "regression confirmed"
                } else {
                    "within tolerance"
                }
            ),
        });
    }
    let se = se2.sqrt();
    let t = excess / se;
    let df = welch_df(vc, nc, vb, nb);
    let p = 1.0 - student_t_cdf(t, df);
    let q = student_t_quantile(1.0 - ALPHA / 2.0, df);
    let (lo, hi) = (diff - q * se, diff + q * se);
    let fails = p < ALPHA;
    Some(Decision {
        fails,
        note: format!(
            "Welch's t-test (n = {} vs {}): change {} (95% CI {} to {}) vs tolerance {}; one-sided p = {:.3} {} {ALPHA} (t = {:.2}, df = {:.1}): {}",
            cur.len(),
            base.len(),
            rel(diff),
            rel(lo),
            rel(hi),
            rel(tol),
            p,
            if fails { "<" } else { ">=" },
            t,
            df,
            if fails {
                "significant regression"
            } else {
                "not significant, treated as noise"
            }
        ),
    })
}

/// Mean and unbiased sample variance; `None` for fewer than two values.
pub fn mean_var(xs: &[f64]) -> Option<(f64, f64)> {
    if xs.len() < 2 {
        return None;
    }
    let n = xs.len() as f64;
    let m = xs.iter().sum::<f64>() / n;
    let v = xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1.0);
    Some((m, v))
}

/// The mean; `None` when empty.
pub fn mean(xs: &[f64]) -> Option<f64> {
    (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64)
}

/// Sample standard deviation (n − 1); `None` for fewer than two values.
pub fn stddev(xs: &[f64]) -> Option<f64> {
    mean_var(xs).map(|(_, v)| v.sqrt())
}

/// The `p`-th percentile (0–100) of already sorted values, by linear interpolation between
/// closest ranks: `h = (n − 1)·p/100`, `x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋])`. This is
/// numpy's default (`numpy.percentile(…, method="linear")`, Hyndman–Fan type 7). `None` when empty.
pub fn percentile_sorted(sorted: &[f64], p: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 || !(0.0..=100.0).contains(&p) {
        return None;
    }
    let h = (n - 1) as f64 * p / 100.0;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(n - 1);
    let (a, b) = (*sorted.get(lo)?, *sorted.get(hi)?);
    Some(a + (h - lo as f64) * (b - a))
}

/// Sorts a copy of the finite values (NaN dropped).
pub fn sorted(xs: &[f64]) -> Vec<f64> {
    let mut v: Vec<f64> = xs.iter().copied().filter(|x| x.is_finite()).collect();
    v.sort_by(f64::total_cmp);
    v
}

/// Welch–Satterthwaite degrees of freedom.
fn welch_df(v1: f64, n1: f64, v2: f64, n2: f64) -> f64 {
    let a = v1 / n1;
    let b = v2 / n2;
    let num = (a + b) * (a + b);
    let den = a * a / (n1 - 1.0) + b * b / (n2 - 1.0);
    if den > 0.0 { num / den } else { n1 + n2 - 2.0 }
}

/// ln Γ(x) for x > 0 (Lanczos approximation, g = 7, n = 9; ~15 significant digits).
pub fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection: Γ(x)Γ(1−x) = π / sin(πx).
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).abs().ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut a = C[0];
    let t = x + G + 0.5;
    for (i, c) in C.iter().enumerate().skip(1) {
        a += c / (x + i as f64);
    }
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

/// The regularized incomplete beta function I_x(a, b), by the continued fraction of
/// Numerical Recipes §6.4 (modified Lentz), using the symmetry relation for fast convergence.
pub fn inc_beta(x: f64, a: f64, b: f64) -> f64 {
    if x.is_nan() || a <= 0.0 || b <= 0.0 {
        return f64::NAN;
    }
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let ln_front = ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln();
    let front = ln_front.exp();
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_cf(x, a, b) / a
    } else {
        1.0 - front * beta_cf(1.0 - x, b, a) / b
    }
}

fn beta_cf(x: f64, a: f64, b: f64) -> f64 {
    const TINY: f64 = 1e-300;
    const EPS: f64 = 1e-15;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..=300 {
        let m = m as f64;
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + aa / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + aa / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        let del = d * c;
        h *= del;
        if (del - 1.0).abs() < EPS {
            break;
        }
    }
    h
}

/// The CDF of Student's t distribution with `df` degrees of freedom:
/// `P(T ≤ t) = 1 − ½·I_{df/(df+t²)}(df/2, ½)` for t ≥ 0, and symmetric.
pub fn student_t_cdf(t: f64, df: f64) -> f64 {
    if t.is_nan() || df.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    if t.is_infinite() {
        return if t > 0.0 { 1.0 } else { 0.0 };
    }
    let x = df / (df + t * t);
    let tail = 0.5 * inc_beta(x, df / 2.0, 0.5);
    if t >= 0.0 { 1.0 - tail } else { tail }
}

/// The quantile of Student's t (inverse CDF), by bisection on [`student_t_cdf`].
pub fn student_t_quantile(p: f64, df: f64) -> f64 {
    if !(0.0..=1.0).contains(&p) || df.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    let (mut lo, mut hi) = (-1e6, 1e6);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if student_t_cdf(mid, df) < p {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo < 1e-12 {
            break;
        }
    }
    0.5 * (lo + hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn percentile_is_numpy_linear() {
        // numpy.percentile([1, 2, 3, 4], [0, 25, 50, 95, 100]) == [1, 1.75, 2.5, 3.85, 4]
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(percentile_sorted(&v, 0.0), Some(1.0));
        assert!(close(percentile_sorted(&v, 25.0).unwrap(), 1.75, 1e-12));
        assert!(close(percentile_sorted(&v, 50.0).unwrap(), 2.5, 1e-12));
        assert!(close(percentile_sorted(&v, 95.0).unwrap(), 3.85, 1e-12));
        assert_eq!(percentile_sorted(&v, 100.0), Some(4.0));
        assert_eq!(percentile_sorted(&[7.0], 95.0), Some(7.0));
        assert_eq!(percentile_sorted(&[], 50.0), None);
        // numpy.percentile(range(1, 11), 90) == 9.1
        let v: Vec<f64> = (1..=10).map(f64::from).collect();
        assert!(close(percentile_sorted(&v, 90.0).unwrap(), 9.1, 1e-12));
    }

    #[test]
    fn mean_and_stddev() {
        let v = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0];
        assert_eq!(mean(&v), Some(5.0));
        // sample stddev (n-1): sqrt(32/7)
        assert!(close(stddev(&v).unwrap(), (32.0f64 / 7.0).sqrt(), 1e-12));
        assert_eq!(stddev(&[1.0]), None);
    }

    #[test]
    fn ln_gamma_known_values() {
        assert!(close(ln_gamma(1.0), 0.0, 1e-13));
        assert!(close(ln_gamma(5.0), 24f64.ln(), 1e-12));
        assert!(close(
            ln_gamma(0.5),
            std::f64::consts::PI.sqrt().ln(),
            1e-12
        ));
        assert!(close(ln_gamma(10.5), 13.940_625_219_403_763, 1e-10));
    }

    #[test]
    fn incomplete_beta_known_values() {
        // I_0.5(2, 3) = 11/16; I_x(1, 1) = x; I_0.3(2, 2) = 3x² − 2x³.
        assert!(close(inc_beta(0.5, 2.0, 3.0), 0.6875, 1e-13));
        assert!(close(inc_beta(0.37, 1.0, 1.0), 0.37, 1e-13));
        assert!(close(inc_beta(0.3, 2.0, 2.0), 0.216, 1e-13));
        // scipy.special.betainc(5, 0.5, 0.9) = 0.3166429150200122 (scipy 1.x, computed here)
        assert!(close(
            inc_beta(0.9, 5.0, 0.5),
            0.316_642_915_020_012_2,
            1e-10
        ));
        assert_eq!(inc_beta(0.0, 2.0, 2.0), 0.0);
        assert_eq!(inc_beta(1.0, 2.0, 2.0), 1.0);
    }

    #[test]
    fn student_t_known_values() {
        // df = 1 is Cauchy: 0.5 + atan(t)/π.
        assert!(close(student_t_cdf(1.0, 1.0), 0.75, 1e-12));
        // df = 2: 0.5 + t / (2·sqrt(2 + t²)).
        assert!(close(
            student_t_cdf(2.0, 2.0),
            0.5 + 2.0 / (2.0 * 6f64.sqrt()),
            1e-12
        ));
        // Tables: t_{0.95, 10} = 1.812461, t_{0.975, 10} = 2.228139, t_{0.975, 30} = 2.042272.
        assert!(close(student_t_cdf(1.812_461_123, 10.0), 0.95, 1e-8));
        assert!(close(student_t_cdf(2.228_138_852, 10.0), 0.975, 1e-8));
        assert!(close(student_t_cdf(-2.042_272_456, 30.0), 0.025, 1e-8));
        // scipy.stats.t.cdf(2.0, 10) = 0.963305982…
        assert!(close(student_t_cdf(2.0, 10.0), 0.963_305_982_614_8, 1e-9));
        // Large df approaches the normal: Φ(1.96) = 0.9750021
        assert!(close(student_t_cdf(1.96, 1e7), 0.975_002_1, 1e-6));
        assert!(close(student_t_cdf(0.0, 5.0), 0.5, 1e-15));
        assert!(close(student_t_quantile(0.975, 10.0), 2.228_138_852, 1e-7));
        assert!(close(
            student_t_quantile(0.95, 4.5),
            -student_t_quantile(0.05, 4.5),
            1e-9
        ));
    }

    /// Deterministic pseudo-normal noise (xorshift + Box–Muller).
    fn noisy(n: usize, mean: f64, sd: f64, seed: u64) -> Vec<f64> {
        let mut s = seed;
        let mut next = || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s >> 11) as f64 / (1u64 << 53) as f64
        };
        (0..n)
            .map(|_| {
                let (u1, u2) = (next().max(1e-12), next());
                mean + sd * (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
            })
            .collect()
    }

    /// Shifts and scales a sample so its mean and sample stddev are exactly `m` and `sd`.
    fn exact(mut v: Vec<f64>, m: f64, sd: f64) -> Vec<f64> {
        let (m0, var0) = mean_var(&v).unwrap();
        let s0 = var0.sqrt();
        for x in &mut v {
            *x = m + (*x - m0) / s0 * sd;
        }
        v
    }

    #[test]
    fn noisy_three_percent_regression_does_not_fail_a_two_percent_gate() {
        // baseline mean 100, current mean 103 (+3%), both with sd 10 and 10 samples: the change
        // beyond the +2% tolerance (1%) is well inside the noise.
        let base = exact(noisy(10, 100.0, 10.0, 7), 100.0, 10.0);
        let cur = exact(noisy(10, 103.0, 10.0, 99), 103.0, 10.0);
        let target = 100.0 * 1.02;
        assert!(
            !Op::Le.holds(mean(&cur).unwrap(), target),
            "the plain comparison fails"
        );
        let d = confirm_regression(Op::Le, &cur, &base, target).unwrap();
        assert!(!d.fails, "{}", d.note);
        assert!(d.note.contains("Welch's t-test"), "{}", d.note);
        // The p-value of the regression itself (+3% vs no change, tolerance 0) is ≈ 0.25, and
        // beyond the tolerance ≈ 0.41.
        let p_excess = d
            .note
            .split("p = ")
            .nth(1)
            .and_then(|s| s.split(' ').next())
            .and_then(|s| s.parse::<f64>().ok())
            .unwrap();
        assert!((0.35..=0.45).contains(&p_excess), "{}", d.note);
    }

    #[test]
    fn clean_ten_percent_regression_fails() {
        let base = exact(noisy(20, 100.0, 1.0, 3), 100.0, 1.0);
        let cur = exact(noisy(20, 110.0, 1.0, 5), 110.0, 1.0);
        let d = confirm_regression(Op::Le, &cur, &base, 102.0).unwrap();
        assert!(d.fails, "{}", d.note);
        assert!(d.note.contains("significant regression"), "{}", d.note);
    }

    #[test]
    fn higher_is_better_direction() {
        // Throughput dropped 10% against `>= baseline - 2%`.
        let base = exact(noisy(15, 1000.0, 5.0, 11), 1000.0, 5.0);
        let cur = exact(noisy(15, 900.0, 5.0, 13), 900.0, 5.0);
        let d = confirm_regression(Op::Ge, &cur, &base, 980.0).unwrap();
        assert!(d.fails, "{}", d.note);
        // A noisy 3% drop against -2%: noise.
        let base = exact(noisy(8, 1000.0, 80.0, 17), 1000.0, 80.0);
        let cur = exact(noisy(8, 970.0, 80.0, 19), 970.0, 80.0);
        let d = confirm_regression(Op::Ge, &cur, &base, 980.0).unwrap();
        assert!(!d.fails, "{}", d.note);
    }

    #[test]
    fn no_view_without_samples_or_direction() {
        assert_eq!(confirm_regression(Op::Le, &[1.0], &[1.0, 2.0], 1.0), None);
        assert_eq!(
            confirm_regression(Op::Eq, &[1.0, 2.0], &[1.0, 2.0], 1.0),
            None
        );
        let d = confirm_regression(Op::Le, &[2.0, 2.0], &[1.0, 1.0], 1.1).unwrap();
        assert!(d.fails, "{}", d.note);
    }
}
