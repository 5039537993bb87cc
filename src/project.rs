//! What a run knows about the repository beyond the file being checked.
//!
//! A unit's result may leave its file through a function that returns it. Whether other files
//! can reach that function is a question about the whole run, asked rarely (only for units
//! that hand their result on) and answered lazily: the files of the run are scanned for the
//! name once, in bytes, and the answer is kept for every later question. Another file can
//! only call a Python function by importing it (`from app import ask`, `import app` then
//! `app.ask`): a Python file that names both the function and its module may call it. Those
//! files are parsed (`followers`), their imports resolved against the run's files, and their
//! reads of the result joined to the unit's fix as edits in those files (`Unit::companions`),
//! which the run writes together with the unit's own file. A Rust function is called by
//! path from the files of its crate, found through the crate's module tree (`rust_crate`).
//! Notebooks and documents are not imported, so nothing else reaches the functions they
//! define.

mod batch;
mod rust_crate;
mod words;

pub use batch::Pipeline;

use crate::engine::FollowerFix;
use crate::folder_files::FolderFiles;
use crate::frontend::{Importer, Target};
use crate::model::{HandedOn, SharedValue};
use crate::settings::Settings;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use words::WordFilters;

/// The importers of each helper asked about (its file and name), worked out once.
type FollowersOf = OnceByName<Arc<Vec<Follower>>>;

/// A file, and the line in it that matters.
type Mention = (PathBuf, usize);

/// The files that name something, each with the first line that does.
type Mentions = Arc<Vec<(PathBuf, usize)>>;

/// The files of a run, and what was found in them so far.
#[derive(Debug, Default)]
pub struct Project {
    files: Vec<PathBuf>,
    /// The language family of each file of `files`, found once: every question filters by it.
    families: Vec<Option<Family>>,
    /// Each file's absolute path and module path, built on the first question that needs them.
    facts: OnceLock<Vec<(PathBuf, Vec<String>)>>,
    /// For each name asked about: the files that name it, with the first line doing so.
    mentions: Mutex<HashMap<String, Mentions>>,
    /// For each helper asked about (its file and name): the run's files that import it.
    followers: Mutex<FollowersOf>,
    /// Which words each file may hold, built on the first question.
    words: OnceLock<WordFilters>,
    /// The `openai` SDK pin of each folder asked about.
    pins: Mutex<HashMap<(PathBuf, crate::sdk_pins::Sdk), Option<crate::sdk_pins::Pin>>>,
    /// The variables each folder asked about sets in its environment files.
    env: Mutex<HashMap<PathBuf, crate::project_env::FolderSettings>>,
    /// For each folder asked about: which of the files asked about it holds.
    folders: Mutex<HashMap<PathBuf, Arc<FolderFiles>>>,
    /// For each folder of checked files asked about: the settings of its folders up to the
    /// repository's root, nearest first.
    env_up_from: Mutex<HashMap<PathBuf, EnvUpFrom>>,
    /// For each module asked about: the first test of the run that stubs the chat completions
    /// method and names the module, with the line.
    stubs: Mutex<HashMap<PathBuf, Arc<OnceLock<Option<Mention>>>>>,
    /// The files of the run that stub the chat completions method at all, with their text:
    /// found once, so each module's question reads only these.
    stub_files: OnceLock<Vec<(PathBuf, String)>>,
    /// For each value of a module that requests import (its file, and `key=name` for the
    /// parameter it is sent as): its fix, and how many requests of the run send it.
    shared: Mutex<OnceByName<SharedOutcome>>,
    /// The files of code that write Batch lines or read a batch's output, found on the first
    /// question about a Batch pipeline.
    batch_code: OnceLock<Vec<batch::BatchCode>>,
    /// The files of code that create a batch for Chat Completions, with what they do in it.
    batch_creators: OnceLock<Vec<(PathBuf, crate::frontend::BatchPieces)>>,
    /// The crate targets of each Rust package asked about (by the folder of its manifest).
    rust_crates: Mutex<HashMap<PathBuf, Arc<Vec<rust_crate::CrateTree>>>>,
    /// For each folder of checked files asked about: the SDK whose own source it is in.
    sdk_packages: Mutex<HashMap<PathBuf, Option<&'static str>>>,
}

/// The settings of the folders from one folder up to the repository's root, nearest first.
pub type EnvUpFrom = Arc<Vec<crate::project_env::FolderSettings>>;

/// Answers worked out once per file and name, by whichever worker asks first.
type OnceByName<T> = HashMap<(PathBuf, String), Arc<OnceLock<T>>>;

/// A shared value's fix in its module, or why it cannot be migrated from there.
type SharedOutcome = Result<(Arc<SharedValue>, FollowerFix), Option<String>>;

/// A file of the run that imports a helper returning a request's result.
#[derive(Debug)]
pub struct Follower {
    pub path: PathBuf,
    /// The edits its reads need, with what makes them unsafe (if anything); or why they cannot
    /// be followed, with the line where sight is lost.
    pub outcome: Result<crate::engine::FollowerFix, (Option<usize>, String)>,
}

/// Python modules: the files that can import a function, and be imported from.
fn is_module(path: &Path) -> bool {
    family(path) == Some(Family::Python)
}

/// Languages whose modules import one another: a helper of one is called from its own kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Python,
    /// TypeScript and JavaScript, which import each other.
    Script,
    /// Rust, whose files call one another's functions by path within a crate.
    Rust,
}

impl Family {
    /// Whether the run finds this language's files by the words they hold (importers by
    /// the module's name, shared values, tests that stub the SDK, Batch pipelines): Python
    /// and TypeScript. A Rust helper's callers are found through its crate's module tree
    /// instead, and responsify reads no Rust shared values, tests or Batch pipelines.
    fn scanned_by_words(self) -> bool {
        self != Family::Rust
    }
}

fn family(path: &Path) -> Option<Family> {
    match path.extension().and_then(|e| e.to_str())? {
        "py" | "pyi" => Some(Family::Python),
        "ts" | "tsx" | "mts" | "cts" | "js" | "jsx" | "mjs" | "cjs" => Some(Family::Script),
        "rs" => Some(Family::Rust),
        _ => None,
    }
}

/// The name other code imports the module at `path` by (`app` for `app.py`, `pkg` for
/// `pkg/__init__.py` and `lib/index.ts`).
fn module_name(path: &Path) -> Option<&str> {
    let stem = path.file_stem()?.to_str()?;
    if stem == "__init__" || (stem == "index" && family(path) == Some(Family::Script)) {
        return path.parent()?.file_name()?.to_str();
    }
    Some(stem)
}

impl Project {
    /// A run over `files` (the candidates the walk found).
    pub fn new(files: Vec<PathBuf>) -> Project {
        Project {
            families: files.iter().map(|f| family(f)).collect(),
            facts: OnceLock::new(),
            files,
            mentions: Mutex::new(HashMap::new()),
            followers: Mutex::new(HashMap::new()),
            words: OnceLock::new(),
            pins: Mutex::new(HashMap::new()),
            env: Mutex::new(HashMap::new()),
            env_up_from: Mutex::new(HashMap::new()),
            folders: Mutex::new(HashMap::new()),
            stubs: Mutex::new(HashMap::new()),
            stub_files: OnceLock::new(),
            shared: Mutex::new(HashMap::new()),
            batch_code: OnceLock::new(),
            batch_creators: OnceLock::new(),
            rust_crates: Mutex::new(HashMap::new()),
            sdk_packages: Mutex::new(HashMap::new()),
        }
    }

    /// Whether `path` is a module that other files may import, or whose fix may edit the
    /// modules that import it (Python, TypeScript, JavaScript, Rust).
    pub fn is_importable(path: &Path) -> bool {
        family(path).is_some()
    }

    /// The size of the run's file `index` when the run already read it to answer a question
    /// about names and its front end has nothing to find in it: the check of that file may
    /// stop there, without reading it again. `None` before any such question (nothing is
    /// read for this alone) and for every other file.
    pub fn known_quiet(&self, index: usize) -> Option<u64> {
        self.words.get()?.quiet_size(index)
    }

    /// A project in which the checked file is all there is (a single fixture, a proof).
    pub fn alone() -> Project {
        Project::default()
    }

    /// The first Python file other than `this` that names the function `name` and the module
    /// `this` (so it may import one from the other), with the line naming the function.
    /// Functions of notebooks and documents are reached by nothing else.
    pub fn named_elsewhere(&self, name: &str, this: &Path) -> Option<(PathBuf, usize)> {
        if !is_module(this) {
            return None;
        }
        let module = module_name(this)?;
        let key = format!("{module}.{name}");
        let known = self
            .mentions
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
            .cloned();
        // Scanned without the lock held: other workers go on with their own questions.
        let found = match known {
            Some(found) => found,
            None => {
                let found = Arc::new(self.scan(name, module));
                self.mentions
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(key, Arc::clone(&found));
                found
            }
        };
        let this = this.canonicalize().ok();
        found
            .iter()
            .find(|(path, _)| this.as_deref() != path.canonicalize().ok().as_deref())
            .cloned()
    }

    fn scan(&self, name: &str, module: &str) -> Vec<(PathBuf, usize)> {
        self.scan_family(name, module, Family::Python)
    }

    /// The files of `kind` that name both `name` and `module` as words, each with the first
    /// line naming `name`.
    fn scan_family(&self, name: &str, module: &str, kind: Family) -> Vec<(PathBuf, usize)> {
        let function = memchr::memmem::Finder::new(name.as_bytes());
        let importable = memchr::memmem::Finder::new(module.as_bytes());
        let words = self.words.get_or_init(|| WordFilters::build(&self.files));
        // Only files whose words may hold both are read again. (The filters split words at
        // every non-ASCII byte: a name with one is looked for in every file.)
        let candidates: Vec<usize> = if name.is_ascii() && module.is_ascii() {
            words
                .candidates(&[WordFilters::bits(name), WordFilters::bits(module)])
                .collect()
        } else {
            (0..self.files.len()).collect()
        };
        candidates
            .into_iter()
            .filter(|&i| self.families[i] == Some(kind))
            .map(|i| &self.files[i])
            .filter_map(|path| {
                let bytes = std::fs::read(path).ok()?;
                let at = first_word(&function, &bytes, name.len())?;
                first_word(&importable, &bytes, module.len())?;
                let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
                Some((path.clone(), line))
            })
            .collect()
    }
}

impl Project {
    /// The files of the run that import the function `handed` of `this` and call it, each
    /// with the edits its reads of the result need. Worked out once per helper, by whichever
    /// file asks first.
    pub fn followers(
        &self,
        handed: &HandedOn,
        this: &Path,
        settings: &Settings,
    ) -> Arc<Vec<Follower>> {
        if family(this).is_none() {
            return Arc::default();
        }
        let cell = Arc::clone(
            self.followers
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .entry((this.to_path_buf(), handed.name.clone()))
                .or_default(),
        );
        // Computed without the map's lock: other helpers' questions go on meanwhile.
        Arc::clone(cell.get_or_init(|| {
            Arc::new(if family(this) == Some(Family::Rust) {
                self.rust_followers(handed, this, settings)
            } else {
                self.find_followers(handed, this, settings)
            })
        }))
    }

    fn find_followers(&self, handed: &HandedOn, this: &Path, settings: &Settings) -> Vec<Follower> {
        let (Some(module), Some(kind)) = (module_name(this), family(this)) else {
            return Vec::new();
        };
        let here = absolute(this);
        let mut found = Vec::new();
        for path in self
            .scan_family(&handed.name, module, kind)
            .into_iter()
            .map(|(path, _)| path)
        {
            if absolute(&path) == here {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                found.push(Follower {
                    path,
                    outcome: Err((None, "the file cannot be read as UTF-8".into())),
                });
                continue;
            };
            let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
            let body = &text[bom..];
            let Some(fe) = crate::frontend::for_path(&path) else {
                continue;
            };
            let is_module = |written: &str, level: u32| match kind {
                Family::Python => self.names_module(written, level, &path, &here),
                Family::Script => names_script_module(written, &path, &here, module),
                Family::Rust => Some(false),
            };
            let target = Target {
                name: &handed.name,
                is_module: &is_module,
            };
            let outcome = match fe.follow_importer(body, &target, handed.result) {
                Importer::NotImporting => continue,
                Importer::OutOfSight { line, why } => Err((line, why)),
                Importer::Reads(reads) => crate::engine::follower_fix(fe, body, reads, settings)
                    .map(|mut fix| {
                        for e in std::sync::Arc::make_mut(&mut fix.edits) {
                            e.span = e.span.offset(bom);
                        }
                        fix
                    }),
            };
            found.push(Follower { path, outcome });
        }
        found
    }

    /// The value `name` that the file `this` imports from `module` (`level` dots deep) and
    /// sends as its parameter `key`, when that module is a file of the run: the fix that
    /// migrates it there, and how many requests of the run send it as `key` (every one must
    /// be fixed for the value to change; a use as anything else keeps it as it is). `None`
    /// as the error when the module is not in the run (a package: nothing to say).
    pub fn shared_value(
        &self,
        this: &Path,
        module: &str,
        level: u32,
        name: &str,
        key: &str,
        settings: &Settings,
    ) -> SharedOutcome {
        let from = absolute(this);
        let Some(kind) = family(this).filter(|k| k.scanned_by_words()) else {
            return Err(None);
        };
        let mut matches = Vec::new();
        for (file, (target, _)) in self
            .files
            .iter()
            .zip(self.facts())
            .zip(&self.families)
            .filter(|(_, f)| **f == Some(kind))
            .map(|(pair, _)| pair)
        {
            let target = target.clone();
            let names = match kind {
                Family::Python => self.names_module(module, level, &from, &target),
                Family::Script => match module_name(file) {
                    Some(stem) => names_script_module(module, &from, &target, stem),
                    None => Some(false),
                },
                Family::Rust => Some(false),
            };
            match names {
                Some(true) => matches.push((file.clone(), target)),
                Some(false) => {}
                None => {
                    return Err(Some(format!(
                    "`{name}` comes from `{module}`, which more than one module of this run may be"
                )))
                }
            }
        }
        let [(file, target)] = matches.as_slice() else {
            return Err(None);
        };
        let cell = Arc::clone(
            self.shared
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .entry((target.clone(), format!("{key}={name}")))
                .or_default(),
        );
        cell.get_or_init(|| self.find_shared(file, target, name, key, settings))
            .clone()
    }

    fn find_shared(
        &self,
        file: &Path,
        target: &Path,
        name: &str,
        key: &str,
        settings: &Settings,
    ) -> SharedOutcome {
        let shown = crate::walk::display_path(file);
        let fe = crate::frontend::for_path(file).ok_or(None)?;
        let shared = fe.shared_values().ok_or(None)?;
        let text = std::fs::read_to_string(file).map_err(|_| {
            Some(format!(
                "`{name}` comes from {shown}, which cannot be read as UTF-8"
            ))
        })?;
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let body = &text[bom..];
        let (value, containers) = shared
            .module_value(body, name, key)
            .map_err(|why| Some(format!("`{name}` comes from {shown}, where {why}")))?;
        let before = value.clone();
        let mut fix = crate::engine::shared_value_fix(fe, body, key, value, containers, settings)
            .map_err(|(line, why)| {
            let at = line.map_or(shown.clone(), |l| format!("{shown}:{l}"));
            Some(format!("`{name}` comes from {at}, where {why}"))
        })?;
        let splat = if key == crate::frontend::SPLAT {
            // The calls' rules judge the parameters as chat wrote them; the keys the dict has
            // after its fix count too, so that no call adds one of them a second time.
            let entries = before.entries().unwrap_or_default();
            let mut keys: Vec<String> = entries.iter().map(|e| e.key.clone()).collect();
            let fixed = crate::edit::apply(body, &fix.edits);
            let (after, _) = shared.module_value(&fixed, name, key).map_err(|why| {
                Some(format!(
                    "`{name}` comes from {shown}, where once fixed {why}"
                ))
            })?;
            keys.extend(
                after
                    .entries()
                    .unwrap_or_default()
                    .iter()
                    .map(|e| e.key.clone()),
            );
            keys.sort();
            keys.dedup();
            Some((entries.iter().map(|e| e.without_places()).collect(), keys))
        } else {
            None
        };
        for e in Arc::make_mut(&mut fix.edits) {
            e.span = e.span.offset(bom);
        }
        let module = module_name(file).ok_or(None)?;
        let kind = family(file).ok_or(None)?;
        let mut users = 0;
        for (path, _) in self.scan_family(name, module, kind) {
            if absolute(&path) == target {
                continue;
            }
            let Ok(other) = std::fs::read_to_string(&path) else {
                return Err(Some(format!(
                    "`{name}` ({shown}) is also named in {}, which cannot be read",
                    crate::walk::display_path(&path)
                )));
            };
            let is_module = |written: &str, level: u32| match kind {
                Family::Python => self.names_module(written, level, &path, target),
                Family::Script => names_script_module(written, &path, target, module),
                Family::Rust => Some(false),
            };
            // Each file is read by its own front end (a `.tsx` page may import a `.ts` list).
            let Some(users_here) =
                crate::frontend::for_path(&path).and_then(|fe| fe.shared_values())
            else {
                continue;
            };
            let who = Target {
                name,
                is_module: &is_module,
            };
            let other = other.strip_prefix('\u{feff}').unwrap_or(&other);
            match users_here.value_users(other, &who, key) {
                Ok(n) => users += n,
                Err((line, why)) => {
                    let at = crate::walk::display_path(&path);
                    let at = line.map_or(at.clone(), |l| format!("{at}:{l}"));
                    return Err(Some(format!(
                        "`{name}` ({shown}) is also used in {at}, where {why}"
                    )));
                }
            }
        }
        Ok((
            Arc::new(SharedValue {
                path: file.to_path_buf(),
                name: name.to_string(),
                users,
                splat,
            }),
            fix,
        ))
    }

    /// The SDK whose own source `folder` is in (see `sdk_source`), asked once per folder.
    pub fn sdk_package_of(&self, folder: &Path) -> Option<&'static str> {
        if let Some(known) = self
            .sdk_packages
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(folder)
        {
            return *known;
        }
        let found = crate::sdk_source::sdk_package_of(folder, &|f| self.folder_files(f));
        self.sdk_packages
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(folder.to_path_buf(), found);
        found
    }

    /// Which of the files responsify asks about `folder` holds, listed once per run.
    pub fn folder_files(&self, folder: &Path) -> Arc<FolderFiles> {
        if let Some(known) = self
            .folders
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(folder)
        {
            return known.clone();
        }
        let found = Arc::new(FolderFiles::list(folder));
        self.folders
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(folder.to_path_buf(), found.clone());
        found
    }

    /// What the environment files of `folder` set (see `project_env::settings_in`), read once
    /// per run.
    pub fn env_settings(&self, folder: &Path) -> crate::project_env::FolderSettings {
        if let Some(known) = self
            .env
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(folder)
        {
            return known.clone();
        }
        let found = Arc::new(crate::project_env::settings_in(
            folder,
            &self.folder_files(folder),
        ));
        self.env
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(folder.to_path_buf(), found.clone());
        found
    }

    /// What the environment files of the folders from `dir` up to the repository's root set
    /// (see `project_env::settings_up_from`), worked out once per folder of checked files:
    /// every request of the folder asks, and the walk up stats each folder for `.git`.
    pub fn env_settings_up_from(&self, dir: &Path) -> EnvUpFrom {
        if let Some(known) = self
            .env_up_from
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(dir)
        {
            return known.clone();
        }
        let found = Arc::new(crate::project_env::settings_up_from(dir, &|f| {
            (
                self.env_settings(f),
                self.folder_files(f).has(crate::folder_files::GIT),
            )
        }));
        self.env_up_from
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(dir.to_path_buf(), found.clone());
        found
    }

    /// The `openai` pin for code in `dir` (see `sdk_pins::pin_for`): each folder is read once
    /// per run, its answer shared by every folder below it.
    pub fn sdk_pin(&self, dir: &Path, sdk: crate::sdk_pins::Sdk) -> Option<crate::sdk_pins::Pin> {
        use crate::sdk_pins::Step;
        let key = (dir.to_path_buf(), sdk);
        if let Some(known) = self
            .pins
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
        {
            return known.clone();
        }
        let pin = match crate::sdk_pins::step(dir, sdk, &self.folder_files(dir)) {
            Step::Pinned(pin) => Some(pin),
            Step::Stop => None,
            Step::Up => match dir.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => self.sdk_pin(parent, sdk),
                // `dir` is relative and has no parent left: go on from the working directory.
                _ => match std::env::current_dir().ok().and_then(|d| {
                    let abs = d.join(dir);
                    abs.parent().map(Path::to_path_buf)
                }) {
                    Some(parent) if parent != dir => self.sdk_pin(&parent, sdk),
                    _ => None,
                },
            },
        };
        self.pins
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key, pin.clone());
        pin
    }

    /// The first other file of the run that names the module `this` and stubs the chat
    /// completions method (`patch("app.llm.client.chat.completions.create")`, a mock's
    /// `chat.completions.create.return_value`; in TypeScript `vi.mock("openai", …)` with a
    /// fake `chat.completions.create`, `jest.spyOn(client.chat.completions, "create")`, and
    /// only when the test loads the module itself), with the line: the test feeds that module
    /// Chat Completions results and asserts on chat arguments, so it must move with the code.
    pub fn stubbed_by(&self, this: &Path) -> Option<(PathBuf, usize)> {
        let kind = family(this).filter(|k| k.scanned_by_words())?;
        let cell = Arc::clone(
            self.stubs
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .entry(this.to_path_buf())
                .or_default(),
        );
        cell.get_or_init(|| {
            let module = module_name(this)?;
            let here = absolute(this);
            // A Python patch names the module in its target string; a TypeScript test loads
            // the module, or a module of the run that loads it (`vi.mock("openai")` stubs the
            // client of every module the test reaches), so it need not name it.
            let stem = memchr::memmem::Finder::new(module.as_bytes());
            self.stub_files()
                .iter()
                .filter(|(path, _)| family(path) == Some(kind) && absolute(path) != here)
                .filter(|(_, text)| {
                    kind == Family::Script
                        || first_word(&stem, text.as_bytes(), module.len()).is_some()
                })
                .find_map(|(path, text)| {
                    let fe = crate::frontend::for_path(path)?;
                    let is_module = |written: &str, level: u32| match kind {
                        Family::Python => self.names_module(written, level, path, &here),
                        Family::Script => match names_script_module(written, path, &here, module) {
                            Some(false) => self.loads_through(written, path, &here, module),
                            maybe => maybe,
                        },
                        Family::Rust => Some(false),
                    };
                    let at = fe.chat_stub(text, &is_module)?;
                    let line = 1 + text[..at].matches('\n').count();
                    Some((path.clone(), line))
                })
        })
        .clone()
    }

    /// What each test of the run that stubs the chat completions method does with the one
    /// of the module `this` (whose call reaches its client by the module-level name
    /// `client`): see `FrontEnd::test_stub`. Tests that stub nothing of it are left out.
    pub fn test_stubs(
        &self,
        this: &Path,
        client: &str,
        text_only: bool,
    ) -> Vec<(PathBuf, String, usize, crate::frontend::TestStub)> {
        let Some(kind) = family(this).filter(|k| k.scanned_by_words()) else {
            return Vec::new();
        };
        let Some(module) = module_name(this) else {
            return Vec::new();
        };
        let here = absolute(this);
        let stem = memchr::memmem::Finder::new(module.as_bytes());
        self.stub_files()
            .iter()
            .filter(|(path, _)| family(path) == Some(kind) && absolute(path) != here)
            .filter(|(_, text)| {
                kind == Family::Script || first_word(&stem, text.as_bytes(), module.len()).is_some()
            })
            .filter_map(|(path, text)| {
                let fe = crate::frontend::for_path(path)?;
                let is_module = |written: &str, level: u32| match kind {
                    Family::Python => self.names_module(written, level, path, &here),
                    Family::Script => match names_script_module(written, path, &here, module) {
                        Some(false) => self.loads_through(written, path, &here, module),
                        maybe => maybe,
                    },
                    Family::Rust => Some(false),
                };
                let is_own_module = |written: &str, level: u32| match kind {
                    Family::Python => self.names_module(written, level, path, &here),
                    Family::Script => names_script_module(written, path, &here, module),
                    Family::Rust => Some(false),
                };
                let call = crate::frontend::StubbedCall {
                    is_module: &is_module,
                    is_own_module: &is_own_module,
                    client,
                    text_only,
                };
                match fe.test_stub(text, &call) {
                    crate::frontend::TestStub::Unrelated => None,
                    found => {
                        // The text was read without its BOM; the edits are for the file.
                        let bom = std::fs::read(path)
                            .ok()
                            .is_some_and(|b| b.starts_with("\u{feff}".as_bytes()));
                        Some((path.clone(), text.clone(), if bom { 3 } else { 0 }, found))
                    }
                }
            })
            .collect()
    }

    /// Each file's absolute path and module path, in the order of `files`.
    fn facts(&self) -> &[(PathBuf, Vec<String>)] {
        self.facts.get_or_init(|| {
            self.files
                .iter()
                .map(|f| {
                    let abs = absolute(f);
                    let parts = module_path(&abs);
                    (abs, parts)
                })
                .collect()
        })
    }

    /// Every file of the run that stubs the chat completions method for some module (a test):
    /// the test files (by their path) that hold `completions` and a word of a mocking library,
    /// whose front end finds a stub in them. Read once, in parallel.
    fn stub_files(&self) -> &[(PathBuf, String)] {
        /// Words without which no file stubs a method (unittest.mock, pytest-mock, Jest,
        /// Vitest, Sinon).
        const MOCKING: &[&str] = &[
            "patch",
            "return_value",
            "side_effect",
            "assert_called",
            "call_args",
            "Mock",
            "mocker",
            "mock",
            "spyOn",
            "fn",
            "stub",
            "mocked",
            "mockResolvedValue",
            "mockReturnValue",
            "mockImplementation",
        ];
        self.stub_files.get_or_init(|| {
            let words = self.words.get_or_init(|| WordFilters::build(&self.files));
            let completions = WordFilters::bits("completions");
            let mocking: Vec<[u64; 3]> = MOCKING.iter().map(|w| WordFilters::bits(w)).collect();
            let indices: Vec<usize> = (0..self.files.len())
                .filter(|&i| {
                    self.families[i].is_some_and(Family::scanned_by_words)
                        && is_test_path(&self.files[i])
                        && words.may_hold(i, &completions)
                        && mocking.iter().any(|m| words.may_hold(i, m))
                })
                .collect();
            on_own_threads(&indices, |&i| {
                let path = &self.files[i];
                (|| {
                    let text = std::fs::read_to_string(path).ok()?;
                    let text = text
                        .strip_prefix('\u{feff}')
                        .map(str::to_string)
                        .unwrap_or(text);
                    let fe = crate::frontend::for_path(path)?;
                    // Any module: whether the file stubs the method at all.
                    fe.chat_stub(&text, &|_, _| Some(true))?;
                    Some((path.clone(), text))
                })()
            })
            .into_iter()
            .flatten()
            .collect()
        })
    }

    /// Whether the module specifier `written` of the file `from` is a script module of the
    /// run that itself loads the file `target` (absolute, named `module`): a test of a
    /// service reaches the helper the service imports. One module deep; `None` when it may.
    fn loads_through(
        &self,
        written: &str,
        from: &Path,
        target: &Path,
        module: &str,
    ) -> Option<bool> {
        if !written.starts_with('.') {
            return Some(false);
        }
        let mut answer = Some(false);
        for (file, (file_abs, _)) in self
            .files
            .iter()
            .zip(self.facts())
            .zip(&self.families)
            .filter(|(_, f)| **f == Some(Family::Script))
            .map(|(pair, _)| pair)
        {
            let file_abs = file_abs.clone();
            let Some(stem) = module_name(file) else {
                continue;
            };
            if file_abs == target
                || names_script_module(written, from, &file_abs, stem) != Some(true)
            {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(file) else {
                continue;
            };
            let Some(loaded) = crate::frontend::typescript::loaded_modules(&text) else {
                continue;
            };
            for m in loaded {
                match names_script_module(&m, &file_abs, target, module) {
                    Some(true) => return Some(true),
                    None => answer = None,
                    Some(false) => {}
                }
            }
        }
        answer
    }

    /// Whether `dotted`, imported `level` dots deep from the file `from`, is the module of the
    /// file at `target` (absolute). A plain dotted name must end the target's module path and
    /// name no other file of the run: when it ends two (`utils` for two packages' `utils.py`)
    /// the answer is `None`, which keeps the helper's callers out of sight.
    fn names_module(&self, dotted: &str, level: u32, from: &Path, target: &Path) -> Option<bool> {
        let segments: Vec<&str> = dotted.split('.').filter(|s| !s.is_empty()).collect();
        if level > 0 {
            let mut base = absolute(from);
            for _ in 0..level {
                base.pop();
            }
            for s in &segments {
                base.push(s);
            }
            return Some(base.with_extension("py") == target || base.join("__init__.py") == target);
        }
        let ends = |parts: &[String]| {
            parts.len() >= segments.len()
                && parts[parts.len() - segments.len()..]
                    .iter()
                    .zip(&segments)
                    .all(|(a, b)| a == b)
        };
        if segments.is_empty() || !ends(&module_path(target)) {
            return Some(false);
        }
        let named = self
            .facts()
            .iter()
            .zip(&self.families)
            .filter(|((_, parts), f)| **f == Some(Family::Python) && ends(parts))
            .count();
        (named <= 1).then_some(true)
    }
}

/// Whether the module specifier `written` (`./llm`, `../lib/llm.js`), imported by the file
/// `from`, is the file `target` (absolute, with the module name `module`). A relative
/// specifier is resolved as bundlers and TypeScript do (the extensions, `index` files, `.js`
/// written for a `.ts` file); a bare one whose last segment is the module's name may be an
/// alias (`@/lib/llm` through `tsconfig` paths), and the answer is `None`.
fn names_script_module(written: &str, from: &Path, target: &Path, module: &str) -> Option<bool> {
    const EXTENSIONS: &[&str] = &["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs"];
    if !written.starts_with('.') {
        let last = written.rsplit('/').next().unwrap_or(written);
        let last = last.split('.').next().unwrap_or(last);
        return if last == module { None } else { Some(false) };
    }
    let mut base = absolute(from);
    base.pop();
    let base = absolute(&base.join(written));
    let mut candidates = vec![base.clone()];
    // `./llm.js` written for `llm.ts`: the extension names the compiled file.
    let stem = base.with_extension("");
    for ext in EXTENSIONS {
        let mut appended = base.clone().into_os_string();
        appended.push(format!(".{ext}"));
        candidates.push(PathBuf::from(appended));
        candidates.push(base.with_extension(ext));
        candidates.push(stem.with_extension(ext));
        candidates.push(base.join(format!("index.{ext}")));
    }
    Some(candidates.iter().any(|c| c == target))
}

/// `f` of each item, in order, on threads of its own. Not rayon's: these run while a worker
/// of the run's pool waits for a lazily built answer (a `OnceLock`), and a rayon worker that
/// waited by stealing the run's other work could ask for that same answer again and deadlock.
fn on_own_threads<I: Sync, T: Send>(items: &[I], f: impl Fn(&I) -> T + Sync) -> Vec<T> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = items.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(|| part.iter().map(&f).collect::<Vec<T>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Whether `path` is where test runners look for tests (pytest's `test_*.py`, `*_test.py`,
/// `conftest.py`; Jest's and Vitest's `*.test.*`, `*.spec.*`, `__tests__/`; any `test`,
/// `tests` or `spec` folder): only such files stub a method for the code they test.
fn is_test_path(path: &Path) -> bool {
    let in_test_folder = path.parent().is_some_and(|dir| {
        dir.components().any(|c| {
            matches!(
                c.as_os_str().to_str(),
                Some("test" | "tests" | "__tests__" | "spec" | "specs" | "testing")
            )
        })
    });
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let stem = name.split('.').next().unwrap_or("");
    in_test_folder
        || name == "conftest.py"
        || stem.starts_with("test_")
        || stem.ends_with("_test")
        || stem.ends_with("_tests")
        || name.contains(".test.")
        || name.contains(".spec.")
}

/// The path with `.` and `..` resolved against the working directory, without touching the
/// file system (canonicalizing every file of a run costs a system call each).
fn absolute(path: &Path) -> PathBuf {
    // The working directory, asked once: a run never changes it, and asking costs a system
    // call per path.
    static CWD: OnceLock<Option<PathBuf>> = OnceLock::new();
    let joined = match CWD.get_or_init(|| std::env::current_dir().ok()) {
        Some(d) => d.join(path),
        None => path.to_path_buf(),
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The module path of a Python file as its folders spell it (`app/llm.py` and
/// `app/llm/__init__.py` are both `app.llm`).
fn module_path(path: &Path) -> Vec<String> {
    let mut parts: Vec<String> = path
        .with_extension("")
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => s.to_str().map(str::to_string),
            _ => None,
        })
        .collect();
    if parts.last().is_some_and(|p| p == "__init__") {
        parts.pop();
    }
    parts
}

/// Where `finder`'s needle first stands as a whole word in `bytes`.
fn first_word(finder: &memchr::memmem::Finder, bytes: &[u8], len: usize) -> Option<usize> {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    finder.find_iter(bytes).find(|&at| {
        let before = at.checked_sub(1).map(|i| bytes[i]);
        let after = bytes.get(at + len).copied();
        !before.is_some_and(word) && !after.is_some_and(word)
    })
}

impl Project {
    /// Whether `path` is a module of an importable package (its folder has `__init__.py`):
    /// then code outside the repository may import its public functions.
    pub fn in_package(path: &Path) -> bool {
        path.parent()
            .is_some_and(|dir| dir.join("__init__.py").is_file())
    }
}
