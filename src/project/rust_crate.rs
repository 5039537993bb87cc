//! The module tree of a Rust crate, and the files of a crate that call a helper.
//!
//! A Rust function is called by path, and its path is where its module sits in its crate's
//! tree: `src/llm.rs` is `crate::llm` because the crate root (`src/main.rs`, `src/lib.rs`,
//! `src/bin/*.rs`) says `mod llm;`. The tree is read from the root down (each file's `mod`
//! items, through the Rust front end's `modules`), so every file that can call the helper is
//! known: the files of its tree. Other crates see only a library's public API; a `pub` helper
//! reachable from `src/lib.rs` through `pub mod`s has callers out of sight. A tree that names
//! a file with `#[path]` or pastes one in with `include!` is not read whole, and its helpers'
//! callers stay out of sight, naming that line.

use super::{absolute, first_word, Follower, Project};
use crate::frontend::rust::modules::{self, Reach};
use crate::frontend::{Importer, Target};
use crate::model::HandedOn;
use crate::settings::Settings;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One file of a crate's module tree.
#[derive(Clone, Debug)]
pub struct ModuleFile {
    /// Absolute.
    pub path: PathBuf,
    /// Its module path below the crate (`["llm", "client"]` for `crate::llm::client`).
    pub module: Vec<String>,
    /// Reachable from the crate root through `pub mod`s only: in a library, its `pub` items
    /// are the crate's public API.
    pub public: bool,
    /// What its `pub use` items make public here, as module paths below the crate (a glob's
    /// module for a glob), each with its line.
    pub reexports: Vec<(Vec<String>, usize)>,
}

/// The module tree of one crate target (a library or a binary of a package).
#[derive(Clone, Debug)]
pub struct CrateTree {
    /// The root file (absolute).
    pub root: PathBuf,
    /// `src/lib.rs`: other crates (its binaries, tests, dependents) call its public API.
    pub library: bool,
    pub files: Vec<ModuleFile>,
    /// Where the tree cannot be read whole (`#[path]`, `include!`, a file that does not
    /// parse), with the file, line and why.
    pub blind: Vec<(PathBuf, Option<usize>, String)>,
}

impl CrateTree {
    /// Sight of the tree is lost at `line` of `file` (the whole file when `None`).
    fn lose_sight(&mut self, file: &Path, line: Option<usize>, why: impl Into<String>) {
        self.blind.push((file.to_path_buf(), line, why.into()));
    }

    /// The tree whose root is `root`, read from the root down.
    pub fn read(root: &Path, library: bool) -> CrateTree {
        let mut tree = CrateTree {
            root: root.to_path_buf(),
            library,
            files: Vec::new(),
            blind: Vec::new(),
        };
        let mut pending = vec![ModuleFile {
            path: root.to_path_buf(),
            module: Vec::new(),
            public: true,
            reexports: Vec::new(),
        }];
        // Each file once, however many `mod` items name it.
        let mut read = std::collections::HashSet::new();
        while let Some(mut file) = pending.pop() {
            if !read.insert(file.path.clone()) {
                continue;
            }
            let declared = std::fs::read_to_string(&file.path)
                .ok()
                .and_then(|text| modules::declarations(text.trim_start_matches('\u{feff}')));
            let Some(declared) = declared else {
                tree.lose_sight(
                    &file.path,
                    None,
                    "the file cannot be read or parsed, so the modules it declares are unknown",
                );
                tree.files.push(file);
                continue;
            };
            file.reexports = declared
                .reexports
                .iter()
                .filter_map(|r| Some((use_target(&file.module, &r.within, &r.path)?, r.line)))
                .collect();
            for line in &declared.self_aliases {
                let why = "`extern crate self as ..` gives the crate's paths another name, \
                           which responsify does not follow";
                tree.lose_sight(&file.path, Some(*line), why);
            }
            for line in &declared.includes {
                tree.lose_sight(
                    &file.path,
                    Some(*line),
                    "`include!` pastes in code of another file, which responsify does not follow",
                );
            }
            // The folder of this module's children: a root's or a `mod.rs`'s own folder,
            // else one named after the file (`llm.rs` → `llm/`).
            let own_dir = {
                let parent = file.path.parent().unwrap_or(Path::new("")).to_path_buf();
                let stem = file.path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
                if file.path == root || stem == "mod" {
                    parent
                } else {
                    parent.join(stem)
                }
            };
            for decl in declared.mods.iter().filter(|m| !m.inline) {
                if decl.path_attr {
                    let why = format!(
                        "`mod {}` names its file with `#[path]`, which responsify does not follow",
                        decl.name
                    );
                    tree.lose_sight(&file.path, Some(decl.line), why);
                    continue;
                }
                // Inside `mod a { mod b; }` the file is `a/b.rs`; each inline module on the
                // way must be `pub` for the file to be public too.
                let mut dir = own_dir.clone();
                let mut public = file.public && decl.public;
                for (depth, inline) in decl.within.iter().enumerate() {
                    dir.push(inline);
                    public &= declared.mods.iter().any(|m| {
                        m.inline
                            && m.public
                            && m.name == *inline
                            && m.within == decl.within[..depth]
                    });
                }
                let flat = dir.join(format!("{}.rs", decl.name));
                let nested = dir.join(&decl.name).join("mod.rs");
                let path = match (flat.is_file(), nested.is_file()) {
                    (true, false) => flat,
                    (false, true) => nested,
                    (true, true) => {
                        tree.lose_sight(
                            &file.path,
                            Some(decl.line),
                            format!(
                                "`mod {}` may be either of two files, which the compiler refuses",
                                decl.name
                            ),
                        );
                        continue;
                    }
                    // Declared under a `cfg` for a file that is not there, or made by a build
                    // script: no code of this tree.
                    (false, false) => continue,
                };
                let mut module = file.module.clone();
                module.extend(decl.within.iter().cloned());
                module.push(decl.name.clone());
                pending.push(ModuleFile {
                    path,
                    module,
                    public,
                    reexports: Vec::new(),
                });
            }
            tree.files.push(file);
        }
        tree
    }

    fn file(&self, path: &Path) -> Option<&ModuleFile> {
        self.files.iter().find(|f| f.path == path)
    }
}

/// What the `use` path `path`, written in the inline modules `within` of the module
/// `module`, names below the crate (a glob: its module); `None` for another crate's.
fn use_target(module: &[String], within: &[String], path: &[String]) -> Option<Vec<String>> {
    let mut here: Vec<String> = module.iter().chain(within).cloned().collect();
    let (first, rest) = path.split_first()?;
    match first.as_str() {
        "crate" => here.clear(),
        "self" => {}
        "super" => {
            here.pop()?;
        }
        // A name relative to the module: a module below it (or another crate's, which is
        // then taken for one of this crate: more is out of sight, never less).
        other => here.push(other.to_string()),
    }
    for segment in rest {
        match segment.as_str() {
            "super" => {
                here.pop()?;
            }
            "self" | "*" => {}
            other => here.push(other.to_string()),
        }
    }
    Some(here)
}

/// The crate targets of the package at `dir` (the folder of its `Cargo.toml`): the library,
/// the binaries, examples, tests, benchmarks and build script, as Cargo finds them by
/// default, and the library and binaries the manifest names.
pub fn targets(dir: &Path) -> Vec<CrateTree> {
    let manifest: Option<toml::Table> = std::fs::read_to_string(dir.join("Cargo.toml"))
        .ok()
        .and_then(|t| t.parse().ok());
    let path_of = |table: Option<&toml::Value>| {
        table
            .and_then(|t| t.get("path"))
            .and_then(|p| p.as_str())
            .map(|p| dir.join(p))
    };
    let mut roots: Vec<(PathBuf, bool)> = Vec::new();
    let lib = path_of(manifest.as_ref().and_then(|m| m.get("lib")))
        .unwrap_or_else(|| dir.join("src/lib.rs"));
    roots.push((lib, true));
    roots.push((dir.join("src/main.rs"), false));
    if let Some(bins) = manifest
        .as_ref()
        .and_then(|m| m.get("bin"))
        .and_then(|b| b.as_array())
    {
        roots.extend(
            bins.iter()
                .filter_map(|b| path_of(Some(b)))
                .map(|p| (p, false)),
        );
    }
    roots.push((dir.join("build.rs"), false));
    // Binaries, examples, integration tests and benchmarks: each file (or folder with a
    // `main.rs`) is a crate of its own, which sees only the library's public API.
    for folder in ["src/bin", "examples", "tests", "benches"] {
        let Ok(entries) = std::fs::read_dir(dir.join(folder)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "rs") {
                roots.push((path, false));
            } else if path.join("main.rs").is_file() {
                roots.push((path.join("main.rs"), false));
            }
        }
    }
    roots.sort();
    roots.dedup();
    let old_paths = edition_2015(dir, manifest.as_ref());
    roots
        .into_iter()
        .filter(|(root, _)| root.is_file())
        .map(|(root, library)| {
            let mut tree = CrateTree::read(&absolute(&root), library);
            if let Some(why) = &old_paths {
                tree.blind
                    .insert(0, (dir.join("Cargo.toml"), None, why.clone()));
            }
            tree
        })
        .collect()
}

/// Why the package's paths cannot be read as responsify reads them, when its edition is
/// 2015 (or cannot be told): there `use llm::ask;` names `crate::llm`, not a module below.
fn edition_2015(dir: &Path, manifest: Option<&toml::Table>) -> Option<String> {
    let edition = manifest
        .and_then(|m| m.get("package"))
        .and_then(|p| p.get("edition"));
    let written = match edition {
        Some(toml::Value::String(e)) => Some(e.clone()),
        // `edition.workspace = true`: the workspace's `[workspace.package]` says.
        Some(toml::Value::Table(t))
            if t.get("workspace").and_then(|w| w.as_bool()) == Some(true) =>
        {
            dir.ancestors().skip(1).find_map(|d| {
                let text = std::fs::read_to_string(d.join("Cargo.toml")).ok()?;
                let table: toml::Table = text.parse().ok()?;
                let edition = table.get("workspace")?.get("package")?.get("edition")?;
                edition.as_str().map(str::to_string)
            })
        }
        // No edition: Cargo's default, 2015.
        None => Some("2015".to_string()),
        Some(_) => None,
    };
    match written.as_deref() {
        Some("2015") => Some(
            "the crate is on Rust 2015 (no `edition` in Cargo.toml), whose paths responsify does not resolve".into(),
        ),
        Some(_) => None,
        None => Some("the crate's edition cannot be read, so its paths cannot be resolved".into()),
    }
}

/// Whether the path a file of the crate writes (as the Rust front end resolves it:
/// `crate::llm`, or `self::a::super::b` from the file's module `from`) is the module
/// `helper`. A path ending in `::*` asks whether a glob of it may bring the helper in: the
/// helper's module or one above it, or a module above the writing one (or itself), whose
/// private `use` items its children's globs see too (`mod tests { use super::*; }`).
fn names_module(written: &str, from: &[String], helper: &[String]) -> bool {
    let mut segments = written.split("::");
    let mut at: Vec<String> = match segments.next() {
        Some("crate") => Vec::new(),
        Some("self") => from.to_vec(),
        _ => return false,
    };
    let mut glob = false;
    for s in segments {
        match s {
            "self" => {}
            "super" => {
                if at.pop().is_none() {
                    return false;
                }
            }
            "*" => glob = true,
            other => at.push(other.to_string()),
        }
    }
    if glob {
        helper.starts_with(&at) || from.starts_with(&at)
    } else {
        at == helper
    }
}

impl Project {
    /// The crate targets of the package at `dir`, read once per run.
    fn rust_targets(&self, dir: &Path) -> Arc<Vec<CrateTree>> {
        if let Some(known) = self
            .rust_crates
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(dir)
        {
            return Arc::clone(known);
        }
        let found = Arc::new(targets(dir));
        self.rust_crates
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(dir.to_path_buf(), Arc::clone(&found));
        found
    }

    /// The files of the helper's crate that call the Rust function `handed` of `this`, each
    /// with the edits its reads of the result need; or the one place that keeps the callers
    /// out of sight (public API of a library, a tree responsify cannot read whole, a file
    /// of the crate outside the run).
    pub(super) fn rust_followers(
        &self,
        handed: &HandedOn,
        this: &Path,
        settings: &Settings,
    ) -> Vec<Follower> {
        let name = handed.name.as_str();
        let here = absolute(this);
        let lost = |path: &Path, line: Option<usize>, why: String| {
            vec![Follower {
                path: path.to_path_buf(),
                outcome: Err((line, why)),
            }]
        };
        let Some(package) = here
            .parent()
            .and_then(|d| d.ancestors().find(|d| d.join("Cargo.toml").is_file()))
        else {
            return lost(this, None, "the file is in no Cargo package".into());
        };
        let targets = self.rust_targets(package);
        let holding: Vec<&CrateTree> = targets.iter().filter(|t| t.file(&here).is_some()).collect();
        let tree = match holding.as_slice() {
            [tree] => *tree,
            [] => {
                // A tree read only in part may hold the file through what it could not read.
                if let Some((file, line, why)) = targets.iter().flat_map(|t| &t.blind).next() {
                    return lost(file, *line, why.clone());
                }
                return lost(
                    this,
                    None,
                    "no crate root of its package declares this file as a module".into(),
                );
            }
            _ => {
                let roots: Vec<String> = holding
                    .iter()
                    .map(|t| crate::walk::display_path(&t.root))
                    .collect();
                return lost(
                    this,
                    None,
                    format!(
                        "the file is a module of more than one crate ({}), whose callers are not followed",
                        roots.join(", ")
                    ),
                );
            }
        };
        if let Some((file, line, why)) = tree.blind.first() {
            return lost(file, *line, why.clone());
        }
        let helper = tree.file(&here).expect("the tree holds the file");
        let text = std::fs::read_to_string(&here).unwrap_or_default();
        let Some(reach) = modules::function_reach(text.trim_start_matches('\u{feff}'), name) else {
            // Its visibility decides who may call it: unknown, any crate may.
            return lost(
                this,
                None,
                format!("`{name}` is not found among the file's own functions"),
            );
        };
        if let (true, true, (Reach::Public, line)) = (tree.library, helper.public, reach) {
            return lost(
                this,
                Some(line),
                format!(
                    "`{name}` is public API of the library {} (`pub` in modules that are all `pub`), so other crates may call it",
                    crate::walk::display_path(&tree.root)
                ),
            );
        }
        if let (true, (Reach::Public, _)) = (tree.library, reach) {
            // `pub use` of the helper, of its module or of one above it makes it public
            // under another path, wherever its own modules are private.
            let mut with_name = helper.module.clone();
            with_name.push(name.to_string());
            for file in &tree.files {
                if let Some((_, line)) = file
                    .reexports
                    .iter()
                    .find(|(named, _)| helper.module.starts_with(named) || *named == with_name)
                {
                    let shown = self
                        .files
                        .iter()
                        .find(|f| absolute(f) == file.path)
                        .cloned()
                        .unwrap_or_else(|| file.path.clone());
                    return lost(
                        &shown,
                        Some(*line),
                        format!(
                            "`pub use` puts `{name}` (or a module holding it) in the public API of the library {}, so other crates may call it",
                            crate::walk::display_path(&tree.root)
                        ),
                    );
                }
            }
        }
        let in_run: std::collections::HashSet<PathBuf> =
            self.files.iter().map(|f| absolute(f)).collect();
        let finder = memchr::memmem::Finder::new(name.as_bytes());
        let mut found = Vec::new();
        for file in tree.files.iter().filter(|f| f.path != here) {
            let Ok(bytes) = std::fs::read(&file.path) else {
                continue;
            };
            if first_word(&finder, &bytes, name.len()).is_none() {
                continue;
            }
            let shown = self
                .files
                .iter()
                .find(|f| absolute(f) == file.path)
                .cloned()
                .unwrap_or_else(|| file.path.clone());
            if !in_run.contains(&file.path) {
                return lost(
                    &shown,
                    None,
                    format!("the file names `{name}` and is not among the files of this run"),
                );
            }
            let Ok(text) = String::from_utf8(bytes) else {
                found.push(Follower {
                    path: shown,
                    outcome: Err((None, "the file cannot be read as UTF-8".into())),
                });
                continue;
            };
            let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
            let body = &text[bom..];
            let fe = crate::frontend::for_path(&shown).unwrap_or(&crate::frontend::rust::RUST);
            let is_module =
                |written: &str, _: u32| Some(names_module(written, &file.module, &helper.module));
            let target = Target {
                name,
                is_module: &is_module,
            };
            let outcome = match fe.follow_importer(body, &target, handed.result) {
                Importer::NotImporting => continue,
                Importer::OutOfSight { line, why } => Err((line, why)),
                Importer::Reads(reads) => crate::engine::follower_fix(fe, body, reads, settings)
                    .map(|mut fix| {
                        for e in Arc::make_mut(&mut fix.edits) {
                            e.span = e.span.offset(bom);
                        }
                        fix
                    }),
            };
            found.push(Follower {
                path: shown,
                outcome,
            });
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(s: &str) -> Vec<String> {
        s.split("::")
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn a_written_path_is_resolved_from_the_writing_module() {
        let helper = path("llm");
        assert!(names_module("crate::llm", &[], &helper));
        assert!(names_module("self::llm", &[], &helper));
        assert!(!names_module("self::llm", &path("cli"), &helper));
        assert!(names_module("self::super::llm", &path("cli"), &helper));
        assert!(names_module(
            "self::tests::super::super::llm",
            &path("cli"),
            &helper
        ));
        assert!(!names_module("self::super", &[], &helper));
        assert!(!names_module("async_openai::types", &[], &helper));
        // A glob of the module or one above it may bring the helper in.
        assert!(names_module("crate::*", &[], &helper));
        assert!(names_module("self::super::*", &path("llm::sub"), &helper));
        assert!(!names_module("crate::other::*", &[], &helper));
        // The writing module's own `use` items reach its children's globs.
        assert!(names_module("self::tests::super::*", &path("cli"), &helper));
        assert!(names_module("crate::cli::*", &path("cli::deep"), &helper));
        assert!(!names_module("crate::other::*", &path("cli"), &helper));
    }

    #[test]
    fn a_tree_is_read_from_the_root_through_mod_items() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let write = |p: &str, text: &str| {
            let at = root.join(p);
            std::fs::create_dir_all(at.parent().unwrap()).unwrap();
            std::fs::write(at, text).unwrap();
        };
        write(
            "Cargo.toml",
            "[package]\nname = \"x\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
        );
        write(
            "src/lib.rs",
            "pub mod llm;\nmod private;\npub mod outer {\n    pub mod inner;\n}\npub use private::deep::*;\n",
        );
        write("src/llm.rs", "pub mod client;\n");
        write("src/llm/client.rs", "");
        write("src/private/mod.rs", "pub mod deep;\n");
        write("src/private/deep.rs", "");
        write("src/outer/inner.rs", "");
        write("src/main.rs", "#[path = \"elsewhere.rs\"]\nmod other;\n");
        // Examples and integration tests are crates of their own.
        write("examples/demo.rs", "fn main() {}\n");
        write("tests/it.rs", "mod common;\n");
        write("tests/common/mod.rs", "");
        let targets = targets(root);
        assert_eq!(targets.len(), 4);
        let it = targets
            .iter()
            .find(|t| t.root.ends_with("tests/it.rs"))
            .unwrap();
        let common: Vec<String> = it.files.iter().map(|f| f.module.join("::")).collect();
        assert_eq!(common, ["", "common"]);
        let lib = targets.iter().find(|t| t.library).unwrap();
        let mut modules: Vec<(String, bool)> = lib
            .files
            .iter()
            .map(|f| (f.module.join("::"), f.public))
            .collect();
        modules.sort();
        let expected: Vec<(String, bool)> = [
            ("", true),
            ("llm", true),
            ("llm::client", true),
            ("outer::inner", true),
            ("private", false),
            ("private::deep", false),
        ]
        .iter()
        .map(|(m, p)| (m.to_string(), *p))
        .collect();
        assert_eq!(modules, expected);
        assert!(lib.blind.is_empty(), "{:?}", lib.blind);
        let root_file = lib.files.iter().find(|f| f.module.is_empty()).unwrap();
        assert_eq!(root_file.reexports, [(path("private::deep"), 6)]);
        let bin = targets
            .iter()
            .find(|t| t.root.ends_with("src/main.rs"))
            .unwrap();
        assert_eq!(bin.blind.len(), 1);
        assert_eq!(bin.blind[0].1, Some(2));
        assert!(bin.blind[0].2.contains("#[path]"), "{:?}", bin.blind);
        // Without an edition the crate is on Rust 2015, whose paths are not resolved.
        write(
            "Cargo.toml",
            "[package]\nname = \"x\"\nversion = \"0.1.0\"\n",
        );
        let old = super::targets(root);
        assert!(old.iter().all(|t| t.blind[0].2.contains("Rust 2015")));
    }
}
