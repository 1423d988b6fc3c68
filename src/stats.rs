//! Statistics for perf regressions: is a baseline comparison that fails on the means also a
//! significant regression, given the samples?

use crate::threshold::Op;

/// The outcome of a significance check.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// Whether the regression is confirmed (the condition fails).
    pub fails: bool,
    /// How the decision was made, for the report (test, p-value or interval).
    pub note: String,
}

/// Called when `actual <op> target` does not hold for a `baseline` target and both the current
/// and the baseline metric carry samples. `None`: no statistical view (too few samples); the
/// plain comparison stands.
pub fn confirm_regression(_op: Op, _current: &[f64], _baseline: &[f64], _target: f64) -> Option<Decision> {
    None
}
