//! What a run knows about the repository beyond the file being checked.
//!
//! A unit's result may leave its file through a function that returns it. Whether other files
//! can reach that function is a question about the whole run, asked rarely (only for units
//! that hand their result on) and answered lazily: the files of the run are scanned for the
//! name once, in bytes, and the answer is kept for every later question. A file that names
//! the function is taken to call it; following those callers is the next step of
//! repository-wide units, and until then they make the fix display-only.

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

/// Source files another file's code can import a Python function from.
fn may_import(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("py" | "pyi" | "ipynb" | "md" | "mdx")
    )
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

    /// The first file other than `this` that names `name` as a whole word, with its line.
    pub fn named_elsewhere(&self, name: &str, this: Option<&Path>) -> Option<(PathBuf, usize)> {
        let known = self
            .mentions
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(name)
            .cloned();
        // Scanned without the lock held: other workers go on with their own questions.
        let found = match known {
            Some(found) => found,
            None => {
                let found = Arc::new(self.scan(name));
                self.mentions
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(name.to_string(), Arc::clone(&found));
                found
            }
        };
        let this = this.and_then(|p| p.canonicalize().ok());
        found
            .iter()
            .find(|(path, _)| this.as_deref() != path.canonicalize().ok().as_deref())
            .cloned()
    }

    fn scan(&self, name: &str) -> Vec<(PathBuf, usize)> {
        let finder = memchr::memmem::Finder::new(name.as_bytes());
        let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        self.files
            .iter()
            .filter(|path| may_import(path))
            .filter_map(|path| {
                let bytes = std::fs::read(path).ok()?;
                let at = finder.find_iter(&bytes).find(|&at| {
                    let before = at.checked_sub(1).map(|i| bytes[i]);
                    let after = bytes.get(at + name.len()).copied();
                    !before.is_some_and(word) && !after.is_some_and(word)
                })?;
                let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
                Some((path.clone(), line))
            })
            .collect()
    }

    /// Whether `path` is a module of an importable package (its folder has `__init__.py`):
    /// then code outside the repository may import its public functions.
    pub fn in_package(path: &Path) -> bool {
        path.parent()
            .is_some_and(|dir| dir.join("__init__.py").is_file())
    }
}
