//! "Did you mean" suggestions.

/// Edit distance between two strings (by chars), counting an adjacent transposition as one
/// edit (optimal string alignment), so `rnu` is one edit from `run`.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        d[i * w] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    d[a.len() * w + b.len()]
}

/// The nearest candidate, if it is near enough to be a plausible typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1) + usize::from(word.len() > 6);
    let w = word.to_lowercase();
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    let near = candidates
        .iter()
        .map(|c| (distance(&w, &c.to_lowercase()), *c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c);
    // A clear prefix (`exit` for `exit_code`) is also a plausible slip.
    near.or_else(|| {
        let mut pre = candidates
            .iter()
            .filter(|c| w.len() >= 3 && c.to_lowercase().starts_with(&w));
        match (pre.next(), pre.next()) {
            (Some(c), None) => Some(*c),
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names_only() {
        assert_eq!(
            did_you_mean("reprots", ["reports", "format", "paths"]),
            Some("reports")
        );
        assert_eq!(
            did_you_mean("thresold", ["thresholds", "level"]),
            Some("thresholds")
        );
        assert_eq!(did_you_mean("zzz", ["reports", "format"]), None);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("rnu", "run"), 1);
        assert_eq!(did_you_mean("biuld", ["build", "docs"]), Some("build"));
    }
}
