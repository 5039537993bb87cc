//! Front ends: parse a file, LIFT its syntax into the neutral model, and LOWER model changes
//! back into byte edits in the file's own syntax. Only front ends know syntax.

pub mod cargo;
pub mod containers;
pub mod depth;
pub mod json;
pub mod markdown;
pub mod python;
pub mod rust;
pub mod typescript;

use crate::diagnostic::Change;
use crate::edit::Edit;
use crate::model::{Span, Unit};
use std::path::Path;

/// A file that does not parse.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    pub message: String,
    pub span: Span,
    /// The front end refused the file as a whole before parsing it (nested too deeply to
    /// parse safely, not a notebook): the message is the reason, not a syntax error.
    pub refused: bool,
}

impl SyntaxError {
    pub fn new(message: impl Into<String>, span: Span) -> SyntaxError {
        SyntaxError {
            message: message.into(),
            span,
            refused: false,
        }
    }

    /// A file refused whole, at `span` (where the reason shows, if anywhere).
    pub fn refusal(message: impl Into<String>, span: Span) -> SyntaxError {
        SyntaxError {
            message: message.into(),
            span,
            refused: true,
        }
    }
}

/// What a front end saw in one file.
#[derive(Debug, Default)]
pub struct Lifted {
    pub units: Vec<Unit>,
}

pub trait FrontEnd: Sync {
    /// A short name for messages ("JSON", "JSON Lines").
    fn name(&self) -> &'static str;

    /// Byte strings of which at least one must occur for the file to be worth parsing.
    fn triggers(&self) -> &'static [&'static str];

    /// Parse the text and lift every request it holds.
    fn lift(&self, text: &str) -> Result<Lifted, SyntaxError>;

    /// Lower the changes of a group of units (units that share source are lowered together,
    /// so an edit in shared code sees every change around it). The changes have been
    /// resolved (no `SetParam` / `AppendParam` left).
    fn lower(&self, text: &str, units: &[&Unit], changes: &[Change]) -> Result<Vec<Edit>, String>;

    /// Run `run` with a [`Lowerer`] for `text`. The engine lowers a file's requests one group
    /// at a time; a front end whose lowering needs the syntax tree or indexes over it
    /// overrides this to build them once for all the groups, so a file's lowering stays
    /// linear in its number of requests. By default each group goes through
    /// [`FrontEnd::lower`].
    fn lowering(&self, text: &str, run: &mut dyn FnMut(&dyn Lowerer)) {
        run(&EachCall { fe: self, text })
    }

    /// Do the units of a group share no source, so that each is lowered on its own? (The
    /// lines of one Batch file are grouped to be fixed together, not because they share text.)
    fn lowers_each_unit(&self) -> bool {
        false
    }

    /// Documentation (Markdown): findings are reported, fixes only with `--fix-docs`.
    fn documentation(&self) -> bool {
        false
    }

    /// The `responsify: ignore` comments of the text (none in languages without comments).
    fn suppressions(&self, _text: &str) -> Vec<crate::suppression::Suppression> {
        Vec::new()
    }

    /// Check that fixed text is still well-formed; by default, that it lifts. A front end
    /// that overrides this must also answer `false` to [`FrontEnd::verify_is_lift`].
    fn verify(&self, _before: &str, after: &str) -> Result<(), String> {
        self.lift(after).map(|_| ()).map_err(|e| e.message)
    }

    /// The edits that bring the imports of `after` (the fixed text of `before`) up to date
    /// with what the fixes did: names of the old API the fixes left unused are dropped (not
    /// names re-exported, nor names something still uses), and the names the fixes
    /// introduced are imported. Only the names the fixes touched: an import unused before
    /// them stays.
    fn tidy_imports(&self, _before: &str, _after: &str) -> Vec<Edit> {
        Vec::new()
    }

    /// Whether [`FrontEnd::verify`] is the default: the fix loop then skips it, since
    /// analysing the fixed text lifts it anyway and fails the same way (one parse per pass
    /// instead of two, issue #15).
    fn verify_is_lift(&self) -> bool {
        true
    }

    /// Where `text`, another file of the run, calls the helper `target` (a function of
    /// another module that returns a request's result of shape `result`), and what it reads.
    /// Languages whose modules import one another answer; the others cannot be followed.
    fn follow_importer(
        &self,
        _text: &str,
        _target: &Target,
        _result: crate::model::ResultShape,
    ) -> Importer {
        Importer::OutOfSight {
            line: None,
            why: "responsify does not follow imports in this kind of file".into(),
        }
    }

    /// Where `text`, another file of the run, stubs the chat completions method for a test
    /// (a byte offset), when it may test the module `is_module` names (as
    /// [`Target::is_module`]): a unit of that module keeps its fix displayed until the test
    /// moves too. Languages without tests responsify reads answer `None`.
    fn chat_stub(
        &self,
        _text: &str,
        _is_module: &dyn Fn(&str, u32) -> Option<bool>,
    ) -> Option<usize> {
        None
    }

    /// What `text`, a test of the run, does with the chat completions method of the module
    /// `call` describes: nothing, stubs it in ways the call's fix can migrate with it (the
    /// test then joins the call's unit), or stubs it in a way responsify cannot follow. By
    /// default every stub [`FrontEnd::chat_stub`] finds is out of sight.
    fn test_stub(&self, text: &str, call: &StubbedCall) -> TestStub {
        match self.chat_stub(text, call.is_module) {
            Some(at) => TestStub::OutOfSight {
                line: 1 + text[..at].matches('\n').count(),
                why: "stubs `chat.completions.create` for this module: the test moves with the code (patch `responses.create`, return Responses results, assert on `input=`)".into(),
            },
            None => TestStub::Unrelated,
        }
    }

    /// Values imported from other modules, in languages where responsify migrates them.
    fn shared_values(&self) -> Option<&dyn SharedValues> {
        None
    }

    /// What the file does in a Batch pipeline (see `project::Project::batch_pipeline`), in
    /// languages whose code writes, uploads and reads Batch files; `None` when it does not
    /// parse or the language has no such code.
    fn batch_pieces(&self, _text: &str) -> Option<BatchPieces> {
        None
    }
}

/// What one file of code does in a Batch pipeline: the batches it creates for Chat
/// Completions, the files it uploads for them and writes, the lines it builds, the reads of
/// a batch's output, and the modules it imports (where the rest may be).
#[derive(Clone, Debug, Default)]
pub struct BatchPieces {
    /// The lines of its `batches.create` calls for `/v1/chat/completions`.
    pub creations: Vec<usize>,
    /// The files it uploads for a batch (`files.create(file=open(PATH, "rb"), purpose="batch")`).
    pub uploads: Vec<FilePath>,
    /// The files it opens for writing (`open(PATH, "w")`).
    pub writes: Vec<FilePath>,
    /// The line of the first Batch input line for Chat Completions it builds, if any.
    pub lines: Option<usize>,
    /// Its reads of a Chat Completions batch's output (`…["response"]["body"]["choices"]`).
    pub reads: Vec<crate::model::Read>,
    /// Where those reads leave sight.
    pub reads_unseen: Vec<String>,
    /// The modules it imports, as written, with their level of relative import.
    pub imports: Vec<(String, u32)>,
}

/// A file path as code writes it.
#[derive(Clone, Debug, PartialEq)]
pub enum FilePath {
    /// Made of literals: `path` relative to the working directory, or to the folder of the
    /// file that names it (`Path(__file__).parent / "batch.jsonl"`).
    Literal {
        path: String,
        beside_file: bool,
        line: usize,
    },
    /// Computed at run time (`what` says from what).
    Computed { line: usize, what: String },
}

impl FilePath {
    pub fn line(&self) -> usize {
        match self {
            FilePath::Literal { line, .. } | FilePath::Computed { line, .. } => *line,
        }
    }
}

/// The parameter "key" of a dict splatted into a call's arguments (`**PARAMS`): its entries
/// are the request's parameters.
pub const SPLAT: &str = "**";

/// The request of a module under test, as a test that stubs its method sees it.
pub struct StubbedCall<'a> {
    /// Whether a module as the test writes it names the module of the call (as
    /// [`Target::is_module`]).
    pub is_module: &'a dyn Fn(&str, u32) -> Option<bool>,
    /// Whether a module as the test writes it is the module of the call itself: a module
    /// that only loads it (a service importing the helper) may export a client of its own.
    pub is_own_module: &'a dyn Fn(&str, u32) -> Option<bool>,
    /// The module-level name the call reaches its client by (`client` in
    /// `client.chat.completions.create(...)`), which a test patches by name.
    pub client: &'a str,
    /// Whether every read of the result, in every file, is its text: a fake that only
    /// carries a text may then become a Responses fake with `output_text`.
    pub text_only: bool,
}

/// What a test does with the chat completions method of a module (see [`FrontEnd::test_stub`]).
#[derive(Debug)]
pub enum TestStub {
    /// It stubs nothing the module calls.
    Unrelated,
    /// Every use of the stub can move with the call.
    Migrate(StubEdits),
    /// A use responsify cannot follow, with its line.
    OutOfSight { line: usize, why: String },
}

/// How a test's stubs move with the call they stub.
#[derive(Debug, Default)]
pub struct StubEdits {
    /// Edits that need nothing of the call's fix: the stubbed path, the fakes.
    pub edits: Vec<Edit>,
    /// The calls the stub is asserted to have received (`assert_called_once_with(...)`), as
    /// requests: their arguments move exactly as the call's own.
    pub asserted: Vec<Unit>,
    /// Arguments read off a recorded call (`call_args.kwargs["messages"]`): where the key is
    /// written (inside its string literal) and the key.
    pub keys: Vec<(Span, String)>,
}

/// What a front end can say about values that one module imports from another (a `TOOLS`
/// list sent as a request's tools, a `SCHEMA` dict sent as its `response_format`), for
/// migrating them where they are written.
pub trait SharedValues {
    /// The module, level of relative import, and exported name that `local` is imported as.
    fn imported_binding(&self, text: &str, local: &str) -> Option<(String, u32, String)>;
    /// The literal a module assigns to `name`, sent by requests as their parameter `key`,
    /// with its containers.
    fn module_value(
        &self,
        text: &str,
        name: &str,
        key: &str,
    ) -> Result<(crate::model::Value, Vec<crate::model::Container>), String>;
    /// How many requests of another file send `target` as their parameter `key` (`tools`,
    /// `response_format`; 0: not imported).
    fn value_users(
        &self,
        text: &str,
        target: &Target,
        key: &str,
    ) -> Result<usize, (Option<usize>, String)>;
}

/// How a file of the run calls a helper another module exports: every read of every call,
/// or where sight is lost (see `project::Project::followers`).
#[derive(Debug)]
pub enum Importer {
    /// The file does not import the helper from its module.
    NotImporting,
    /// Every call's result is read in ways the fix can rewrite.
    Reads(Vec<crate::model::Read>),
    /// A use responsify cannot follow, with its line when it has one.
    OutOfSight { line: Option<usize>, why: String },
}

impl Importer {
    pub fn out_of_sight(line: Option<usize>, why: impl Into<String>) -> Importer {
        Importer::OutOfSight {
            line,
            why: why.into(),
        }
    }
}

/// A helper as importers name it.
pub struct Target<'a> {
    /// The helper's name.
    pub name: &'a str,
    /// Whether a module as the importer writes it (`app.llm`, `./llm`; `level` dots deep for
    /// Python's relative imports) names the helper's module: `None` when it may, and may name
    /// another module too. A Rust path comes resolved through the file's `use` items and
    /// inline modules, from the crate (`crate::bot::llm`) or from the file's module
    /// (`self::tests::super::llm`); one ending in `::*` asks whether that glob may bring the
    /// helper in (it is the helper's module or one above it, or one above the file's module,
    /// whose imports the glob sees too).
    pub is_module: &'a dyn Fn(&str, u32) -> Option<bool>,
}

/// Group items that share source: item `i` joins the group of every earlier item that shares
/// a key with it (the last such one wins), an earlier item without a group getting the next
/// number first. The keys are looked up in a map, not compared pairwise: comparing every
/// pair of requests was quadratic in a file of many requests.
pub(crate) fn share_groups<K: std::hash::Hash + Eq>(groups: &mut [Option<usize>], keys: &[Vec<K>]) {
    let mut holders: std::collections::HashMap<&K, Vec<usize>> = std::collections::HashMap::new();
    let mut next = 0;
    for i in 0..groups.len() {
        let mut earlier: Vec<usize> = keys[i]
            .iter()
            .filter_map(|k| holders.get(k))
            .flatten()
            .copied()
            .collect();
        earlier.sort_unstable();
        earlier.dedup();
        for j in earlier {
            let g = match groups[j] {
                Some(g) => g,
                None => {
                    groups[j] = Some(next);
                    next += 1;
                    next - 1
                }
            };
            groups[i] = Some(g);
        }
        for k in &keys[i] {
            let list = holders.entry(k).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
}

/// Lowers the groups of units of one text (see [`FrontEnd::lowering`]).
pub trait Lowerer {
    /// As [`FrontEnd::lower`], for the text the lowerer was made for.
    fn lower(&self, units: &[&Unit], changes: &[Change]) -> Result<Vec<Edit>, String>;
}

/// The default [`Lowerer`]: each group through [`FrontEnd::lower`].
pub struct EachCall<'f, F: ?Sized> {
    pub fe: &'f F,
    pub text: &'f str,
}

impl<F: FrontEnd + ?Sized> Lowerer for EachCall<'_, F> {
    fn lower(&self, units: &[&Unit], changes: &[Change]) -> Result<Vec<Edit>, String> {
        self.fe.lower(self.text, units, changes)
    }
}

/// A fact about a whole text, computed once for the last text this thread asked about.
///
/// The engine lowers each request of a file on its own, and a front end that looked at the
/// whole file for each of them (a scan for a name, a second parse) was quadratic in the
/// requests of a file. The remembered text is compared whole, so another text that happens
/// to sit at the same address is never taken for it; a comparison is a `memcmp`, far cheaper
/// than the scans and parses it saves.
pub(crate) fn per_text<T: Clone + 'static>(
    memo: &'static std::thread::LocalKey<std::cell::RefCell<Option<(String, T)>>>,
    text: &str,
    compute: impl FnOnce(&str) -> T,
) -> T {
    memo.with(|memo| {
        if let Some((seen, fact)) = &*memo.borrow() {
            if seen == text {
                return fact.clone();
            }
        }
        let fact = compute(text);
        *memo.borrow_mut() = Some((text.to_string(), fact.clone()));
        fact
    })
}

/// Every front end.
pub fn all() -> &'static [&'static dyn FrontEnd] {
    static ALL: [&dyn FrontEnd; 10] = [
        &json::JSON,
        &json::JSON_LINES,
        &python::PYTHON,
        &markdown::MARKDOWN,
        &rust::RUST,
        &cargo::ANY_MANIFEST,
        &typescript::TYPESCRIPT,
        &typescript::TSX,
        &typescript::JAVASCRIPT,
        &typescript::COMMONJS,
    ];
    &ALL
}

/// Can responsify read this file (a front end's language, or a notebook)?
pub fn is_checkable(path: &Path) -> bool {
    for_path(path).is_some() || is_notebook(path)
}

pub fn is_notebook(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ipynb"))
}

/// The front end for a path, by its extension.
pub fn for_path(path: &Path) -> Option<&'static dyn FrontEnd> {
    if path.file_name().is_some_and(|n| n == "Cargo.toml") {
        return Some(cargo::for_manifest(path));
    }
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "json" => Some(&json::JSON),
        "jsonl" | "ndjson" => Some(&json::JSON_LINES),
        "py" | "pyi" => Some(&python::PYTHON),
        "md" | "markdown" | "mdx" => Some(&markdown::MARKDOWN),
        "rs" => Some(rust::for_source(path)),
        "ts" | "mts" | "cts" => Some(&typescript::TYPESCRIPT),
        "tsx" => Some(&typescript::TSX),
        "js" | "mjs" | "jsx" => Some(&typescript::JAVASCRIPT),
        "cjs" => Some(&typescript::COMMONJS),
        _ => None,
    }
}
