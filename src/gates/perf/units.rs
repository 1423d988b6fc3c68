//! Units written by benchmark tools or declared in the config, and their scale to base units.

use crate::model::Unit;

/// The gatekeep unit of a unit symbol and the factor to base units (seconds, bytes, percent).
/// Time: `ns us µs ms s sec m min h`; size: `B KB kB MB GB TB` (powers of 1000) and
/// `KiB MiB GiB TiB` (powers of 1024); `%`; empty for plain numbers. Anything else (`req/s`,
/// `ops/s`) is kept as an opaque unit, unscaled.
pub fn parse_unit(s: &str) -> (Unit, f64) {
    let t = s.trim();
    let time = |f: f64| (Unit::Seconds, f);
    let size = |f: f64| (Unit::Bytes, f);
    match t {
        "" => (Unit::None, 1.0),
        "%" => (Unit::Percent, 1.0),
        "ns" => time(1e-9),
        "us" | "µs" | "μs" => time(1e-6),
        "ms" => time(1e-3),
        "s" | "sec" | "secs" | "seconds" => time(1.0),
        "m" | "min" => time(60.0),
        "h" => time(3600.0),
        "B" | "bytes" => size(1.0),
        "KB" | "kB" => size(1e3),
        "MB" => size(1e6),
        "GB" => size(1e9),
        "TB" => size(1e12),
        "KiB" => size(1024.0),
        "MiB" => size(1024.0 * 1024.0),
        "GiB" => size(1024.0 * 1024.0 * 1024.0),
        "TiB" => size(1024.0 * 1024.0 * 1024.0 * 1024.0),
        other => (Unit::Other(other.to_string()), 1.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::threshold::{Op, Threshold};

    #[test]
    fn converts_to_base_units() {
        assert_eq!(parse_unit("ms"), (Unit::Seconds, 1e-3));
        assert_eq!(parse_unit("µs"), (Unit::Seconds, 1e-6));
        assert_eq!(parse_unit("ns"), (Unit::Seconds, 1e-9));
        assert_eq!(parse_unit("MB"), (Unit::Bytes, 1e6));
        assert_eq!(parse_unit("MiB"), (Unit::Bytes, 1048576.0));
        assert_eq!(parse_unit("%"), (Unit::Percent, 1.0));
        assert_eq!(parse_unit(""), (Unit::None, 1.0));
        assert_eq!(parse_unit("req/s"), (Unit::Other("req/s".into()), 1.0));
    }

    #[test]
    fn thresholds_compare_in_base_units() {
        // 6.8 s written as 6800 ms by a tool, against `api.mean < 10s`.
        let (u, f) = parse_unit("ms");
        let v = 6800.0 * f;
        let t = Threshold::parse("api.mean < 10s").unwrap();
        assert!(t.check_unit(&u).is_ok());
        assert!(Op::Lt.holds(v, t.resolve(None).unwrap()));
        // 340 MiB of RSS against `peak_rss <= 500MB`, and 480 MiB (503 MB) fails it.
        let (u, f) = parse_unit("MiB");
        let t = Threshold::parse("peak_rss <= 500MB").unwrap();
        assert!(t.check_unit(&u).is_ok());
        assert!(Op::Le.holds(340.0 * f, t.resolve(None).unwrap()));
        assert!(!Op::Le.holds(480.0 * f, t.resolve(None).unwrap()));
        // A plain count.
        let t = Threshold::parse("vus_max >= 10").unwrap();
        assert!(t.check_unit(&Unit::None).is_ok());
        assert!(Op::Ge.holds(10.0, t.resolve(None).unwrap()));
        // A time threshold on a size is refused.
        let t = Threshold::parse("peak_rss < 1s").unwrap();
        assert!(t.check_unit(&Unit::Bytes).is_err());
    }
}
