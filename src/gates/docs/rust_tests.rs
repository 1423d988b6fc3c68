//! Unit tests of the Rust reader (`rust.rs`): each on a snippet written for it.

use super::*;

fn count(files: &[(&str, &str)]) -> Vec<(String, Vec<Item>)> {
    let parsed = files
        .iter()
        .map(|(r, s)| (r.to_string(), parse(s).unwrap()))
        .collect();
    resolve(parsed, &HashMap::new())
}

fn names(out: &[(String, Vec<Item>)]) -> Vec<String> {
    out.iter()
        .flat_map(|(_, v)| {
            v.iter()
                .map(|i| format!("{}{}", if i.documented { "+" } else { "-" }, i.name))
        })
        .collect()
}

#[test]
fn doc_forms() {
    let src = "//! crate\n/// a\npub fn a() {}\n/** b */\npub fn b() {}\n#[doc = \"c\"]\npub fn c() {}\n// no\npub fn d() {}\n/* no */\npub fn e() {}\n#[doc = include_str!(\"x.md\")]\npub fn f() {}\n";
    let out = count(&[("src/lib.rs", src)]);
    assert_eq!(
        names(&out),
        ["+src/lib.rs", "+a", "+b", "+c", "-d", "-e", "+f"]
    );
}

#[test]
fn visibility_and_members() {
    let src = r#"
pub struct S { pub a: u8, b: u8, pub(crate) c: u8 }
pub struct T(pub u8);
struct Private { pub x: u8 }
pub enum E { /// v
 A, B { x: u8 } }
pub trait Tr { fn m(&self); /// d
 const C: u8; type T; }
impl S { pub fn new() -> S { todo!() } fn private() {} }
impl Tr for S { fn m(&self) {} const C: u8 = 1; type T = u8; }
impl Private { pub fn hidden_type() {} }
#[doc(hidden)] pub fn hidden() {}
#[doc(hidden)] pub struct H { pub f: u8 }
pub(crate) fn crate_only() {}
#[cfg(test)] pub mod tests { pub fn t() {} }
pub const _: () = ();
#[macro_export] macro_rules! mac { () => {} }
macro_rules! local { () => {} }
extern "C" { pub fn ext(); }
"#;
    let out = count(&[("src/lib.rs", src)]);
    assert_eq!(
        names(&out),
        [
            "-src/lib.rs",
            "-S",
            "-S::a",
            "-T",
            "-E",
            "+E::A",
            "-E::B",
            "-E::B::x",
            "-Tr",
            "-Tr::m",
            "+Tr::C",
            "-Tr::T",
            "-S::new",
            "-mac",
            "-ext"
        ]
    );
}

#[test]
fn module_tree_and_reexports() {
    let out = count(&[
        (
            "src/lib.rs",
            "//! c\npub mod a;\nmod b;\npub use b::Re;\nmod g;\npub use g::*;\n",
        ),
        (
            "src/a.rs",
            "//! module docs count for the `pub mod a;` declaration\npub fn fa() {}\npub mod inner { pub fn fi() {} }\nmod private { pub fn fp() {} }\n",
        ),
        (
            "src/b.rs",
            "pub struct Re;\npub struct NotRe;\nimpl Re { pub fn m() {} }\nimpl NotRe { pub fn n() {} }\n",
        ),
        ("src/g/mod.rs", "pub fn globbed() {}\n"),
        ("tests/it.rs", "pub fn not_counted() {}\n"),
    ]);
    assert_eq!(
        names(&out),
        [
            "+src/lib.rs",
            "+a",
            "-fa",
            "-inner",
            "-fi",
            "-Re",
            "-Re::m",
            "-globbed"
        ]
    );
}

#[test]
fn hidden_and_test_module_files_and_qualified_reexports() {
    let out = count(&[
        (
            "src/lib.rs",
            "//! c\n#[doc(hidden)]\npub mod utils;\n#[cfg(test)]\nmod tests;\nmod error;\nmod unicode;\npub use error::Error;\n",
        ),
        ("src/utils.rs", "pub fn hidden_util() {}\n"),
        ("src/tests.rs", "pub fn test_helper() {}\n"),
        ("src/error.rs", "pub struct Error;\n"),
        ("src/unicode.rs", "pub enum Error { A }\n"),
    ]);
    assert_eq!(names(&out), ["+src/lib.rs", "-Error"]);
    assert_eq!(
        out.iter()
            .find(|(_, v)| !v.is_empty() && v[0].name == "Error")
            .map(|(r, _)| r.as_str()),
        Some("src/error.rs")
    );
}

#[test]
fn cfg_follows_default_features() {
    let src = "//! c\n#[cfg(feature = \"extra\")]\npub mod m;\n#[cfg(not(feature = \"extra\"))]\nmod m;\n#[cfg(feature = \"std\")]\npub fn with_std() {}\n#[cfg(all(unix, not(feature = \"std\")))]\npub fn no_std() {}\n#[cfg(windows)]\npub fn win() {}\npub struct S;\n#[cfg(feature = \"extra\")]\nimpl S { pub fn extra() {} }\n";
    let files = || {
        vec![
            ("src/lib.rs".to_string(), parse(src).unwrap()),
            ("src/m.rs".to_string(), parse("pub fn in_m() {}\n").unwrap()),
        ]
    };
    let toml = "[features]\ndefault = [\"std\"]\nstd = [\"alloc\", \"serde?/std\", \"dep:x\"]\nalloc = []\nextra = []\n";
    let f = default_features(toml);
    assert!(f.contains("std") && f.contains("alloc") && !f.contains("extra") && !f.contains("x"));
    let m: HashMap<String, HashSet<String>> = [(String::new(), f)].into_iter().collect();
    assert_eq!(
        names(&resolve(files(), &m)),
        ["+src/lib.rs", "-with_std", "-S"]
    );
    let m: HashMap<String, HashSet<String>> =
        [(String::new(), ["extra".to_string()].into_iter().collect())]
            .into_iter()
            .collect();
    assert_eq!(
        names(&resolve(files(), &m)),
        ["+src/lib.rs", "-m", "-no_std", "-S", "-S::extra", "-in_m"]
    );
}

#[test]
fn cfg_if_branches_follow_their_conditions() {
    let lib = "//! c\ncfg_if::cfg_if! {\n    if #[cfg(windows)] {\n        pub mod win;\n    } else if #[cfg(unix)] {\n        pub mod unix;\n        pub fn on_unix() {}\n    } else {\n        pub mod other;\n    }\n}\n";
    let files = vec![
        ("src/lib.rs".to_string(), parse(lib).unwrap()),
        ("src/win.rs".to_string(), parse("pub fn w() {}\n").unwrap()),
        ("src/unix.rs".to_string(), parse("pub fn u() {}\n").unwrap()),
        (
            "src/other.rs".to_string(),
            parse("pub fn o() {}\n").unwrap(),
        ),
    ];
    assert_eq!(
        names(&resolve(files, &HashMap::new())),
        ["+src/lib.rs", "-unix", "-on_unix", "-u"]
    );
}

#[test]
fn reexports_follow_reachable_modules_only() {
    let out = count(&[
        // `style` is globbed from the root; it names `Color` from a private inline module
        // that globs `color`: `color::Color` is reachable. `backends` is private and not
        // re-exported, so its glob of `imp` exports nothing.
        (
            "src/lib.rs",
            "//! c\nmod style;\npub use style::*;\nmod backends;\n",
        ),
        (
            "src/style/mod.rs",
            "mod color;\npub use styling::Color;\nmod styling {\n    pub use super::color::*;\n}\n",
        ),
        (
            "src/style/color.rs",
            "pub enum Color { Red }\npub struct NotNamed;\n",
        ),
        ("src/backends.rs", "mod imp;\npub use imp::*;\n"),
        ("src/backends/imp.rs", "pub fn fill() {}\n"),
    ]);
    assert_eq!(names(&out), ["+src/lib.rs", "-Color", "-Color::Red"]);
}

#[test]
fn path_attr_and_nested_dirs() {
    let out = count(&[
        (
            "src/lib.rs",
            "//! c\n#[path = \"other/x.rs\"]\npub mod x;\npub mod y;\n",
        ),
        ("src/other/x.rs", "pub fn in_x() {}\n"),
        ("src/y.rs", "/// z\npub mod z;\n"),
        ("src/y/z.rs", "pub fn in_z() {}\n"),
    ]);
    let n = names(&out);
    assert!(n.contains(&"-in_x".to_string()), "{n:?}");
    assert!(n.contains(&"-in_z".to_string()), "{n:?}");
    assert!(n.contains(&"+z".to_string()), "{n:?}");
}

#[test]
fn fn_bodies_are_dropped_but_not_fn_pointer_types() {
    let src = "#!/usr/bin/env rust-script\n//! c\ntype F = fn(u8) -> u8;\npub struct S { pub f: fn(u8) }\n#[inline] pub(crate) const unsafe fn a() { let x = { 1 }; }\nimpl S { pub extern \"C\" fn b(&self) -> u8 { 0 } }\npub trait T { fn c(&self); fn d(&self) { } }\nmacro_rules! m { () => { fn z() {} } }\n";
    let ts: proc_macro2::TokenStream = src[src.find('\n').unwrap()..].parse().unwrap();
    let text = strip_fn_bodies(ts).to_string();
    assert!(text.contains("pub struct S { pub f : fn (u8) }"), "{text}");
    assert!(!text.contains("let x"), "{text}");
    assert!(text.contains("fn b (& self) -> u8 { }"), "{text}");
    let f = parse(src).unwrap();
    let names: Vec<&str> = f.cands.iter().map(|c| c.item.name.as_str()).collect();
    assert_eq!(names, ["S", "S::f", "S::b", "T", "T::c", "T::d"]);
    assert_eq!(f.cands[0].item.line, 4, "lines survive the shebang");
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = format!(
        "pub const X: u8 = {}1{};\n",
        "(".repeat(100_000),
        ")".repeat(100_000)
    );
    let e = parse(&deep).unwrap_err();
    assert_eq!(e.line, 1);
    // Brackets in strings, chars and comments do not count.
    let fine = format!(
        "/* {} */ pub const S: &str = \"{}\"; pub const C: char = '('; fn f<'a>(x: &'a u8) {{}}\n",
        "(".repeat(1000),
        "[".repeat(1000)
    );
    assert!(parse(&fine).is_ok());
    assert!(parse(&format!("pub const R: &str = r#\"{}\"#;", "{".repeat(1000))).is_ok());
}

#[test]
fn parse_error_has_position() {
    let e = parse("pub fn x( {\n").unwrap_err();
    assert_eq!(e.line, 1);
    assert!(e.col >= 1);
}
