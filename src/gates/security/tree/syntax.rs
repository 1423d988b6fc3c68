//! What gatekeep knows of each grammar for data flow: the node kinds of functions,
//! assignments, names, members and calls per language ([`Syntax`]), and the word lists the
//! flow analysis reads (literals, string parts, branches, mutating and pure methods, format
//! calls, URL decoders, predicates). Adding a language's data flow is a table here.

use ast_grep_language::SupportLang;

/// Node kinds of one grammar that the analysis needs.
pub struct Syntax {
    /// Function-like nodes: each is a scope.
    pub functions: &'static [&'static str],
    /// Assignment-like nodes: (kind, target field, value field).
    pub assigns: &'static [(&'static str, &'static str, &'static str)],
    /// Names: a use is looked up, a target is bound.
    pub names: &'static [&'static str],
    /// Member or attribute chains (`self.x`, `this.cmd`) bound and looked up by their text.
    pub members: &'static [&'static str],
    /// Calls: never constant.
    pub calls: &'static [&'static str],
    /// Parts whose named children are not values (`shell=True`'s `shell`): only the field
    /// given is read.
    pub keyed: &'static [(&'static str, &'static str)],
    /// Operators that build a string from parts (`a + b`, Python's `"%s" % x`).
    pub concats: &'static [&'static str],
    /// Calls whose result is constant when their arguments are (`str(3)`): by callee text.
    pub transparent: &'static [&'static str],
    /// Prefixes of names that outlive the function assigning them (Ruby's `@x`, `@@x`, `$x`):
    /// bound once for the file, see [`Table::is_field`].
    pub fields: &'static [&'static str],
    /// Methods whose callback's first parameter is an element of the receiver
    /// (JavaScript's `arr.forEach((x) => …)`), see [`Facts::element_parameters`].
    pub element_callbacks: &'static [&'static str],
    /// In-place methods of this grammar beyond the common [`MUTATORS`] (Ruby's `q.concat(x)`).
    pub mutators: &'static [&'static str],
    /// Assignment kinds that, inside a closure, write the enclosing function's name when it
    /// has one (JavaScript's `x = …` in an arrow function, Ruby's in a block), rather than
    /// declaring a name of the closure's own (Python's `x = …` in a lambda cannot exist; in a
    /// nested `def` it is local).
    pub closure_assigns: &'static [&'static str],
    /// String kinds whose parts are values themselves, with no interpolation node around them
    /// (PHP's `"… $x {$y['k']}"`, heredocs and backticks): built when a part is not a constant.
    pub interpolated: &'static [&'static str],
}

pub(super) const PYTHON: Syntax = Syntax {
    functions: &["function_definition", "lambda"],
    assigns: &[
        ("assignment", "left", "right"),
        ("augmented_assignment", "left", "right"),
        ("for_statement", "left", "right"),
        ("named_expression", "name", "value"),
    ],
    names: &["identifier"],
    members: &["attribute"],
    calls: &["call", "await"],
    keyed: &[("keyword_argument", "value"), ("pair", "value")],
    concats: &["binary_operator"],
    transparent: &["str", "int", "float", "bool", "repr", "len"],
    fields: &[],
    element_callbacks: &[],
    mutators: &[],
    closure_assigns: &[],
    interpolated: &[],
};

pub(super) const JS: Syntax = Syntax {
    functions: &[
        "function_declaration",
        "function_expression",
        "arrow_function",
        "method_definition",
        "generator_function_declaration",
        "generator_function",
        "function",
    ],
    assigns: &[
        ("variable_declarator", "name", "value"),
        ("assignment_expression", "left", "right"),
        ("augmented_assignment_expression", "left", "right"),
        ("for_in_statement", "left", "right"),
    ],
    names: &[
        "identifier",
        "shorthand_property_identifier",
        "shorthand_property_identifier_pattern",
    ],
    members: &["member_expression"],
    calls: &["call_expression", "new_expression", "await_expression"],
    keyed: &[("pair", "value")],
    concats: &["binary_expression"],
    transparent: &[
        "String",
        "Number",
        "parseInt",
        "parseFloat",
        "JSON.stringify",
        // jose: a key made from a literal is a literal key (`JWT.sign(p, JWK.asKey("k"))`)
        "JWK.asKey",
        "jose.JWK.asKey",
    ],
    fields: &[],
    element_callbacks: &[
        "forEach", "map", "flatMap", "filter", "find", "findLast", "some", "every",
    ],
    mutators: &[],
    closure_assigns: &["assignment_expression", "augmented_assignment_expression"],
    interpolated: &[],
};

pub(super) const GO: Syntax = Syntax {
    functions: &["function_declaration", "method_declaration", "func_literal"],
    assigns: &[
        ("short_var_declaration", "left", "right"),
        ("assignment_statement", "left", "right"),
        ("var_spec", "name", "value"),
        ("range_clause", "left", "right"),
    ],
    names: &["identifier"],
    members: &["selector_expression"],
    calls: &["call_expression"],
    keyed: &[("keyed_element", "value")],
    concats: &["binary_expression"],
    transparent: &[
        "string",
        "strconv.Itoa",
        "strconv.FormatInt",
        "fmt.Sprint",
        "fmt.Sprintf",
    ],
    fields: &[],
    element_callbacks: &[],
    mutators: &[],
    closure_assigns: &[],
    interpolated: &[],
};

pub(super) const JAVA: Syntax = Syntax {
    functions: &[
        "method_declaration",
        "constructor_declaration",
        "lambda_expression",
    ],
    assigns: &[
        ("variable_declarator", "name", "value"),
        ("assignment_expression", "left", "right"),
        ("enhanced_for_statement", "name", "value"),
    ],
    names: &["identifier"],
    members: &["field_access"],
    calls: &["method_invocation", "object_creation_expression"],
    keyed: &[],
    concats: &["binary_expression"],
    transparent: &[
        "String.valueOf",
        "Integer.toString",
        "Long.toString",
        "String.format",
    ],
    fields: &[],
    element_callbacks: &[],
    mutators: &[],
    closure_assigns: &["assignment_expression"],
    interpolated: &[],
};

/// Ruby: methods, blocks and lambdas are scopes; a call is `receiver.method(arguments)` (a
/// bare `name` with no arguments is an `identifier`, so `params` is a name the tables never
/// bind); `params[:x]` is an `element_reference`; `"…#{x}"`, backticks and heredoc bodies hold
/// `interpolation`s; `a + b`, `a % b` and `a << b` are `binary` (`<<` also fills its left
/// side, see [`Facts::find_assignments`]).
pub(super) const RUBY: Syntax = Syntax {
    functions: &["method", "singleton_method", "block", "do_block", "lambda"],
    assigns: &[
        ("assignment", "left", "right"),
        ("operator_assignment", "left", "right"),
        ("for", "pattern", "value"),
    ],
    // `constant`: `KEY = "…"` binds `KEY` like any name; one the file never assigns (`ENV`,
    // `ARGV`, `Config::KEY`) is of unknown value, as an unbound name is.
    names: &[
        "identifier",
        "instance_variable",
        "class_variable",
        "global_variable",
        "constant",
    ],
    members: &[],
    calls: &["call"],
    keyed: &[("pair", "value")],
    concats: &["binary"],
    transparent: &[
        "Integer",
        "Float",
        "String",
        "format",
        "sprintf",
        "Kernel::format",
        "Kernel::sprintf",
        "File.join",
    ],
    fields: &["@", "$"],
    element_callbacks: &[],
    mutators: &["concat", "prepend"],
    closure_assigns: &["assignment", "operator_assignment"],
    interpolated: &[],
};

/// PHP: functions, methods, closures and arrow functions are scopes (a closure's `use ($x)`
/// copies the enclosing `$x`, which reading the enclosing scope models); a variable is a
/// `variable_name` (`$x`, its key keeps the `$`); `$this->db` and `Cls::$x` are members;
/// `"… $x {$y['k']}"`, heredocs and backticks hold their parts directly; `a . b` is a
/// `binary_expression`, `$q .= x` an `augmented_assignment_expression`. A bare `name`
/// (`PHP_EOL`, `ABSPATH`, `__DIR__`) is a constant, as the language defines them once.
pub(super) const PHP: Syntax = Syntax {
    functions: &[
        "function_definition",
        "method_declaration",
        "anonymous_function",
        "arrow_function",
    ],
    assigns: &[
        ("assignment_expression", "left", "right"),
        ("augmented_assignment_expression", "left", "right"),
        ("reference_assignment_expression", "left", "right"),
    ],
    names: &["variable_name"],
    members: &[
        "member_access_expression",
        "nullsafe_member_access_expression",
        "scoped_property_access_expression",
    ],
    calls: &[
        "function_call_expression",
        "member_call_expression",
        "nullsafe_member_call_expression",
        "scoped_call_expression",
        "object_creation_expression",
    ],
    keyed: &[],
    concats: &["binary_expression"],
    transparent: &[
        "intval",
        "floatval",
        "strval",
        "boolval",
        "sprintf",
        "vsprintf",
        "implode",
        "join",
        "trim",
        "strtolower",
        "strtoupper",
        "str_replace",
        "base64_encode",
        "json_encode",
    ],
    fields: &[],
    element_callbacks: &[],
    mutators: &[],
    closure_assigns: &[],
    interpolated: &[
        "encapsed_string",
        "heredoc",
        "heredoc_body",
        "shell_command_expression",
    ],
};

/// C#: methods, constructors, local functions, lambdas and anonymous methods are scopes; a
/// declarator's value is its last child (`var q = …` has no value field); `obj.M(x)` is an
/// `invocation_expression` whose `function` is a `member_access_expression` (`expression`,
/// `name`); `$"… {x}"` holds `interpolation`s; `sb.Append(x)` fills a `StringBuilder`.
pub(super) const CSHARP: Syntax = Syntax {
    functions: &[
        "method_declaration",
        "constructor_declaration",
        "local_function_statement",
        "lambda_expression",
        "anonymous_method_expression",
        "accessor_declaration",
        "operator_declaration",
    ],
    assigns: &[
        ("variable_declarator", "name", ""),
        ("assignment_expression", "left", "right"),
        ("foreach_statement", "left", "right"),
    ],
    names: &["identifier"],
    members: &["member_access_expression"],
    calls: &[
        "invocation_expression",
        "object_creation_expression",
        "await_expression",
    ],
    keyed: &[],
    concats: &["binary_expression"],
    transparent: &[
        "string.Format",
        "String.Format",
        "string.Concat",
        "String.Concat",
        "string.Join",
        "String.Join",
        "Convert.ToString",
        "Path.Combine",
        // `new StringBuilder("…")`: a builder holding a constant (its key has no spaces)
        "newStringBuilder",
        "newSystem.Text.StringBuilder",
    ],
    fields: &[],
    element_callbacks: &[],
    mutators: &["Append", "AppendFormat", "AppendLine", "Insert"],
    closure_assigns: &["assignment_expression"],
    interpolated: &[],
};

/// Kotlin: functions, lambdas, anonymous functions, secondary constructors and accessors are
/// scopes. The grammar (tree-sitter-kotlin) has no fields: `val q = …` is a
/// `property_declaration` whose target is its `variable_declaration` child and whose value is its
/// last child, `q = …` / `q += …` an `assignment` of a `directly_assignable_expression`;
/// `"… $x ${y}"` holds `interpolated_identifier`s and `interpolated_expression`s. Only constants
/// are tracked (a call's arguments have no field to read, so no taint rule is written for it).
pub(super) const KOTLIN: Syntax = Syntax {
    functions: &[
        "function_declaration",
        "anonymous_function",
        "lambda_literal",
        "secondary_constructor",
        "getter",
        "setter",
    ],
    assigns: &[
        ("property_declaration", "variable_declaration", ""),
        ("assignment", "directly_assignable_expression", ""),
    ],
    names: &["simple_identifier", "interpolated_identifier"],
    members: &[],
    calls: &["call_expression"],
    keyed: &[],
    concats: &["additive_expression"],
    transparent: &[],
    fields: &[],
    element_callbacks: &[],
    mutators: &[],
    closure_assigns: &["assignment"],
    interpolated: &[],
};

/// C: function definitions are scopes; `char *q = …` is an `init_declarator` (`declarator`,
/// `value`), `q = …` an `assignment_expression`; `s->x`/`s.x` are `field_expression`s. C builds
/// strings by writing into buffers, through calls ([`C_WRITES`]); object-like macros and
/// unbound capitalised names are read by [`super::flow`] (a file's own `#define`s are expanded
/// one level, other headers' constants are constants by convention).
pub(super) const C: Syntax = Syntax {
    functions: &["function_definition"],
    assigns: &[
        ("init_declarator", "declarator", "value"),
        ("assignment_expression", "left", "right"),
    ],
    names: &["identifier"],
    members: &["field_expression"],
    calls: &["call_expression"],
    keyed: &[],
    concats: &[],
    // (`sizeof x` is a `sizeof_expression`, never a call.)
    transparent: &[],
    fields: &[],
    element_callbacks: &[],
    mutators: &[],
    closure_assigns: &[],
    interpolated: &[],
};

/// C++: C's tables, with lambdas as scopes and `std::string`'s `+`.
pub(super) const CPP: Syntax = Syntax {
    functions: &["function_definition", "lambda_expression"],
    concats: &["binary_expression"],
    transparent: &["std::string", "std::to_string", "to_string"],
    mutators: &["append", "insert", "assign"],
    ..C
};

/// How a C library call writes into the buffer it is given.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum CWrite {
    /// `strcpy(d, s)`: `d` holds argument `1`'s text (appended when `d` is `buf + n`).
    Copy(usize),
    /// `strcat(d, s)`: `d` keeps its text and gains argument `1`'s.
    Append(usize),
    /// `sprintf(d, fmt, …)`: `d` holds the format (argument `1`) and every argument after it.
    Format(usize),
}

/// C's string-writing calls: name → what they write into their first argument. Any other call
/// (other than [`C_READS`]) may write anything into a buffer it is given (`fgets(buf, n,
/// stdin)`, `recv(s, buf, n, 0)`): that buffer's value is unknown after it.
pub(super) const C_WRITES: &[(&str, CWrite)] = &[
    ("strcpy", CWrite::Copy(1)),
    ("strncpy", CWrite::Copy(1)),
    ("wcscpy", CWrite::Copy(1)),
    ("wcsncpy", CWrite::Copy(1)),
    ("_mbscpy", CWrite::Copy(1)),
    ("lstrcpyA", CWrite::Copy(1)),
    ("lstrcpyW", CWrite::Copy(1)),
    ("strcpy_s", CWrite::Copy(2)),
    ("wcscpy_s", CWrite::Copy(2)),
    ("memcpy", CWrite::Copy(1)),
    ("memmove", CWrite::Copy(1)),
    ("wmemcpy", CWrite::Copy(1)),
    ("strlcpy", CWrite::Copy(1)),
    ("strcat", CWrite::Append(1)),
    ("strncat", CWrite::Append(1)),
    ("wcscat", CWrite::Append(1)),
    ("wcsncat", CWrite::Append(1)),
    ("_mbscat", CWrite::Append(1)),
    ("lstrcatA", CWrite::Append(1)),
    ("lstrcatW", CWrite::Append(1)),
    ("strcat_s", CWrite::Append(2)),
    ("wcscat_s", CWrite::Append(2)),
    ("strlcat", CWrite::Append(1)),
    ("sprintf", CWrite::Format(1)),
    ("vsprintf", CWrite::Format(1)),
    ("swprintf", CWrite::Format(2)),
    ("snprintf", CWrite::Format(2)),
    ("_snprintf", CWrite::Format(2)),
    ("vsnprintf", CWrite::Format(2)),
    ("_snwprintf", CWrite::Format(2)),
    ("sprintf_s", CWrite::Format(2)),
];

/// C calls that only read the buffers they are given (and the command sinks: what happens to a
/// buffer after it ran does not change what ran).
pub(super) const C_READS: &[&str] = &[
    "strlen",
    "wcslen",
    "strnlen",
    "strcmp",
    "strncmp",
    "wcscmp",
    "wcsncmp",
    "strcasecmp",
    "strncasecmp",
    "strchr",
    "strrchr",
    "wcschr",
    "wcsrchr",
    "strstr",
    "wcsstr",
    "strspn",
    "strcspn",
    "memcmp",
    "memchr",
    "printf",
    "wprintf",
    "fprintf",
    "fwprintf",
    "puts",
    "fputs",
    "fputws",
    "putchar",
    "free",
    "atoi",
    "atol",
    "atoll",
    "atof",
    "strtol",
    "strtoul",
    "strtoll",
    "strtoull",
    "strtod",
    "printLine",
    "printWLine",
    "printIntLine",
    "system",
    "_wsystem",
    "popen",
    "_popen",
    "_wpopen",
    "execl",
    "execlp",
    "execle",
    "execv",
    "execvp",
    "execve",
    "_execl",
    "_execlp",
    "_execv",
    "_execvp",
    "_wexecl",
    "_wexeclp",
    "_wexecv",
    "_wexecvp",
    "_spawnl",
    "_spawnlp",
    "_spawnv",
    "_spawnvp",
    "_wspawnl",
    "_wspawnlp",
    "_wspawnv",
    "_wspawnvp",
];

impl Syntax {
    /// Whether `key` names a field ([`Syntax::fields`]): bound once for the whole file.
    pub(super) fn is_field(&self, key: &str) -> bool {
        self.fields.iter().any(|p| key.starts_with(p))
    }
}

/// The tables for a grammar (`None`: no data flow; constants are literals only).
pub fn syntax(lang: SupportLang) -> Option<&'static Syntax> {
    Some(match lang {
        SupportLang::Python => &PYTHON,
        SupportLang::JavaScript | SupportLang::TypeScript | SupportLang::Tsx => &JS,
        SupportLang::Go => &GO,
        SupportLang::Java => &JAVA,
        SupportLang::Ruby => &RUBY,
        SupportLang::Php => &PHP,
        SupportLang::CSharp => &CSHARP,
        SupportLang::Kotlin => &KOTLIN,
        SupportLang::C => &C,
        SupportLang::Cpp => &CPP,
        _ => return None,
    })
}

/// The node kinds of a string's content, without its delimiters (for [`Facts::code_view`]).
pub(super) const STRING_CONTENT: &[&str] = &[
    "string_fragment",
    "multiline_string_fragment",
    "string_content",
    "escape_sequence",
];

/// Node kinds that are literals in every grammar gatekeep has (named leaves that are not names
/// count as literals too).
pub(super) const LITERAL_WORDS: &[&str] = &[
    "true",
    "false",
    "none",
    "None",
    "null",
    "nil",
    "undefined",
    "True",
    "False",
];

/// Kinds that are the text of a string literal (its content, escapes and delimiters), not a
/// value inside it: see [`Facts::url_start`].
pub(super) const STRING_TEXT_KINDS: &[&str] = &[
    "string_content",
    "string_fragment",
    "string_start",
    "string_end",
    "escape_sequence",
    "string_literal_content",
    "interpreted_string_literal_content",
    "raw_string_literal_content",
    "raw_string_start",
    "raw_string_content",
    "raw_string_end",
    "interpolation_start",
    "interpolation_quote",
    "heredoc_content",
    // Kotlin's `$` and `${`…`}` (named leaves whose kind says "identifier")
    "interpolation_identifier_start",
    "interpolation_expression_start",
    "interpolation_expression_end",
];

/// Kinds that hold code inside a literal: never constant on their own.
pub(super) const INTERPOLATIONS: &[&str] = &[
    "interpolation",
    "template_substitution",
    "string_interpolation",
    // Kotlin's `${…}` (its `$x` is an `interpolated_identifier`, a name)
    "interpolated_expression",
];

/// Node kinds that are a branch or a handler: what they hold runs only sometimes.
pub(super) const ARM_KINDS: &[&str] = &[
    "elif_clause",
    "else_clause",
    "except_clause",
    "except_group_clause",
    "case_clause",
    "catch_clause",
    "switch_case",
    "switch_default",
    "switch_block_statement_group",
    "switch_rule",
    "expression_case",
    "default_case",
    "type_case",
    "communication_case",
    // C#
    "switch_section",
    // Ruby
    "elsif",
    "else",
    "when",
    "rescue",
];

/// Conditionals and loops whose `consequence`, `alternative` and `body` run only sometimes.
pub(super) const BRANCH_KINDS: &[&str] = &[
    "if_statement",
    "for_statement",
    "for_in_statement",
    "enhanced_for_statement",
    "foreach_statement",
    "while_statement",
    "do_statement",
    // Ruby (`x = 1 if y` is an `if_modifier` whose `body` runs only sometimes)
    "if",
    "unless",
    "while",
    "until",
    "for",
    "if_modifier",
    "unless_modifier",
    "while_modifier",
    "until_modifier",
];

/// Methods that put their arguments into the object they are called on (`args.append(x)`,
/// `list.add(x)`, `sb.append(x)`, `arr.push(x)`, `m.put(k, v)`): the object then holds them.
pub(super) const MUTATORS: &[&str] = &[
    "add",
    "addAll",
    "addElement",
    "append",
    "extend",
    "insert",
    "offer",
    "push",
    "put",
    "putAll",
    "set",
    "setdefault",
    "unshift",
    "update",
];

/// Ruby constants whose values come from outside the program.
pub(super) const RUBY_INPUT_CONSTANTS: &[&str] = &["ENV", "ARGV", "ARGF", "STDIN"];

/// Comparison operators: their result is a boolean (`a || b` is not one: in JavaScript, Python
/// and Ruby it yields one of its operands).
pub(super) const COMPARISONS: &[&str] = &[
    "==",
    "!=",
    "===",
    "!==",
    "<",
    ">",
    "<=",
    ">=",
    "instanceof",
    "<=>",
    // PHP
    "<>",
];

/// Functions that parse or decode a URL and keep what it says (see [`Taint::controls_url`]);
/// an object creation's callee has no space (`newURL`).
pub(super) const URL_DECODERS: &[&str] = &[
    "URI",
    "URI.parse",
    "URI.create",
    "Kernel.URI",
    "url.Parse",
    "newURL",
    "newURI",
    "newUri",
    "newjava.net.URL",
    "newjava.net.URI",
    "decodeURIComponent",
    "decodeURI",
    "unquote",
    "urllib.parse.unquote",
    "urllib.parse.unquote_plus",
    "urldecode",
    "rawurldecode",
    "base64_decode",
    "html_entity_decode",
    "url.QueryUnescape",
    "url.PathUnescape",
    "Uri.UnescapeDataString",
    "WebUtility.UrlDecode",
    "HttpUtility.UrlDecode",
    "URLDecoder.decode",
    "CGI.unescape",
    "URI.decode_www_form_component",
];

/// Methods whose result is a boolean whatever their arguments hold: a value tested with them
/// does not flow into the result (`string.Equals(a, name)`, `s.startsWith(root)`).
pub(super) const PREDICATE_METHODS: &[&str] = &[
    "Any",
    "Contains",
    "ContainsKey",
    "EndsWith",
    "Equals",
    "Exists",
    "IsMatch",
    "IsNullOrEmpty",
    "IsNullOrWhiteSpace",
    "StartsWith",
    "contains",
    "containsKey",
    "endsWith",
    "endswith",
    "equals",
    "equalsIgnoreCase",
    "includes",
    "startsWith",
    "startswith",
];

/// Methods that build a string from their receiver and arguments without a format string
/// (`.replace`, `.join`, `.concat`; C#'s `string.Concat`, `string.Join`, `s.Replace`).
pub(super) const JOINING_METHODS: &[&str] = &[
    ".replace", ".join", ".concat", ".Concat", ".Join", ".Replace",
];

/// Binary operators whose result is one of their operands, not a string built from both (PHP's
/// and JavaScript's `??`, `||`/`&&` in PHP, JavaScript and Ruby, Ruby's and PHP's `or`/`and`).
pub(super) const PICKING_OPERATORS: &[&str] = &["??", "||", "&&", "or", "and"];

/// String methods whose result is a constant when the string and the arguments are
/// (`" ".join(["ls", "-l"])`, `"A".toLowerCase()`).
pub(super) const PURE_METHODS: &[&str] = &[
    // C++ `std::string`: the characters it holds
    "c_str",
    "concat",
    "decode",
    "encode",
    "format",
    "formatted",
    "freeze",
    "join",
    "lower",
    "lstrip",
    "replace",
    "rstrip",
    "split",
    "strip",
    "substring",
    "toLowerCase",
    "toString",
    "toUpperCase",
    "trim",
    "upper",
    // C#
    "ToString",
    "ToLower",
    "ToUpper",
    "ToLowerInvariant",
    "ToUpperInvariant",
    "Trim",
    "Replace",
    "Substring",
    "Split",
    "TrimStart",
    "TrimEnd",
    "PadLeft",
    "PadRight",
];

/// Ruby string methods without arguments whose result is the string they are called on, as
/// far as building goes (`<<~SQL.squish`, `q.strip`).
pub(super) const RUBY_STRING_KEEPERS: &[&str] = &[
    "chomp",
    "downcase",
    "dup",
    "freeze",
    "html_safe",
    "lstrip",
    "rstrip",
    "squish",
    "strip",
    "to_s",
    "to_str",
    "upcase",
];
