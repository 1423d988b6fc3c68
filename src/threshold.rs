//! The threshold language of SPEC §2.2: `"<metric> <op> <value>"`.
//!
//! Values carry an optional unit (`%`, `ns us ms s m h`, `B KB MB GB KiB MiB GiB`) and are
//! converted to the metric's base unit (percent, seconds, bytes) when parsed. `baseline` and
//! `baseline ± N[unit|%]` make a ratchet against an earlier report. Comparison is exact.

use crate::model::Unit;
use std::fmt;
use std::time::Duration;

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

impl Op {
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::Eq => "==",
            Op::Ne => "!=",
        }
    }
    /// The operator written as in a condition (`<=`).
    pub fn parse(s: &str) -> Option<Op> {
        OPS.iter().find(|(t, _)| *t == s).map(|(_, op)| *op)
    }

    /// Exact comparison `actual <op> target`.
    pub fn holds(self, actual: f64, target: f64) -> bool {
        match self {
            Op::Lt => actual < target,
            Op::Le => actual <= target,
            Op::Gt => actual > target,
            Op::Ge => actual >= target,
            Op::Eq => actual == target,
            Op::Ne => actual != target,
        }
    }
    /// Whether a larger actual value is the good direction (`>`/`>=`), the bad one (`<`/`<=`), or neither.
    pub fn higher_is_better(self) -> Option<bool> {
        match self {
            Op::Gt | Op::Ge => Some(true),
            Op::Lt | Op::Le => Some(false),
            _ => None,
        }
    }
}

/// The physical dimension of a unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dim {
    Percent,
    Time,
    Size,
}

impl Dim {
    pub fn name(self) -> &'static str {
        match self {
            Dim::Percent => "a percentage",
            Dim::Time => "a time",
            Dim::Size => "a size",
        }
    }
    pub fn of_unit(u: &Unit) -> Option<Dim> {
        match u {
            Unit::Percent => Some(Dim::Percent),
            Unit::Seconds => Some(Dim::Time),
            Unit::Bytes => Some(Dim::Size),
            _ => None,
        }
    }
}

/// A number with an optional unit, already scaled to the base unit of its dimension.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quantity {
    pub value: f64,
    pub dim: Option<Dim>,
}

/// The right-hand side of a condition.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Target {
    Value(Quantity),
    /// `baseline`, `baseline + 2`, `baseline - 50ms` (absolute) or `baseline + 5%` (relative to the baseline value).
    Baseline {
        delta: f64,
        relative: bool,
        dim: Option<Dim>,
    },
}

/// A parsed condition.
#[derive(Clone, Debug, PartialEq)]
pub struct Threshold {
    pub expr: String,
    pub metric: String,
    pub op: Op,
    pub target: Target,
}

/// Why a threshold could not be parsed; `offset` is the byte offset in the expression.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    pub message: String,
    pub offset: usize,
}

fn perr(message: impl Into<String>, offset: usize) -> ParseError {
    ParseError {
        message: message.into(),
        offset,
    }
}

const UNITS: &[(&str, Dim, f64)] = &[
    ("%", Dim::Percent, 1.0),
    ("ns", Dim::Time, 1e-9),
    ("us", Dim::Time, 1e-6),
    ("µs", Dim::Time, 1e-6),
    ("ms", Dim::Time, 1e-3),
    ("s", Dim::Time, 1.0),
    ("m", Dim::Time, 60.0),
    ("min", Dim::Time, 60.0),
    ("h", Dim::Time, 3600.0),
    ("d", Dim::Time, 86_400.0),
    ("B", Dim::Size, 1.0),
    ("KB", Dim::Size, 1e3),
    ("kB", Dim::Size, 1e3),
    ("MB", Dim::Size, 1e6),
    ("GB", Dim::Size, 1e9),
    ("TB", Dim::Size, 1e12),
    ("KiB", Dim::Size, 1024.0),
    ("MiB", Dim::Size, 1024.0 * 1024.0),
    ("GiB", Dim::Size, 1024.0 * 1024.0 * 1024.0),
    ("TiB", Dim::Size, 1024.0 * 1024.0 * 1024.0 * 1024.0),
];

/// The time units, for messages about durations.
pub fn time_units() -> Vec<&'static str> {
    UNITS
        .iter()
        .filter(|u| u.1 == Dim::Time)
        .map(|u| u.0)
        .collect()
}

/// Parses `85`, `85%`, `10MB`, `1.5 s`, `-3`.
pub fn parse_quantity(s: &str) -> Result<Quantity, ParseError> {
    let t = s.trim();
    let lead = s.len() - s.trim_start().len();
    let num_end = t
        .char_indices()
        .find(|&(i, c)| {
            !(c.is_ascii_digit()
                || c == '.'
                || c == '_'
                || ((c == '-' || c == '+') && i == 0)
                || ((c == 'e' || c == 'E')
                    && t[i + 1..]
                        .starts_with(|d: char| d.is_ascii_digit() || d == '-' || d == '+')
                    && i > 0))
        })
        .map(|(i, _)| i)
        .unwrap_or(t.len());
    let num = &t[..num_end];
    if num.is_empty() || num == "-" || num == "+" {
        return Err(perr(format!("expected a number, found `{t}`"), lead));
    }
    let value: f64 = num
        .replace('_', "")
        .parse()
        .map_err(|_| perr(format!("`{num}` is not a number"), lead))?;
    if !value.is_finite() {
        return Err(perr(format!("`{num}` is not a finite number"), lead));
    }
    let unit = t[num_end..].trim();
    if unit.is_empty() {
        return Ok(Quantity { value, dim: None });
    }
    match UNITS.iter().find(|(u, _, _)| *u == unit) {
        Some((_, dim, scale)) => Ok(Quantity {
            value: value * scale,
            dim: Some(*dim),
        }),
        None => {
            let known: Vec<&str> = UNITS.iter().map(|u| u.0).collect();
            let hint = crate::suggest::did_you_mean(unit, known.iter().copied())
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            Err(perr(
                format!(
                    "unknown unit `{unit}`; expected one of % ns us ms s m h d B KB MB GB KiB MiB GiB{hint}"
                ),
                lead + num_end + (t[num_end..].len() - t[num_end..].trim_start().len()),
            ))
        }
    }
}

const OPS: &[(&str, Op)] = &[
    ("<=", Op::Le),
    (">=", Op::Ge),
    ("==", Op::Eq),
    ("!=", Op::Ne),
    ("<", Op::Lt),
    (">", Op::Gt),
];

impl Threshold {
    /// Parses `"<metric> <op> <value>"`.
    pub fn parse(expr: &str) -> Result<Threshold, ParseError> {
        let (pos, op_str, op) = expr
            .char_indices()
            .find_map(|(i, _)| {
                OPS.iter()
                    .find(|(s, _)| expr[i..].starts_with(s))
                    .map(|(s, op)| (i, *s, *op))
            })
            .ok_or_else(|| {
                perr(
                    "expected `<metric> <op> <value>` with op one of < <= > >= == !=",
                    0,
                )
            })?;
        let metric = expr[..pos].trim();
        if metric.is_empty() {
            return Err(perr("expected a metric name before the operator", 0));
        }
        let rhs_off = pos + op_str.len();
        let rhs = &expr[rhs_off..];
        if rhs.trim().is_empty() {
            return Err(perr("expected a value after the operator", rhs_off));
        }
        let target = parse_target(rhs).map_err(|e| perr(e.message, rhs_off + e.offset))?;
        Ok(Threshold {
            expr: expr.trim().to_string(),
            metric: metric.to_string(),
            op,
            target,
        })
    }

    /// Checks that the target's unit fits a metric of unit `unit`.
    pub fn check_unit(&self, unit: &Unit) -> Result<(), String> {
        let dim = match self.target {
            Target::Value(q) => q.dim,
            Target::Baseline { dim, relative, .. } => {
                if relative {
                    None
                } else {
                    dim
                }
            }
        };
        let Some(dim) = dim else { return Ok(()) };
        match Dim::of_unit(unit) {
            Some(m) if m == dim => Ok(()),
            Some(m) => Err(format!(
                "`{}` is {}, but the value is {}",
                self.metric,
                m.name(),
                dim.name()
            )),
            None => Err(format!(
                "`{}` is a plain number{}, but the value is {}",
                self.metric,
                unit.symbol().map(|s| format!(" ({s})")).unwrap_or_default(),
                dim.name()
            )),
        }
    }

    /// Whether the target needs a baseline report.
    pub fn needs_baseline(&self) -> bool {
        matches!(self.target, Target::Baseline { .. })
    }

    /// The concrete target, given the baseline value of the metric where needed.
    pub fn resolve(&self, baseline: Option<f64>) -> Option<f64> {
        match self.target {
            Target::Value(q) => Some(q.value),
            Target::Baseline {
                delta, relative, ..
            } => {
                let b = baseline?;
                Some(if relative {
                    b + b * delta / 100.0
                } else {
                    b + delta
                })
            }
        }
    }
}

fn parse_target(rhs: &str) -> Result<Target, ParseError> {
    let lead = rhs.len() - rhs.trim_start().len();
    let t = rhs.trim();
    if let Some(rest) = t.strip_prefix("baseline") {
        let r = rest.trim_start();
        let off = lead + "baseline".len() + (rest.len() - r.len());
        if r.is_empty() {
            return Ok(Target::Baseline {
                delta: 0.0,
                relative: false,
                dim: None,
            });
        }
        let (sign, body) = if let Some(b) = r.strip_prefix('+') {
            (1.0, b)
        } else if let Some(b) = r.strip_prefix('-') {
            (-1.0, b)
        } else if let Some(b) = r.strip_prefix('±') {
            (1.0, b)
        } else {
            return Err(perr("expected `+` or `-` after `baseline`", off));
        };
        let q = parse_quantity(body).map_err(|e| perr(e.message, off + 1 + e.offset))?;
        let relative = q.dim == Some(Dim::Percent);
        return Ok(Target::Baseline {
            delta: sign * q.value,
            relative,
            dim: q.dim,
        });
    }
    parse_quantity(rhs).map(Target::Value)
}

impl fmt::Display for Threshold {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.expr)
    }
}

/// Formats a value in its unit for display (rounding only here).
pub fn format_value(v: f64, unit: &Unit) -> String {
    format_value_prec(v, unit, 0)
}

/// [`format_value`] with `extra` more decimals than the usual display.
pub fn format_value_prec(v: f64, unit: &Unit, extra: usize) -> String {
    match unit {
        Unit::Percent => format!("{}%", trim_num(v, 1 + extra)),
        Unit::Seconds => {
            let a = v.abs();
            if a == 0.0 {
                "0 s".into()
            } else if a < 1e-6 {
                format!("{} ns", trim_num(v * 1e9, 1 + extra))
            } else if a < 1e-3 {
                format!("{} µs", trim_num(v * 1e6, 1 + extra))
            } else if a < 1.0 {
                format!("{} ms", trim_num(v * 1e3, 1 + extra))
            } else {
                format!("{} s", trim_num(v, 2 + extra))
            }
        }
        Unit::Bytes => {
            let a = v.abs();
            if a < 1e3 {
                format!("{} B", trim_num(v, extra))
            } else if a < 1e6 {
                format!("{} KB", trim_num(v / 1e3, 1 + extra))
            } else if a < 1e9 {
                format!("{} MB", trim_num(v / 1e6, 1 + extra))
            } else {
                format!("{} GB", trim_num(v / 1e9, 2 + extra))
            }
        }
        Unit::None => trim_num(v, 2 + extra),
        Unit::Other(u) => format!("{} {u}", trim_num(v, 2 + extra)),
    }
}

/// The value a displayed text stands for, in the base unit.
fn displayed(text: &str) -> Option<f64> {
    if let Ok(q) = parse_quantity(text) {
        return Some(q.value);
    }
    let num: String = text
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
        .collect();
    num.parse().ok()
}

/// Formats `v` for display next to the condition `v <op> target`: with as many more decimals
/// as it takes for the shown value to be on the same side of the threshold as the exact one
/// (`94.95%` against `>= 95%`, never `95%` beside a FAIL).
pub fn format_value_beside(v: f64, unit: &Unit, op: Op, target: f64) -> String {
    let exact = op.holds(v, target);
    let mut text = format_value(v, unit);
    for extra in 1..=12 {
        match displayed(&text) {
            Some(d) if op.holds(d, target) == exact => return text,
            None => return text,
            _ => text = format_value_prec(v, unit, extra),
        }
    }
    text
}

/// A number with at most `decimals` decimals, without trailing zeros; integers print as integers.
pub fn trim_num(v: f64, decimals: usize) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return format!("{}", v as i64);
    }
    let s = format!("{v:.decimals$}");
    if s.contains('.') {
        let s = s.trim_end_matches('0').trim_end_matches('.');
        if s == "-0" { "0".into() } else { s.to_string() }
    } else {
        s
    }
}

/// The longest duration a config may give (365 days): longer timeouts overflow a clock.
pub const MAX_DURATION_SECS: f64 = 365.0 * 86_400.0;

/// Parses a duration: `30s`, `10m`, `1h`, `500ms`, or a number of seconds.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let q = parse_quantity(s).map_err(|e| {
        if e.message.starts_with("unknown unit") {
            // Only time units make a duration: don't offer `%` or `MB`.
            format!(
                "invalid duration `{s}`: expected a number and one of the units {}, e.g. `30s` or `10m`",
                time_units().join(" ")
            )
        } else {
            format!("invalid duration `{s}`: {}", e.message)
        }
    })?;
    match q.dim {
        None | Some(Dim::Time) if !q.value.is_finite() => {
            Err(format!("invalid duration `{s}`: not a finite number"))
        }
        None | Some(Dim::Time) if q.value > MAX_DURATION_SECS => Err(format!(
            "invalid duration `{s}`: at most 365 days (`365d`) is accepted"
        )),
        None | Some(Dim::Time) if q.value >= 0.0 => Ok(Duration::from_secs_f64(q.value)),
        Some(Dim::Time) | None => Err(format!("invalid duration `{s}`: it must not be negative")),
        Some(d) => Err(format!(
            "invalid duration `{s}`: expected a time such as `30s` or `10m`, found {}",
            d.name()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_plain_and_units() {
        let t = Threshold::parse("line >= 85").unwrap();
        assert_eq!(t.metric, "line");
        assert_eq!(t.op, Op::Ge);
        assert_eq!(
            t.target,
            Target::Value(Quantity {
                value: 85.0,
                dim: None
            })
        );
        let t = Threshold::parse("bytes < 10MB").unwrap();
        assert_eq!(
            t.target,
            Target::Value(Quantity {
                value: 1e7,
                dim: Some(Dim::Size)
            })
        );
        let t = Threshold::parse("peak_rss <= 500MiB").unwrap();
        assert_eq!(t.resolve(None), Some(500.0 * 1024.0 * 1024.0));
        let t = Threshold::parse("api.mean < 250ms").unwrap();
        assert_eq!(t.resolve(None), Some(0.25));
        let t = Threshold::parse("bench.sleep 0.1.mean<1s").unwrap();
        assert_eq!(t.metric, "bench.sleep 0.1.mean");
        assert_eq!(t.op, Op::Lt);
    }

    #[test]
    fn parses_baseline() {
        let t = Threshold::parse("line >= baseline - 2").unwrap();
        assert_eq!(t.resolve(Some(80.0)), Some(78.0));
        assert_eq!(t.resolve(None), None);
        let t = Threshold::parse("api.mean <= baseline + 5%").unwrap();
        assert_eq!(t.resolve(Some(2.0)), Some(2.1));
        let t = Threshold::parse("errors <= baseline").unwrap();
        assert_eq!(t.resolve(Some(3.0)), Some(3.0));
        assert!(t.needs_baseline());
    }

    #[test]
    fn rejects_bad_expressions_with_offsets() {
        let e = Threshold::parse("line 85").unwrap_err();
        assert!(e.message.contains("op one of"));
        let e = Threshold::parse("line >= ").unwrap_err();
        assert_eq!(e.offset, 7);
        let e = Threshold::parse("bytes < 10XB").unwrap_err();
        assert!(e.message.contains("unknown unit `XB`"), "{}", e.message);
        assert_eq!(e.offset, 10);
        let e = Threshold::parse(">= 5").unwrap_err();
        assert!(e.message.contains("metric name"));
        let e = Threshold::parse("x >= baseline * 2").unwrap_err();
        assert!(e.message.contains("after `baseline`"));
        let e = Threshold::parse("x >= abc").unwrap_err();
        assert!(e.message.contains("expected a number"));
    }

    #[test]
    fn unit_compatibility() {
        let t = Threshold::parse("line >= 85%").unwrap();
        assert!(t.check_unit(&Unit::Percent).is_ok());
        assert!(t.check_unit(&Unit::Bytes).is_err());
        let t = Threshold::parse("bytes < 10s").unwrap();
        let e = t.check_unit(&Unit::Bytes).unwrap_err();
        assert!(e.contains("is a size, but the value is a time"), "{e}");
        let t = Threshold::parse("errors < 5").unwrap();
        assert!(t.check_unit(&Unit::Seconds).is_ok());
        let t = Threshold::parse("api.mean <= baseline + 5%").unwrap();
        assert!(t.check_unit(&Unit::Seconds).is_ok());
    }

    #[test]
    fn exact_comparison() {
        // 41/43 = 95.348..% must pass >= 95.34 and fail >= 95.35, whatever the display says.
        let v = 41.0 * 100.0 / 43.0;
        assert!(Op::Ge.holds(v, 95.34));
        assert!(!Op::Ge.holds(v, 95.35));
        assert_eq!(format_value(v, &Unit::Percent), "95.3%");
    }

    #[test]
    fn arbitrary_expressions_never_panic() {
        let alphabet: Vec<char> = "ab_.<=>!0123456789 %MBKiGsmµ±+-eé€baseline"
            .chars()
            .collect();
        let mut rng = crate::testutil::XorShift(0x1234_5678_9ABC_DEF1);
        let mut next = || rng.next_u64();
        for _ in 0..20_000 {
            let len = (next() % 16) as usize;
            let expr: String = (0..len)
                .map(|_| alphabet[(next() as usize) % alphabet.len()])
                .collect();
            if let Err(e) = Threshold::parse(&expr) {
                assert!(e.offset <= expr.len(), "{expr:?}: offset {}", e.offset);
            }
        }
    }

    #[test]
    fn formats_values() {
        assert_eq!(format_value(6.8, &Unit::Seconds), "6.8 s");
        assert_eq!(format_value(0.0123, &Unit::Seconds), "12.3 ms");
        assert_eq!(format_value(340e6, &Unit::Bytes), "340 MB");
        assert_eq!(format_value(3.0, &Unit::None), "3");
        assert_eq!(format_value(32.0, &Unit::Percent), "32%");
    }

    #[test]
    fn displayed_value_is_on_the_same_side_as_the_exact_one() {
        // 1899/2000 = 94.95%: `95%` beside `>= 95` would read as a pass.
        let v = 1899.0 * 100.0 / 2000.0;
        assert_eq!(format_value(v, &Unit::Percent), "95%");
        assert_eq!(
            format_value_beside(v, &Unit::Percent, Op::Ge, 95.0),
            "94.95%"
        );
        // 14.99 MB against `< 15MB` passes: it must not show as `15 MB`.
        assert_eq!(
            format_value_beside(14_990_000.0, &Unit::Bytes, Op::Lt, 15e6),
            "14.99 MB"
        );
        // Far from the threshold: the usual rounding.
        assert_eq!(
            format_value_beside(41.0, &Unit::Percent, Op::Ge, 80.0),
            "41%"
        );
        // Exactly on the threshold stays as is.
        assert_eq!(
            format_value_beside(95.0, &Unit::Percent, Op::Ge, 95.0),
            "95%"
        );
        // 0.4999 s against `< 0.5 s` would show as `500 ms`.
        assert_eq!(
            format_value_beside(0.49999, &Unit::Seconds, Op::Lt, 0.5),
            "499.99 ms"
        );
    }
}
