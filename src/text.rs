//! Decoding file contents to text for the gates that scan every file (the security scan):
//! UTF-8 as it is, UTF-16 with a byte-order mark, and any other byte sequence without NUL as
//! Latin-1 (ISO-8859-1), where every byte is a character. Secrets and code keywords are ASCII,
//! so a Latin-1 reading finds them in a file whose comments hold one stray byte; line numbers
//! are kept (a byte `\n` is a line feed in both).

/// A file's bytes read as text.
#[derive(Debug, PartialEq, Eq)]
pub enum Decoded<'a> {
    /// UTF-8 (a UTF-8 byte-order mark is kept: scanners see what is in the file).
    Utf8(&'a [u8]),
    /// Converted to UTF-8 from the named encoding.
    Converted(Vec<u8>, &'static str),
    /// Binary: a NUL byte in the first 8 KiB without a UTF-16 byte-order mark.
    Binary,
}

impl Decoded<'_> {
    /// The text as UTF-8 bytes, or `None` for a binary file.
    pub fn bytes(&self) -> Option<&[u8]> {
        match self {
            Decoded::Utf8(b) => Some(b),
            Decoded::Converted(v, _) => Some(v),
            Decoded::Binary => None,
        }
    }
}

/// Reads `bytes` as text; see the module documentation.
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Decoded::Converted(utf16(rest, u16::from_le_bytes), "UTF-16LE");
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Decoded::Converted(utf16(rest, u16::from_be_bytes), "UTF-16BE");
    }
    if crate::walk::is_binary(bytes) {
        return Decoded::Binary;
    }
    match std::str::from_utf8(bytes) {
        Ok(_) => Decoded::Utf8(bytes),
        Err(_) => Decoded::Converted(latin1(bytes), "Latin-1"),
    }
}

fn utf16(b: &[u8], unit: fn([u8; 2]) -> u16) -> Vec<u8> {
    let units = b.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let s: String = char::decode_utf16(units)
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    s.into_bytes()
}

fn latin1(b: &[u8]) -> Vec<u8> {
    let s: String = b.iter().map(|&c| char::from(c)).collect();
    s.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_kept() {
        assert_eq!(decode(b"key = 1\n"), Decoded::Utf8(b"key = 1\n"));
    }

    #[test]
    fn one_latin1_byte_is_read_as_latin1() {
        let d = decode(b"# caf\xe9\nAKIA = 1\n");
        assert_eq!(
            d,
            Decoded::Converted("# café\nAKIA = 1\n".into(), "Latin-1")
        );
    }

    #[test]
    fn utf16_with_a_bom_is_decoded() {
        let mut le = vec![0xFF, 0xFE];
        for u in "x = 1\n".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(
            decode(&le),
            Decoded::Converted(b"x = 1\n".to_vec(), "UTF-16LE")
        );
        let mut be = vec![0xFE, 0xFF];
        for u in "y\n".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&be), Decoded::Converted(b"y\n".to_vec(), "UTF-16BE"));
    }

    #[test]
    fn nul_without_a_bom_is_binary() {
        assert_eq!(decode(b"\x89PNG\0\0"), Decoded::Binary);
        assert_eq!(decode(b"").bytes(), Some(&b""[..]));
    }
}
