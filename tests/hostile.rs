//! Issue 18 item 7: deep nesting in the security lexers and in the config loader is handled,
//! never a stack overflow that takes the whole run down.

use assert_cmd::Command;

#[test]
fn the_security_gate_survives_deep_nesting() {
    let d = tempfile::tempdir().unwrap();
    let n = 20_000;
    let files = [
        (
            "deep.sh",
            format!("{}ls{}\n", "$(".repeat(n), ")".repeat(n)),
        ),
        (
            "deep.rb",
            format!("x = {}1{}\n", "(".repeat(n), ")".repeat(n)),
        ),
        (
            "deep.php",
            format!("<?php $x = {}1{};\n", "(".repeat(n), ")".repeat(n)),
        ),
        (
            "deep.js",
            format!("var s = `{}x{}`;\n", "${`".repeat(n), "`}".repeat(n)),
        ),
        ("deep.py", format!("x = f'{}'\n", "{f'".repeat(n))),
        (
            "deep.go",
            format!("package a\nvar x = {}1{}\n", "(".repeat(n), ")".repeat(n)),
        ),
        (
            "Deep.java",
            format!(
                "class A {{ int x = {}1{}; }}\n",
                "(".repeat(n),
                ")".repeat(n)
            ),
        ),
        (
            "deep.rs",
            format!(
                "fn f() {{ let x = {}1{}; }}\n",
                "(".repeat(n),
                ")".repeat(n)
            ),
        ),
        // Rules' keywords present, so these are parsed and matched: a buffer handed to
        // `strcpy` through 20,000 parentheses, a command through as many.
        (
            "deep.c",
            format!(
                "void f(char *b) {{ strcpy({}b{}, \"x\"); system(b); }}\n",
                "(".repeat(n),
                ")".repeat(n)
            ),
        ),
        (
            "deep.cpp",
            format!(
                "void f(char *b) {{ strcat({}b{}, \"x\"); popen(b, \"r\"); }}\n",
                "(".repeat(n),
                ")".repeat(n)
            ),
        ),
        (
            "deep.kt",
            format!(
                "fun f(b: String) {{ Runtime.getRuntime().exec({}b{}) }}\n",
                "(".repeat(n),
                ")".repeat(n)
            ),
        ),
        // A real finding after the deep part is still found.
        (
            "after.py",
            format!("x = {}1{}\neval(input())\n", "(".repeat(n), ")".repeat(n)),
        ),
    ];
    for (name, text) in &files {
        std::fs::write(d.path().join(name), text).unwrap();
    }
    let o = gatekeep::gates::run_for_test("security", "", d.path()).unwrap();
    let files_scanned = o
        .metrics
        .iter()
        .find(|m| m.name == "files")
        .map(|m| m.value);
    assert_eq!(files_scanned, Some(files.len() as f64));
    assert!(
        o.findings
            .iter()
            .any(|f| f.path.as_deref() == Some("after.py") && f.line == Some(2)),
        "{:?}",
        o.findings
    );
}

#[test]
fn a_deeply_nested_config_is_a_config_error() {
    for (name, text) in [
        (
            "gates.toml",
            format!("x = {}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
        ),
        (
            "gates.yaml",
            format!("x: {}1{}\n", "{a: ".repeat(100_000), "}".repeat(100_000)),
        ),
    ] {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join(name), text).unwrap();
        let out = Command::cargo_bin("gatekeep")
            .unwrap()
            .arg("check")
            .arg(d.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(&format!("{name}:1:")), "{name}: {stderr}");
    }
}
