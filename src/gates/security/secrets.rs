//! gatekeep's own secret rules: provider patterns, generic assignments, entropy and placeholder
//! filters. gitleaks' default rule set runs alongside them ([`super::gitleaks`]).
//!
//! Secret rules run over the original text of every text file (code files included: secrets
//! live in strings and comments, which code rules never see). Several provider patterns are
//! ported from gitleaks' default config (<https://github.com/gitleaks/gitleaks>,
//! `config/gitleaks.toml`, MIT licence, Copyright (c) 2019 Zachary Rice); they are marked
//! "(gitleaks)" below.

use super::rules::{Category, Confidence, Meta};
use crate::model::Severity;

/// A secret rule. `pattern` is a regex over the original text; capture group 1 is the secret.
#[derive(Debug)]
pub struct SecretRule {
    pub id: &'static str,
    pub title: &'static str,
    pub severity: Severity,
    pub confidence: Confidence,
    /// Prefilter keywords (ASCII case-insensitive).
    pub keywords: &'static [&'static str],
    pub pattern: &'static str,
    /// Minimum Shannon entropy (bits per byte) of the secret.
    pub min_entropy: f64,
    /// Whether the generic placeholder/reference filters apply.
    pub generic: bool,
    /// Only files whose repository-relative path matches (a regex); a rule without keywords
    /// runs on every such file.
    pub path: Option<&'static str>,
    pub description: &'static str,
    pub bad: &'static str,
    /// The gitleaks rules this rule replaces (see [`super::gitleaks`]): they are not run, and
    /// their allowlists apply to this rule's findings.
    pub gitleaks: &'static [&'static str],
}

/// The "good" example of every secret rule.
pub const GOOD: &str = "token = os.environ[\"SERVICE_TOKEN\"]  # injected by the secret store";
/// The fix of every secret rule.
pub const FIX: &str = "Revoke and rotate the credential now (it is in the history), then load it from the environment or a secret manager.";

const S: SecretRule = SecretRule {
    id: "",
    title: "",
    severity: Severity::Critical,
    confidence: Confidence::High,
    keywords: &[],
    pattern: "",
    min_entropy: 0.0,
    generic: false,
    path: None,
    description: "",
    bad: "",
    gitleaks: &[],
};

impl SecretRule {
    pub fn meta(&self) -> Meta {
        Meta {
            id: self.id,
            title: self.title,
            category: Category::Secrets,
            severity: self.severity,
            cwe: 798,
            confidence: self.confidence,
            langs: "every text file".to_string(),
            description: self.description,
            bad: self.bad,
            good: GOOD,
            fix: FIX,
        }
    }
}

#[allow(clippy::needless_update)]
pub static SECRET_RULES: &[SecretRule] = &[
    SecretRule {
        id: "secret-private-key",
        title: "private key (PEM)",
        keywords: &["PRIVATE KEY"],
        pattern: r"(-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----)[^\n]*?(?:\\r|\\n|\r|\n)+\s*(?:[A-Za-z-]+: [^\n]*\n\s*)*[A-Za-z0-9+/=]{20,}",
        description: "A PEM private key block (RSA, EC, DSA, OpenSSH, PGP, PKCS#8). (gitleaks)",
        bad: "-----BEGIN RSA PRIVATE KEY-----\\nMIIEow...",
        gitleaks: &["private-key"],
        ..S
    },
    SecretRule {
        id: "secret-aws-access-key",
        title: "AWS access key id",
        keywords: &["AKIA", "ASIA", "ABIA", "ACCA", "A3T"],
        pattern: r"\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b",
        min_entropy: 3.0,
        description: "An AWS access key id. (gitleaks)",
        bad: "aws_access_key_id = AKIAZ4N2R7Q5X6LQWT3P",
        gitleaks: &["aws-access-token"],
        ..S
    },
    SecretRule {
        id: "secret-aws-secret-key",
        title: "AWS secret access key",
        keywords: &["aws"],
        pattern: r#"(?i)aws_?(?:secret)?_?(?:access)?_?key(?:_?id)?[\w]*['"]?\s*(?:[:=]|=>|:=)\s*['"]?([A-Za-z0-9/+=]{40})(?:['"\s]|$)"#,
        min_entropy: 4.0,
        description: "An AWS secret access key assigned to an `aws_secret_access_key`-like name.",
        bad: "aws_secret_access_key = \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8kT3vN2d\"",
        ..S
    },
    SecretRule {
        id: "secret-github-token",
        title: "GitHub token",
        keywords: &["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"],
        pattern: r"\b((?:ghp|gho|ghu|ghs|ghr)_[0-9a-zA-Z]{36}|github_pat_[0-9a-zA-Z_]{82})\b",
        min_entropy: 3.0,
        description: "A GitHub personal access, OAuth, app or refresh token. (gitleaks)",
        bad: "GITHUB_TOKEN=ghp_1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ",
        gitleaks: &[
            "github-pat",
            "github-oauth",
            "github-app-token",
            "github-refresh-token",
            "github-fine-grained-pat",
        ],
        ..S
    },
    SecretRule {
        id: "secret-gitlab-token",
        title: "GitLab token",
        keywords: &["glpat-", "glptt-", "GR1348941", "gldt-", "glrt-"],
        pattern: r"\b((?:glpat|gldt|glrt)-[0-9a-zA-Z_-]{20,}|glptt-[0-9a-f]{40}|GR1348941[0-9a-zA-Z_-]{20})\b",
        min_entropy: 3.0,
        description: "A GitLab personal, deploy, pipeline-trigger or runner token. (gitleaks)",
        bad: "token: glpat-Xy7rQ2vLm9NpA4sT8kWz",
        gitleaks: &[
            "gitlab-pat",
            "gitlab-ptt",
            "gitlab-deploy-token",
            "gitlab-rrt",
            "gitlab-runner-authentication-token",
        ],
        ..S
    },
    SecretRule {
        id: "secret-slack-token",
        title: "Slack token",
        keywords: &["xox"],
        pattern: r"\b(xox[baprse]-[0-9]{8,13}-[0-9a-zA-Z-]{8,})",
        min_entropy: 3.0,
        description: "A Slack bot, user, app or legacy token. (gitleaks)",
        bad: "SLACK_TOKEN=xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
        gitleaks: &[
            "slack-bot-token",
            "slack-user-token",
            "slack-legacy-bot-token",
        ],
        ..S
    },
    SecretRule {
        id: "secret-slack-webhook",
        title: "Slack webhook URL",
        severity: Severity::High,
        keywords: &["hooks.slack.com"],
        pattern: r"((?:https?://)?\bhooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/_-]{20,})",
        description: "A Slack incoming webhook URL: anyone holding it can post to the channel. (gitleaks)",
        bad: "url = \"https://hooks.slack.com/services/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\"",
        gitleaks: &["slack-webhook-url"],
        ..S
    },
    SecretRule {
        id: "secret-facebook-graph-token",
        title: "Facebook Graph API access token",
        keywords: &["EAA"],
        // gitleaks' `facebook-page-access-token` (EAAM/EAAC only, and not followed by `&`)
        // missed user tokens (`EAAAA…`) and a token in a URL's query (`?access_token=EAA…&x=1`).
        pattern: r#"\b(EAA[A-Za-z0-9]{100,})(?:[&\x60'"\s;]|\\[nr]|$)"#,
        min_entropy: 4.0,
        description: "A Facebook (Graph API) user or page access token: `EAA` and 100 or more letters and digits, also in a URL's query string. (gitleaks, widened)",
        bad: "https://graph.facebook.com/me?access_token=EAAM9GOnCB9kBO2frzOAWGN2zMnZClQshlWydZCrBNdodesbwimx1mfVJgqZBP5RSpMfUzWhtjTTXHG5I1UlvlwRZCgjm3ZBVGeT&limit=1",
        gitleaks: &["facebook-page-access-token"],
        ..S
    },
    SecretRule {
        id: "secret-huggingface-organization-api-token",
        title: "Hugging Face organization API token",
        keywords: &["api_org_"],
        // gitleaks' rule ends the token only at a quote, a space or `;`, so one followed by
        // `,`, `)`, `<` or a backslash (`\"api_org_…\"`) was missed.
        pattern: r"\b(api_org_[A-Za-z]{34})\b",
        min_entropy: 2.0,
        description: "A Hugging Face organization API token (`api_org_` and 34 letters). (gitleaks, widened)",
        bad: "hf_org = (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)",
        gitleaks: &["huggingface-organization-api-token"],
        ..S
    },
    SecretRule {
        id: "secret-stripe-key",
        title: "Stripe secret or restricted key",
        keywords: &[
            "sk_live", "rk_live", "sk_test", "rk_test", "sk_prod", "rk_prod",
        ],
        pattern: r"\b((?:sk|rk)_(?:test|live|prod)_[0-9a-zA-Z]{10,99})\b",
        min_entropy: 3.0,
        description: "A Stripe secret or restricted API key. (gitleaks)",
        bad: "stripe.api_key = \"sk_live_4eC39HqLyjWDarjtT1zdp7dc\"",
        gitleaks: &["stripe-access-token"],
        ..S
    },
    SecretRule {
        id: "secret-google-api-key",
        title: "Google API key",
        severity: Severity::High,
        keywords: &["AIza"],
        pattern: r"\b(AIza[0-9A-Za-z_-]{35})\b",
        min_entropy: 3.0,
        description: "A Google Cloud / Firebase API key. (gitleaks)",
        bad: "const key = \"AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY\";",
        gitleaks: &["gcp-api-key"],
        ..S
    },
    SecretRule {
        id: "secret-gcp-service-account",
        title: "GCP service-account key file",
        keywords: &["service_account"],
        pattern: r#"("type"\s*:\s*"service_account")"#,
        confidence: Confidence::Medium,
        description: "A Google service-account JSON key file (its private key is in it).",
        bad: "{\"type\": \"service_account\", \"private_key\": \"-----BEGIN PRIVATE KEY-----...\"}",
        ..S
    },
    SecretRule {
        id: "secret-npm-token",
        title: "npm access token",
        keywords: &["npm_"],
        pattern: r"\b(npm_[a-zA-Z0-9]{36})\b",
        min_entropy: 3.0,
        description: "An npm access token. (gitleaks)",
        bad: "//registry.npmjs.org/:_authToken=npm_abcdefghijklmnopqrstuvwxyz0123456789",
        gitleaks: &["npm-access-token"],
        ..S
    },
    SecretRule {
        id: "secret-pypi-token",
        title: "PyPI upload token",
        keywords: &["pypi-AgEIcHlwaS5vcmc"],
        pattern: r"\b(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})",
        description: "A PyPI upload token. (gitleaks)",
        bad: "password = pypi-AgEIcHlwaS5vcmcCJDU...",
        gitleaks: &["pypi-upload-token"],
        ..S
    },
    SecretRule {
        id: "secret-openai-key",
        title: "OpenAI API key",
        keywords: &["T3BlbkFJ"],
        pattern: r"\b(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,74}T3BlbkFJ[A-Za-z0-9_-]{20,74})\b",
        description: "An OpenAI API key (project, service-account, admin or legacy). (gitleaks)",
        bad: "OPENAI_API_KEY=sk-...T3BlbkFJ...",
        gitleaks: &["openai-api-key"],
        ..S
    },
    SecretRule {
        id: "secret-sendgrid-key",
        title: "SendGrid API key",
        keywords: &["SG."],
        pattern: r"\b(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})\b",
        description: "A SendGrid API key. (gitleaks)",
        bad: "SENDGRID_API_KEY=SG.xxxxxxxxxxxxxxxxxxxxxx.yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy",
        gitleaks: &["sendgrid-api-token"],
        ..S
    },
    SecretRule {
        id: "secret-twilio-key",
        title: "Twilio API key",
        severity: Severity::High,
        keywords: &["twilio"],
        pattern: r"\b(SK[0-9a-fA-F]{32})\b",
        min_entropy: 3.2,
        description: "A Twilio API key sid, in a file that mentions Twilio. (gitleaks)",
        bad: "TWILIO_KEY=SK2a3b4c5d6e7f8091a2b3c4d5e6f70819",
        gitleaks: &["twilio-api-key"],
        ..S
    },
    SecretRule {
        id: "secret-jwt",
        title: "JSON Web Token",
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        keywords: &["eyJ"],
        pattern: r"\b(eyJ[A-Za-z0-9_-]{15,}\.eyJ[A-Za-z0-9_-]{15,}\.[A-Za-z0-9_-]{10,})",
        description: "A signed JSON Web Token; it may still be valid. (gitleaks)",
        bad: "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        gitleaks: &["jwt"],
        ..S
    },
    SecretRule {
        id: "secret-url-credentials",
        title: "credentials in a URL",
        severity: Severity::High,
        confidence: Confidence::Medium,
        keywords: &["://"],
        pattern: r"\b[a-zA-Z][a-zA-Z0-9+.-]{1,15}://[^\s:/@'\x22]{1,64}:([^\s:/@'\x22]{3,128})@[A-Za-z0-9.-]+",
        min_entropy: 2.5,
        generic: true,
        description: "A URL with a user and password in it (`scheme://user:password@host`).",
        bad: "DATABASE_URL = \"postgres://app:Xq7Lm2Rt9Kd!@db.internal:5432/app\"",
        ..S
    },
    SecretRule {
        id: "secret-generic-password",
        title: "hard-coded password or secret",
        severity: Severity::High,
        confidence: Confidence::Medium,
        keywords: &[
            "pass", "pwd", "secret", "token", "apikey", "api_key", "api-key", "auth",
        ],
        pattern: r#"(?i)(?:password|passwd|passphrase|pwd|secret|token|api_?key|apikey|auth_?key|access_?key|client_?secret|credentials?)[\w-]*['"]?\]?\s*(?::=|=>|==|=|:)\s*(?:b|r|u|f)?(?:"([^"\n\\]{4,200})"|'([^'\n\\]{4,200})'|`([^`\n\\]{4,200})`)"#,
        min_entropy: 2.8,
        generic: true,
        description: "A quoted value assigned to a name like `password`, `secret`, `token` or `api_key`.",
        bad: "DB_PASSWORD = \"hunter2-Pr0duction!\"",
        ..S
    },
    SecretRule {
        id: "secret-generic-api-key",
        title: "high-entropy value assigned to a key-like name",
        severity: Severity::High,
        confidence: Confidence::Low,
        keywords: &["key", "secret", "token", "pass", "auth", "credential"],
        pattern: r#"(?i)(?:access|auth|api|credential|creds|key|passw(?:or)?d|secret|token)[\w.-]{0,20}\s*(?:=|:|:=|=>)\s*(?:!!binary\s+)?['"]?([A-Za-z0-9_./+=-]{16,150})(?:[\s;,'"]|$)"#,
        min_entropy: 3.7,
        generic: true,
        description: "A high-entropy value, quoted or not, assigned to a key-like name (`key=\"…\"`, `.env` and YAML files). (gitleaks `generic-api-key`)",
        bad: "API_KEY=9f8e7d6c5b4a39281706f5e4d3c2b1a0",
        gitleaks: &["generic-api-key"],
        ..S
    },
    SecretRule {
        id: "secret-npmrc-auth",
        title: "npm registry credential in .npmrc",
        keywords: &["_auth", "_password"],
        path: Some(r"(?:^|/)(?:\.npmrc|[\w.-]+\.npmrc)$"),
        // `_auth=`, `_authToken=`, `_password=`, alone or scoped to a registry
        // (`//registry.npmjs.org/:_authToken=…`); `${NPM_TOKEN}` is a reference, not a value.
        pattern: r#"(?m)^[ \t]*(?://[^\s=]*:)?(?:_authToken|_auth|_password)[ \t]*=[ \t]*["']?([^\s"'$#][^\s"'#]{5,})"#,
        min_entropy: 3.0,
        description: "A registry credential written into an `.npmrc` (`_authToken`, `_auth`, `_password`, global or for one registry): whoever reads the file can publish or install as that user. Legacy npm tokens are UUIDs, so a UUID counts here.",
        bad: "//registry.npmjs.org/:_authToken=27dfe8d8-889b-4380-92ff-9c3c6ea5d478",
        ..S
    },
    SecretRule {
        id: "secret-dotenv-value",
        title: "high-entropy value in a .env file",
        severity: Severity::High,
        confidence: Confidence::Medium,
        keywords: &[],
        path: Some(r"(?:^|/)(?:\.env(?:\.[\w.-]+)?|[\w.-]+\.env)$"),
        pattern: r#"(?m)^[ \t]*(?:export[ \t]+)?[A-Za-z_][A-Za-z0-9_.-]*[ \t]*=[ \t]*['"]?([A-Za-z0-9_./+=-]{20,200})['"]?[ \t]*(?:#[^\n]*)?\r?$"#,
        min_entropy: 4.0,
        generic: true,
        description: "A random-looking value (letters and digits mixed, entropy ≥ 4 bits per character) assigned in a dotenv file (`.env`, `.env.production`, `prod.env`), whatever the variable is called: dotenv files are where deployments keep their secrets.",
        bad: "STRIPE_SIGNING=wq8Z2rT5yK1mN7vB3xC9dF4gH6jL0pQs",
        ..S
    },
];

/// Shannon entropy in bits per byte.
pub fn entropy(s: &[u8]) -> f64 {
    if s.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for &b in s {
        counts[b as usize] += 1;
    }
    let n = s.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f64 / n;
            -p * p.log2()
        })
        .sum()
}

/// Whether a candidate secret is a placeholder, a reference or an obvious non-secret.
pub fn is_placeholder(v: &[u8]) -> bool {
    let s = String::from_utf8_lossy(v);
    let t = s.trim();
    let l = t.to_ascii_lowercase();
    if t.len() < 4 {
        return true;
    }
    // References and templates.
    if t.contains("${")
        || t.contains("{{")
        || t.contains("$(")
        || t.starts_with('$')
        || t.starts_with('%')
        || t.starts_with('<') && t.ends_with('>')
        || t.starts_with('{') && t.ends_with('}')
        || t.starts_with('[') && t.ends_with(']')
        || l.contains("environ")
        || l.contains("getenv")
        || l.contains("process.env")
        || l.contains("%s")
        || l.contains("%(")
    {
        return true;
    }
    const WORDS: &[&str] = &[
        "changeme",
        "change_me",
        "change-me",
        "xxxx",
        "****",
        "####",
        "....",
        "example",
        "placeholder",
        "dummy",
        "sample",
        "redacted",
        "your_",
        "your-",
        "yourpassword",
        "insert",
        "replace",
        "todo",
        "fixme",
        "notasecret",
        "not-a-secret",
        "secret_here",
        "password_here",
        "<password>",
        "passw0rd",
        "password123",
        "p@ssw0rd",
        "12345678",
        "abcdef",
        "foobar",
        "lorem",
        "none",
        "null",
        "undefined",
        "true",
        "false",
        "test1234",
    ];
    if WORDS.iter().any(|w| l.contains(w)) {
        return true;
    }
    // A value that names what it is (`test-vault-password`, `my_secret`) is a label, not a
    // secret; so are the bare words people put in examples.
    const NAMES: &[&str] = &[
        "password", "passwd", "secret", "token", "apikey", "api_key", "api-key",
    ];
    const BARE: &[&str] = &[
        "pass", "pwd", "user", "username", "admin", "root", "test", "guest", "demo", "hunter2",
        "foo", "bar", "baz", "qwerty", "letmein",
    ];
    if NAMES.iter().any(|w| l.contains(w)) || BARE.contains(&l.as_str()) {
        return true;
    }
    // One repeated character, or only one character class of lowercase letters and `_`
    // (an identifier, e.g. `password = "password_field"`).
    let first = t.as_bytes()[0];
    if t.bytes().all(|b| b == first) {
        return true;
    }
    if t.bytes()
        .all(|b| b.is_ascii_lowercase() || b == b'_' || b == b'.' || b == b'-')
        && t.contains(['_', '.'])
    {
        return true;
    }
    if t.bytes().all(|b| b.is_ascii_uppercase() || b == b'_') {
        // SCREAMING_CASE names: references to settings or environment variables.
        return true;
    }
    // Code, not a literal: a call or an attribute path (`settings.SECRET_KEY`, `get_token()`,
    // `Ed25519.BlindKeySignatures`).
    if t.contains("()") || t.ends_with(')') {
        return true;
    }
    let ident = |s: &str| {
        s.chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    if t.contains('.') && t.split('.').all(ident) && !t.split('.').any(|s| s.len() > 24) {
        return true;
    }
    // UUIDs are identifiers (credential ids, resource ids), not secrets.
    let b = t.as_bytes();
    if b.len() == 36
        && b.iter().enumerate().all(|(i, c)| {
            if [8, 13, 18, 23].contains(&i) {
                *c == b'-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
    {
        return true;
    }
    // File names (`TokenFile="RTL_INST_CODE.cer"`).
    if let Some((stem, ext)) = t.rsplit_once('.')
        && !stem.is_empty()
        && (2..=4).contains(&ext.len())
        && ext.chars().all(|c| c.is_ascii_lowercase())
        && !stem.contains(['/', '+', '='])
    {
        return true;
    }
    false
}

/// Redacts a secret for a message: the first 4 characters and the length.
pub fn redact(v: &[u8]) -> String {
    let s = String::from_utf8_lossy(v);
    let head: String = s.chars().take(4).collect();
    format!("{head}… ({} chars)", s.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entropy_and_placeholders() {
        assert!(entropy(b"aaaa") < 0.01);
        assert!(entropy(b"wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8kT3vN2d") > 4.0);
        for p in [
            "${DB_PASS}",
            "{{ secret }}",
            "changeme",
            "xxxxxxxx",
            "os.environ['X']",
            "<your-token>",
            "DB_PASSWORD",
            "password_field",
            "get_password()",
        ] {
            assert!(is_placeholder(p.as_bytes()), "{p}");
        }
        for s in ["hunter2-Pr0duction!", "s3cr3t-v4lue-9x"] {
            assert!(!is_placeholder(s.as_bytes()), "{s}");
        }
    }
}
