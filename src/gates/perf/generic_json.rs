//! Any JSON file, by dotted paths with array indexes: `results[0].latency.p95`.

use super::{JsonMetric, Out, metric_name, read_json};
use serde_json::Value;
use std::path::Path;

/// One step of a path.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// Parses `a.b[0].c`, `results[2][1]`, `["key.with.dots"].x`.
pub fn parse_path(p: &str) -> Result<Vec<Step>, String> {
    let mut steps = Vec::new();
    let chars: Vec<char> = p.chars().collect();
    let mut i = 0;
    let mut key = String::new();
    let bad = |i: usize, what: &str| format!("invalid path `{p}` at character {}: {what}", i + 1);
    let mut expect_key = true;
    while let Some(&c) = chars.get(i) {
        match c {
            '.' => {
                if key.is_empty() && expect_key {
                    return Err(bad(i, "empty key"));
                }
                if !key.is_empty() {
                    steps.push(Step::Key(std::mem::take(&mut key)));
                }
                expect_key = true;
                i += 1;
            }
            '[' => {
                if !key.is_empty() {
                    steps.push(Step::Key(std::mem::take(&mut key)));
                }
                i += 1;
                if chars.get(i) == Some(&'"') {
                    i += 1;
                    let mut k = String::new();
                    loop {
                        match chars.get(i) {
                            Some('"') => break,
                            Some(ch) => k.push(*ch),
                            None => return Err(bad(i, "unterminated `\"`")),
                        }
                        i += 1;
                    }
                    i += 1;
                    if chars.get(i) != Some(&']') {
                        return Err(bad(i, "expected `]`"));
                    }
                    steps.push(Step::Key(k));
                } else {
                    let start = i;
                    while chars.get(i).is_some_and(|c| c.is_ascii_digit()) {
                        i += 1;
                    }
                    if i == start || chars.get(i) != Some(&']') {
                        return Err(bad(i, "expected an array index such as `[0]`"));
                    }
                    let n: String = chars.get(start..i).unwrap_or_default().iter().collect();
                    steps.push(Step::Index(
                        n.parse().map_err(|_| bad(start, "index too large"))?,
                    ));
                }
                i += 1;
                expect_key = false;
            }
            ']' => return Err(bad(i, "unexpected `]`")),
            c => {
                key.push(c);
                expect_key = false;
                i += 1;
            }
        }
    }
    if !key.is_empty() {
        steps.push(Step::Key(key));
    } else if expect_key {
        return Err(bad(chars.len().saturating_sub(1), "the path ends with `.`"));
    }
    if steps.is_empty() {
        return Err("the path is empty".into());
    }
    Ok(steps)
}

fn lookup<'a>(v: &'a Value, steps: &[Step]) -> Option<&'a Value> {
    steps.iter().try_fold(v, |v, s| match s {
        Step::Key(k) => v.get(k.as_str()),
        Step::Index(i) => v.get(*i),
    })
}

pub fn parse(
    path: &Path,
    shown: &str,
    prefix: Option<&str>,
    specs: &[JsonMetric],
    out: &mut Out,
) -> anyhow::Result<()> {
    let doc: Value = read_json(path, shown)?;
    for s in specs {
        let name = metric_name(prefix, &[&s.name]);
        match lookup(&doc, &s.path) {
            None | Some(Value::Null) => out.notes.push(format!(
                "{shown}: nothing at `{}`, so no `{name}`",
                s.path_text
            )),
            Some(Value::Number(n)) => {
                let v = n.as_f64().unwrap_or(f64::NAN);
                out.add(name, v * s.scale, s.unit.clone());
            }
            Some(Value::Array(a)) => {
                let xs: Option<Vec<f64>> =
                    a.iter().map(|x| x.as_f64().map(|v| v * s.scale)).collect();
                let Some(xs) = xs else {
                    anyhow::bail!("{shown}: `{}` is an array with non-numbers", s.path_text);
                };
                if let Some(mean) = crate::stats::mean(&xs) {
                    let n = xs.len();
                    if let Some(m) = out.add(name, mean, s.unit.clone())
                        && n >= 2
                    {
                        m.samples = Some(xs);
                    }
                } else {
                    out.notes.push(format!(
                        "{shown}: `{}` is an empty array, so no `{name}`",
                        s.path_text
                    ));
                }
            }
            Some(other) => anyhow::bail!(
                "{shown}: `{}` is {}, not a number",
                s.path_text,
                match other {
                    Value::String(_) => "a string",
                    Value::Bool(_) => "a boolean",
                    _ => "an object",
                }
            ),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(
            parse_path("results[0].latency.p95").unwrap(),
            vec![
                Step::Key("results".into()),
                Step::Index(0),
                Step::Key("latency".into()),
                Step::Key("p95".into())
            ]
        );
        assert_eq!(
            parse_path("a[1][2]").unwrap(),
            vec![Step::Key("a".into()), Step::Index(1), Step::Index(2)]
        );
        assert_eq!(
            parse_path(r#"m["p(95).x"].v"#).unwrap(),
            vec![
                Step::Key("m".into()),
                Step::Key("p(95).x".into()),
                Step::Key("v".into())
            ]
        );
        for bad in ["", "a..b", "a.", ".a", "a[x]", "a[0", "a]", r#"a["x"#] {
            assert!(parse_path(bad).is_err(), "{bad}");
        }
    }
}
