//! Go rules (aligned with gosec where one exists).

use super::{Category as C, Confidence, L, R, RuleDef};
use crate::model::Severity as S;

pub static RULES: &[RuleDef] = &[
    RuleDef {
        id: "go-exec-shell",
        title: "exec.Command(\"sh\", \"-c\", …)",
        category: C::CommandInjection,
        severity: S::High,
        cwe: 78,
        confidence: Confidence::Medium,
        lang: L::Go,
        keywords: &["exec.Command"],
        pattern: r"\b(exec\.Command(?:Context)?)\s*\(",
        literal: Some(
            r#"^exec\.Command(?:Context)?\s*\((?:\s*\w+\s*,)?\s*"(?:/usr)?(?:/bin/)?(?:ba|z|da|k)?sh"\s*,\s*"-c"\s*,"#,
        ),
        description: "`exec.Command(\"sh\", \"-c\", cmd)` hands a command line to a shell; interpolated values can inject commands (gosec G204).",
        bad: "exec.Command(\"sh\", \"-c\", \"tar xf \"+name)",
        good: "exec.Command(\"tar\", \"xf\", name)",
        fix: "Run the program directly with separate arguments.",
        ..R
    },
    RuleDef {
        id: "go-tls-insecure-skip-verify",
        title: "InsecureSkipVerify: true",
        category: C::Tls,
        severity: S::High,
        cwe: 295,
        lang: L::Go,
        keywords: &["InsecureSkipVerify"],
        pattern: r"\b(InsecureSkipVerify)\s*(?::|=)\s*true\b",
        description: "`InsecureSkipVerify: true` accepts any certificate (gosec G402).",
        bad: "&tls.Config{InsecureSkipVerify: true}",
        good: "&tls.Config{RootCAs: pool}",
        fix: "Keep verification; add your CA to `RootCAs`.",
        ..R
    },
    RuleDef {
        id: "go-weak-hash",
        title: "MD5 / SHA-1 hash",
        category: C::WeakCrypto,
        severity: S::Medium,
        cwe: 327,
        lang: L::Go,
        keywords: &["md5.", "sha1."],
        pattern: r"\b((?:md5|sha1)\.(?:New|Sum))\s*\(",
        description: "MD5 and SHA-1 are broken for collision resistance (gosec G401).",
        bad: "sum := md5.Sum(data)",
        good: "sum := sha256.Sum256(data)",
        fix: "Use `crypto/sha256` or better.",
        ..R
    },
    RuleDef {
        id: "go-weak-cipher",
        title: "DES / RC4 cipher",
        category: C::WeakCrypto,
        severity: S::High,
        cwe: 327,
        lang: L::Go,
        keywords: &["des.", "rc4."],
        pattern: r"\b(des\.New(?:Triple)?DESCipher|des\.NewCipher|rc4\.NewCipher)\s*\(",
        description: "DES, 3DES and RC4 are weak ciphers (gosec G401/G405).",
        bad: "block, _ := des.NewCipher(key)",
        good: "block, _ := aes.NewCipher(key) // then cipher.NewGCM(block)",
        fix: "Use AES-GCM or ChaCha20-Poly1305.",
        ..R
    },
    RuleDef {
        id: "go-sql-format",
        title: "SQL built with Sprintf or concatenation",
        category: C::Sql,
        severity: S::High,
        cwe: 89,
        confidence: Confidence::Medium,
        lang: L::Go,
        keywords: &["Query", "Exec"],
        pattern: r#"\.((?:Query|QueryRow|Exec|Prepare)(?:Context)?)\s*\((?:\s*\w+\s*,)?\s*(?:fmt\.Sprintf\s*\(\s*"x*"|"x*"\s*\+)"#,
        literal: Some(
            r#"(?i)\(\s*(?:\w+\s*,\s*)?(?:fmt\.Sprintf\s*\(\s*)?"\s*(?:select|insert|update|delete|with)\b"#,
        ),
        description: "A query built with `fmt.Sprintf` or `+` lets input change the SQL (gosec G201/G202).",
        bad: "db.Query(fmt.Sprintf(\"SELECT * FROM t WHERE id = %s\", id))",
        good: "db.Query(\"SELECT * FROM t WHERE id = $1\", id)",
        fix: "Use placeholders and pass values as arguments.",
        ..R
    },
    RuleDef {
        id: "go-zip-slip",
        title: "archive entry name joined into a path without a check",
        category: C::PathTraversal,
        severity: S::High,
        cwe: 22,
        confidence: Confidence::Medium,
        lang: L::Go,
        keywords: &["archive/zip", "archive/tar"],
        pattern: r"\b(filepath\.Join|path\.Join)\s*\(",
        args_require: Some(r"\.Name\b"),
        file_require: Some(r"archive/(?:zip|tar)"),
        file_forbid: Some(r"strings\.HasPrefix|filepath\.Rel\b|filepath\.IsLocal|IsLocal\("),
        description: "Joining an archive entry's name into a destination path lets `../` names write outside it (zip slip, gosec G305).",
        bad: "import \"archive/zip\"\np := filepath.Join(dest, f.Name)",
        good: "p := filepath.Join(dest, f.Name)\nif !strings.HasPrefix(p, filepath.Clean(dest)+string(os.PathSeparator)) { return errBadPath }",
        fix: "Check the joined path stays below the destination (or use `filepath.IsLocal`).",
        ..R
    },
];
