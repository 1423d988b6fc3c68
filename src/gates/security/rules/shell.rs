//! Shell rules.

use super::{Category as C, Confidence, L, R, RuleDef};
use crate::model::Severity as S;

pub static RULES: &[RuleDef] = &[
    RuleDef {
        id: "sh-eval",
        title: "eval of expanded data",
        category: C::CodeExecution,
        severity: S::Medium,
        cwe: 95,
        confidence: Confidence::Medium,
        lang: L::Sh,
        keywords: &["eval"],
        pattern: r#"(?:^|[\s;&|(`{])(eval)\s+(?:"|\$|`)"#,
        literal: Some(r#"^eval\s+(?:"[^"\n]*\$|\$|`)"#),
        description: "`eval` re-parses its arguments as shell code; expanded data can inject commands.",
        bad: "eval \"$user_cmd\"",
        good: "\"${cmd[@]}\"  # keep the command in an array",
        fix: "Keep commands in arrays and run them without `eval`.",
        ..R
    },
    RuleDef {
        id: "sh-curl-pipe-shell",
        title: "download piped into a shell",
        category: C::CodeExecution,
        severity: S::High,
        cwe: 494,
        lang: L::Sh,
        keywords: &["curl", "wget"],
        // `curl … | sh`, `| sudo /bin/bash -x`; `bash <(curl …)`; `bash -c "$(curl …)"`.
        pattern: r#"\b(curl|wget)\b[^|\n]*\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:[\w./-]*/)?(?:ba|z|da)?sh\b|(?:^|[\s;&|(])(?:sudo\s+(?:-\S+\s+)*)?(?:[\w./-]*/)?(?:ba|z|da)?sh\s+(?:-\S+\s+)*(?:<\(\s*|["']?\$\(\s*)(curl|wget)\b"#,
        description: "Piping a download into a shell, or running one through process or command substitution (`bash <(curl …)`, `bash -c \"$(curl …)\"`), runs whatever the server (or anyone on the path) sends, unverified.",
        bad: "curl -fsSL https://example.com/install.sh | sh",
        good: "curl -fsSLO https://example.com/install.sh && sha256sum -c install.sh.sha256 && sh install.sh",
        fix: "Download, verify a checksum or signature, then run.",
        ..R
    },
    RuleDef {
        id: "sh-tls-insecure",
        title: "curl -k / wget --no-check-certificate",
        category: C::Tls,
        severity: S::High,
        cwe: 295,
        lang: L::Sh,
        keywords: &["curl", "wget"],
        pattern: r"\b(curl)\b[^\n|;&]*\s(?:--insecure\b|-[a-zA-Z]*k[a-zA-Z]*(?:\s|$))|\b(wget)\b[^\n|;&]*\s--no-check-certificate\b",
        description: "`curl -k` and `wget --no-check-certificate` accept any certificate.",
        bad: "curl -k https://internal/api",
        good: "curl --cacert /etc/ssl/internal-ca.pem https://internal/api",
        fix: "Pass your CA with `--cacert` / `--ca-certificate`.",
        ..R
    },
];
