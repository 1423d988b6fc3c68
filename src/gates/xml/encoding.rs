//! Encoding detection (XML 1.0 Appendix F): byte-order mark, then the encoding declaration,
//! checked against each other; non-UTF-8 input is transcoded to UTF-8 before the check.

use super::checker::{Issue, Level};

/// How the bytes of a file are to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Enc {
    Utf8,
    /// US-ASCII: UTF-8 with no byte above 0x7F.
    Ascii,
    Utf16 {
        le: bool,
    },
    Latin1,
    Latin9,
    Windows1252,
    /// A declared encoding gatekeep does not decode: bytes above 0x7F are read as letters.
    Opaque,
}

/// What the first bytes say.
#[derive(Debug)]
pub struct Sniff {
    pub enc: Enc,
    /// Bytes of byte-order mark to skip.
    pub bom: usize,
    /// A binary file (a NUL byte in the first 8 KiB of an 8-bit file): not checked.
    pub binary_at: Option<usize>,
    pub issues: Vec<Issue>,
}

fn issue(level: Level, message: String) -> Issue {
    Issue {
        level,
        rule: "xml/encoding",
        line: 1,
        col: 1,
        message,
    }
}

/// The `encoding` pseudo-attribute of an ASCII-compatible XML declaration at the start.
pub fn declared_encoding(text: &[u8]) -> Option<String> {
    let head = &text[..text.len().min(1024)];
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = &head[..end];
    let i = decl.windows(8).position(|w| w == b"encoding")?;
    let rest = &decl[i + 8..];
    let rest = rest
        .iter()
        .position(|&b| b == b'=')
        .map(|k| &rest[k + 1..])?;
    let k = rest.iter().position(|&b| b == b'"' || b == b'\'')?;
    let q = rest[k];
    let v = &rest[k + 1..];
    let e = v.iter().position(|&b| b == q)?;
    Some(String::from_utf8_lossy(&v[..e]).into_owned())
}

fn norm(name: &str) -> String {
    name.to_ascii_uppercase().replace('_', "-")
}

/// Reads the byte-order mark and the declaration and decides how to decode.
pub fn sniff(bytes: &[u8]) -> Sniff {
    let mut issues = Vec::new();
    let (mut enc, bom) = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        (Enc::Utf8, 3)
    } else if bytes.starts_with(&[0x00, 0x00, 0xFE, 0xFF])
        || bytes.starts_with(&[0xFF, 0xFE, 0x00, 0x00])
    {
        issues.push(issue(
            Level::Error,
            "UTF-32 is not supported by XML processors in general; re-encode the file as UTF-8"
                .into(),
        ));
        return Sniff {
            enc: Enc::Utf8,
            bom: 0,
            binary_at: Some(0),
            issues,
        };
    } else if bytes.starts_with(&[0xFF, 0xFE]) {
        (Enc::Utf16 { le: true }, 2)
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        (Enc::Utf16 { le: false }, 2)
    } else if bytes.starts_with(&[0x3C, 0x00, 0x3F, 0x00])
        || bytes.starts_with(&[0x00, 0x3C, 0x00, 0x3F])
    {
        issues.push(issue(
            Level::Error,
            "the file is UTF-16 without a byte-order mark: UTF-16 XML must start with a BOM (or re-encode it as UTF-8)".into(),
        ));
        (
            Enc::Utf16 {
                le: bytes[0] == 0x3C,
            },
            0,
        )
    } else {
        (Enc::Utf8, 0)
    };
    let binary_at = if matches!(enc, Enc::Utf8) {
        bytes[..bytes.len().min(8192)].iter().position(|&b| b == 0)
    } else {
        None
    };
    if binary_at.is_some() {
        return Sniff {
            enc,
            bom,
            binary_at,
            issues,
        };
    }
    // The declaration, read in the encoding found so far.
    let declared = match enc {
        Enc::Utf16 { le } => {
            let head: Vec<u8> = bytes[bom..bytes.len().min(bom + 2048)]
                .chunks_exact(2)
                .map(|p| {
                    let u = if le {
                        u16::from_le_bytes([p[0], p[1]])
                    } else {
                        u16::from_be_bytes([p[0], p[1]])
                    };
                    if u < 0x80 { u as u8 } else { b'?' }
                })
                .collect();
            declared_encoding(&head)
        }
        _ => declared_encoding(&bytes[bom..]),
    };
    if let Some(d) = declared {
        let n = norm(&d);
        match enc {
            Enc::Utf16 { .. } => {
                if !n.starts_with("UTF-16") && n != "UCS-2" && n != "ISO-10646-UCS-2" {
                    issues.push(issue(
                        Level::Error,
                        format!("the file is UTF-16 (by its byte-order mark) but declares encoding=\"{d}\""),
                    ));
                }
            }
            _ if bom == 3 => {
                if n != "UTF-8" && n != "UTF8" {
                    issues.push(issue(
                        Level::Error,
                        format!("the file starts with a UTF-8 byte-order mark but declares encoding=\"{d}\""),
                    ));
                }
            }
            _ => {
                enc = match n.as_str() {
                    "UTF-8" | "UTF8" => Enc::Utf8,
                    "US-ASCII" | "ASCII" => Enc::Ascii,
                    "ISO-8859-1" | "LATIN1" | "LATIN-1" | "ISO8859-1" | "L1" | "ISO-IR-100"
                    | "CP819" => Enc::Latin1,
                    "ISO-8859-15" | "LATIN-9" | "LATIN9" | "ISO8859-15" => Enc::Latin9,
                    "WINDOWS-1252" | "CP1252" => Enc::Windows1252,
                    s if s.starts_with("UTF-16") || s == "UCS-2" => {
                        issues.push(issue(
                            Level::Error,
                            format!("the file declares encoding=\"{d}\" but is 8-bit with no UTF-16 byte-order mark"),
                        ));
                        Enc::Utf8
                    }
                    _ => {
                        issues.push(issue(
                            Level::Warning,
                            format!("encoding \"{d}\" is not decoded by gatekeep: bytes above 0x7F are accepted as letters without checking"),
                        ));
                        Enc::Opaque
                    }
                };
            }
        }
    }
    Sniff {
        enc,
        bom,
        binary_at,
        issues,
    }
}

static CP1252: [u16; 32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
    0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
];

/// Transcodes `bytes` (after the BOM) to UTF-8. Undecodable input becomes U+FFFD and an issue.
pub fn to_utf8(bytes: &[u8], enc: Enc) -> (Vec<u8>, Vec<Issue>) {
    let mut issues = Vec::new();
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 8);
    match enc {
        Enc::Utf8 => return (bytes.to_vec(), issues),
        Enc::Ascii => {
            if let Some(i) = bytes.iter().position(|&b| b >= 0x80) {
                issues.push(issue(
                    Level::Error,
                    format!(
                        "the file declares encoding=\"US-ASCII\" but byte {i} is 0x{:02X}",
                        bytes[i]
                    ),
                ));
            }
            return (bytes.to_vec(), issues);
        }
        Enc::Utf16 { le } => {
            let units = bytes.chunks_exact(2).map(|p| {
                if le {
                    u16::from_le_bytes([p[0], p[1]])
                } else {
                    u16::from_be_bytes([p[0], p[1]])
                }
            });
            let mut bad = false;
            for r in char::decode_utf16(units) {
                match r {
                    Ok(c) => out.push(c),
                    Err(_) => {
                        bad = true;
                        out.push('\u{FFFD}');
                    }
                }
            }
            if bad || bytes.len() % 2 == 1 {
                issues.push(issue(
                    Level::Error,
                    "invalid UTF-16: an unpaired surrogate or an odd number of bytes".into(),
                ));
            }
        }
        Enc::Latin1 => out.extend(bytes.iter().map(|&b| b as char)),
        Enc::Latin9 => out.extend(bytes.iter().map(|&b| match b {
            0xA4 => '\u{20AC}',
            0xA6 => '\u{0160}',
            0xA8 => '\u{0161}',
            0xB4 => '\u{017D}',
            0xB8 => '\u{017E}',
            0xBC => '\u{0152}',
            0xBD => '\u{0153}',
            0xBE => '\u{0178}',
            b => b as char,
        })),
        Enc::Windows1252 => {
            let mut bad = None;
            for (i, &b) in bytes.iter().enumerate() {
                if (0x80..0xA0).contains(&b) {
                    let u = CP1252[(b - 0x80) as usize];
                    match char::from_u32(u as u32).filter(|_| u != 0) {
                        Some(c) => out.push(c),
                        None => {
                            bad.get_or_insert(i);
                            out.push('\u{FFFD}');
                        }
                    }
                } else {
                    out.push(b as char);
                }
            }
            if let Some(i) = bad {
                issues.push(issue(
                    Level::Error,
                    format!("byte {i} is not defined in windows-1252"),
                ));
            }
        }
        Enc::Opaque => out.extend(
            bytes
                .iter()
                .map(|&b| if b >= 0x80 { 'À' } else { b as char }),
        ),
    }
    (out.into_bytes(), issues)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms_and_declarations() {
        assert_eq!(sniff(b"<a/>").enc, Enc::Utf8);
        assert_eq!(sniff(b"\xEF\xBB\xBF<a/>").bom, 3);
        let s = sniff(b"<?xml version='1.0' encoding='ISO-8859-1'?><a/>");
        assert_eq!(s.enc, Enc::Latin1);
        let s = sniff(b"\xFF\xFE<\0a\0/\0>\0");
        assert_eq!(s.enc, Enc::Utf16 { le: true });
        let (u, i) = to_utf8(b"<\0a\0/\0>\0", s.enc);
        assert_eq!(u, b"<a/>");
        assert!(i.is_empty());
        let s = sniff(b"\xEF\xBB\xBF<?xml version='1.0' encoding='latin1'?><a/>");
        assert_eq!(s.issues.len(), 1);
        let s = sniff(b"<?xml version='1.0' encoding='UTF-16'?><a/>");
        assert_eq!(s.issues.len(), 1);
        assert!(sniff(b"PK\x03\x04\0\0").binary_at.is_some());
    }
}
