//! Rust rules.

use super::{Category as C, Confidence, L, R, RuleDef};
use crate::model::Severity as S;

pub static RULES: &[RuleDef] = &[
    RuleDef {
        id: "rs-tls-accept-invalid",
        title: "TLS certificate or hostname checks turned off",
        category: C::Tls,
        severity: S::High,
        cwe: 295,
        lang: L::Rust,
        keywords: &["danger_accept_invalid", "SslVerifyMode", "dangerous"],
        pattern: r"\.(danger_accept_invalid_(?:certs|hostnames))\s*\(\s*true\s*\)|\b(set_verify)\s*\(\s*SslVerifyMode::NONE\b|\.(dangerous)\s*\(\s*\)\s*\.\s*set_certificate_verifier\b",
        description: "`danger_accept_invalid_certs(true)` (reqwest, native-tls), `SslVerifyMode::NONE` (openssl) and custom rustls verifiers accept any certificate.",
        bad: "reqwest::Client::builder().danger_accept_invalid_certs(true).build()?",
        good: "reqwest::Client::builder().add_root_certificate(ca).build()?",
        fix: "Keep verification; add your CA with `add_root_certificate`.",
        ..R
    },
    RuleDef {
        id: "rs-command-shell",
        title: "Command::new(\"sh\").arg(\"-c\")",
        category: C::CommandInjection,
        severity: S::High,
        cwe: 78,
        confidence: Confidence::Medium,
        lang: L::Rust,
        keywords: &["Command::new"],
        pattern: r#"\b(Command::new)\s*\(\s*""#,
        literal: Some(
            r#"^Command::new\s*\(\s*"(?:(?:/usr)?/bin/)?(?:ba|z|da)?sh"\s*\)\s*\.\s*(?:arg\s*\(\s*"-c"\s*\)\s*\.\s*arg\s*\(\s*[^"\s]|args\s*\(\s*(?:&\s*)?\[\s*"-c"\s*,\s*[^"\s])"#,
        ),
        description: "Handing a command line to `sh -c` lets interpolated values inject commands.",
        bad: "Command::new(\"sh\").arg(\"-c\").arg(format!(\"tar xf {name}\"))",
        good: "Command::new(\"tar\").arg(\"xf\").arg(name)",
        fix: "Run the program directly with separate `.arg()`s.",
        ..R
    },
    RuleDef {
        id: "rs-weak-hash",
        title: "MD5 / SHA-1 hash",
        category: C::WeakCrypto,
        severity: S::Medium,
        cwe: 327,
        lang: L::Rust,
        keywords: &["md5", "sha1", "Md5", "Sha1"],
        pattern: r"\b(md5::compute|Md5::(?:new|digest)|Sha1::(?:new|digest|from)|sha1::Sha1::new)\b",
        description: "MD5 and SHA-1 are broken for collision resistance.",
        bad: "let d = md5::compute(password);",
        good: "let d = sha2::Sha256::digest(data);",
        fix: "Use SHA-256 or better (and argon2 for passwords).",
        ..R
    },
    RuleDef {
        id: "rs-sql-format",
        title: "SQL built with format!",
        category: C::Sql,
        severity: S::High,
        cwe: 89,
        confidence: Confidence::Medium,
        lang: L::Rust,
        keywords: &["format!"],
        pattern: r#"\b(query(?:_as|_scalar)?|execute|batch_execute|sql_query|prepare)\s*(?:::<[^>]*>)?\s*\(\s*&?\s*format!\s*\(\s*""#,
        literal: Some(r#"(?i)format!\s*\(\s*"\s*(?:select|insert|update|delete|with)\b"#),
        description: "A query built with `format!` lets input change the SQL.",
        bad: "sqlx::query(&format!(\"SELECT * FROM t WHERE id = {id}\"))",
        good: "sqlx::query(\"SELECT * FROM t WHERE id = $1\").bind(id)",
        fix: "Use bind parameters.",
        ..R
    },
    RuleDef {
        id: "rs-zip-slip",
        title: "archive entry name joined into a path",
        category: C::PathTraversal,
        severity: S::High,
        cwe: 22,
        confidence: Confidence::Medium,
        lang: L::Rust,
        keywords: &["zip::", "tar::", "ZipArchive"],
        pattern: r"\.(join)\s*\(",
        args_require: Some(r"\.(?:name|mangled_name)\s*\(\s*\)"),
        file_require: Some(r"\bzip::|\btar::|ZipArchive"),
        description: "Joining a zip/tar entry's raw name into a path lets `../` entries write outside the destination.",
        bad: "let mut file = zip::ZipArchive::new(r)?.by_index(i)?;\nlet out = dest.join(file.name());",
        good: "let Some(rel) = file.enclosed_name() else { continue };\nlet out = dest.join(rel);",
        fix: "Use `enclosed_name()` (zip) or `unpack_in` (tar).",
        ..R
    },
];
