//! CSV with a header row of named columns.

use super::{Column, Out, for_each_line, metric_name};
use crate::model::Unit;
use std::path::Path;

/// Splits one CSV line (RFC 4180 quoting within the line) into (column, field) pairs.
fn split(line: &str, shown: &str, n: u64) -> anyhow::Result<Vec<(usize, String)>> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut start_col = 1;
    let mut quoted = false;
    let mut in_quotes = false;
    let mut chars = line.chars().enumerate().peekable();
    let mut quote_col = 0;
    while let Some((i, c)) = chars.next() {
        if in_quotes {
            if c == '"' {
                if chars.peek().map(|x| x.1) == Some('"') {
                    cur.push('"');
                    chars.next();
                } else {
                    in_quotes = false;
                }
            } else {
                cur.push(c);
            }
            continue;
        }
        match c {
            ',' => {
                out.push((start_col, std::mem::take(&mut cur)));
                start_col = i + 2;
                quoted = false;
            }
            '"' if cur.trim().is_empty() && !quoted => {
                cur.clear();
                in_quotes = true;
                quoted = true;
                quote_col = i + 1;
            }
            c => cur.push(c),
        }
    }
    if in_quotes {
        anyhow::bail!(
            "{shown}:{n}:{quote_col}: unterminated quoted field (fields spanning lines are not supported)"
        );
    }
    out.push((start_col, cur));
    Ok(out)
}

struct Col {
    index: usize,
    name: String,
    unit: Unit,
    scale: f64,
    explicit: bool,
    numeric: bool,
    /// (row key, value)
    values: Vec<(Option<String>, f64)>,
}

pub fn parse(
    path: &Path,
    shown: &str,
    prefix: Option<&str>,
    key: Option<&str>,
    columns: Option<&[Column]>,
    out: &mut Out,
) -> anyhow::Result<()> {
    let f = std::fs::File::open(path).map_err(|e| anyhow::anyhow!("cannot open {shown}: {e}"))?;
    let mut header: Option<Vec<String>> = None;
    let mut key_index: Option<usize> = None;
    let mut cols: Vec<Col> = Vec::new();
    let mut rows = 0usize;
    for_each_line(f, shown, |n, line| {
        if line.trim().is_empty() {
            return Ok(());
        }
        let fields = split(line, shown, n)?;
        let Some(h) = &header else {
            let names: Vec<String> = fields
                .iter()
                .map(|f| f.1.trim().trim_start_matches('\u{feff}').to_string())
                .collect();
            let find = |c: &str| names.iter().position(|h| h == c);
            if let Some(k) = key {
                key_index = Some(find(k).ok_or_else(|| {
                    anyhow::anyhow!(
                        "{shown}:{n}:1: no column `{k}` (the `key`); the columns are {}",
                        names.join(", ")
                    )
                })?);
            }
            match columns {
                Some(list) => {
                    for c in list {
                        let index = find(&c.column).ok_or_else(|| {
                            anyhow::anyhow!(
                                "{shown}:{n}:1: no column `{}`; the columns are {}",
                                c.column,
                                names.join(", ")
                            )
                        })?;
                        cols.push(Col {
                            index,
                            name: c.name.clone(),
                            unit: c.unit.clone(),
                            scale: c.scale,
                            explicit: true,
                            numeric: true,
                            values: Vec::new(),
                        });
                    }
                }
                None => {
                    for (index, name) in names.iter().enumerate() {
                        if Some(index) != key_index && !name.is_empty() {
                            cols.push(Col {
                                index,
                                name: name.clone(),
                                unit: Unit::None,
                                scale: 1.0,
                                explicit: false,
                                numeric: true,
                                values: Vec::new(),
                            });
                        }
                    }
                }
            }
            header = Some(names);
            return Ok(());
        };
        if fields.len() != h.len() {
            anyhow::bail!(
                "{shown}:{n}:1: {} fields, but the header has {}",
                fields.len(),
                h.len()
            );
        }
        rows += 1;
        let row_key = match key_index {
            Some(k) => {
                let v = fields
                    .get(k)
                    .map(|f| f.1.trim().to_string())
                    .unwrap_or_default();
                if v.is_empty() {
                    let col = fields.get(k).map(|f| f.0).unwrap_or(1);
                    anyhow::bail!(
                        "{shown}:{n}:{col}: empty `{}` (the key column)",
                        key.unwrap_or_default()
                    );
                }
                Some(v)
            }
            None => None,
        };
        for c in cols.iter_mut() {
            let Some((col, text)) = fields.get(c.index) else {
                continue;
            };
            let t = text.trim();
            if t.is_empty() {
                continue;
            }
            match t.parse::<f64>() {
                Ok(v) if v.is_finite() => c.values.push((row_key.clone(), v * c.scale)),
                _ if c.explicit => anyhow::bail!(
                    "{shown}:{n}:{col}: `{t}` in column `{}` is not a number",
                    h.get(c.index).map(String::as_str).unwrap_or_default()
                ),
                _ => c.numeric = false,
            }
        }
        Ok(())
    })?;
    if header.is_none() {
        anyhow::bail!("{shown}: empty CSV file (no header row)");
    }
    if rows == 0 {
        anyhow::bail!("{shown}: the CSV file has a header but no rows");
    }
    let skipped: Vec<&str> = cols
        .iter()
        .filter(|c| !c.numeric)
        .map(|c| c.name.as_str())
        .collect();
    if !skipped.is_empty() {
        out.notes.push(format!(
            "{shown}: non-numeric columns left out: {}",
            skipped.join(", ")
        ));
    }
    if key.is_some() {
        // Row order, then column order.
        let mut order: Vec<String> = Vec::new();
        for c in cols.iter().filter(|c| c.numeric) {
            for (k, _) in &c.values {
                if let Some(k) = k
                    && !order.contains(k)
                {
                    order.push(k.clone());
                }
            }
        }
        for k in &order {
            for c in cols.iter().filter(|c| c.numeric) {
                let vs: Vec<f64> = c
                    .values
                    .iter()
                    .filter(|(rk, _)| rk.as_deref() == Some(k.as_str()))
                    .map(|x| x.1)
                    .collect();
                if let Some(mean) = crate::stats::mean(&vs) {
                    let n = vs.len();
                    if let Some(m) =
                        out.add(metric_name(prefix, &[k, &c.name]), mean, c.unit.clone())
                        && n >= 2
                    {
                        m.samples = Some(vs);
                    }
                }
            }
        }
    } else {
        for c in cols.iter().filter(|c| c.numeric) {
            let vs: Vec<f64> = c.values.iter().map(|x| x.1).collect();
            if let Some(mean) = crate::stats::mean(&vs) {
                let n = vs.len();
                if let Some(m) = out.add(metric_name(prefix, &[&c.name]), mean, c.unit.clone())
                    && n >= 2
                {
                    m.samples = Some(vs);
                }
            }
        }
        if rows > 1 {
            out.notes.push(format!(
                "{shown}: no `key`: each column's value is the mean of its {rows} rows"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_quoted_fields() {
        let f = split(r#"a,"b,c",  "d""e" ,"#, "x", 1).unwrap();
        let v: Vec<&str> = f.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(v, vec!["a", "b,c", "d\"e ", ""]);
        assert_eq!(f.iter().map(|x| x.0).collect::<Vec<_>>(), vec![1, 3, 9, 19]);
        let e = split(r#"a,"b"#, "f.csv", 3).unwrap_err().to_string();
        assert!(e.starts_with("f.csv:3:3:"), "{e}");
    }
}
