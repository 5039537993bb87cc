//! What a run knows about the repository beyond the file being checked.
//!
//! A unit's result may leave its file through a function that returns it. Whether other files
//! can reach that function is a question about the whole run, asked rarely (only for units
//! that hand their result on) and answered lazily: the files of the run are scanned for the
//! name once, in bytes, and the answer is kept for every later question. Another file can
//! only call a Python function by importing it (`from app import ask`, `import app` then
//! `app.ask`): a Python file that names both the function and its module is taken to call it.
//! Following those callers is the next step of repository-wide units; until then they make
//! the fix display-only. Notebooks and documents are not imported, so nothing else reaches
//! the functions they define.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The files that name something, each with the first line that does.
type Mentions = Arc<Vec<(PathBuf, usize)>>;

/// The files of a run, and what was found in them so far.
#[derive(Debug, Default)]
pub struct Project {
    files: Vec<PathBuf>,
    /// For each name asked about: the files that name it, with the first line doing so.
    mentions: Mutex<HashMap<String, Mentions>>,
}

/// Python modules: the files that can import a function, and be imported from.
fn is_module(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("py" | "pyi")
    )
}

/// The name other code imports the module at `path` by (`app` for `app.py`, `pkg` for
/// `pkg/__init__.py`).
fn module_name(path: &Path) -> Option<&str> {
    let stem = path.file_stem()?.to_str()?;
    if stem == "__init__" {
        return path.parent()?.file_name()?.to_str();
    }
    Some(stem)
}

impl Project {
    /// A run over `files` (the candidates the walk found).
    pub fn new(files: Vec<PathBuf>) -> Project {
        Project {
            files,
            mentions: Mutex::new(HashMap::new()),
        }
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
        let function = memchr::memmem::Finder::new(name.as_bytes());
        let importable = memchr::memmem::Finder::new(module.as_bytes());
        self.files
            .iter()
            .filter(|path| is_module(path))
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
