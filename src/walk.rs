//! Discovery: a parallel, .gitignore-aware walk, and the byte prefilter that keeps most files
//! from ever being parsed.

use crate::frontend::{self, FrontEnd};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// A file the walk found, and whether the user named it.
#[derive(Debug)]
pub struct Candidate {
    pub path: PathBuf,
    pub explicit: bool,
}

/// Walk `paths` in parallel, honouring .gitignore, .ignore and hidden-file rules like
/// ripgrep. Symlinks are not followed, so links cannot loop. Returns the files some front
/// end can read, sorted, and the errors met on the way.
pub fn discover(paths: &[PathBuf]) -> (Vec<Candidate>, Vec<(PathBuf, String)>) {
    let found = Mutex::new(Vec::new());
    let errors = Mutex::new(Vec::new());
    let mut roots = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_file() => found.lock().unwrap().push(Candidate {
                path: path.clone(),
                explicit: true,
            }),
            Ok(_) => roots.push(path.clone()),
            Err(e) => errors.lock().unwrap().push((path.clone(), e.to_string())),
        }
    }
    if let Some((first, rest)) = roots.split_first() {
        let mut builder = ignore::WalkBuilder::new(first);
        for root in rest {
            builder.add(root);
        }
        builder.follow_links(false).require_git(false);
        builder.build_parallel().run(|| {
            Box::new(|entry| {
                match entry {
                    Ok(entry) => {
                        if entry.file_type().is_some_and(|t| t.is_file())
                            && frontend::is_checkable(entry.path())
                        {
                            found.lock().unwrap().push(Candidate {
                                path: entry.into_path(),
                                explicit: false,
                            });
                        }
                    }
                    Err(err) => {
                        let path = match &err {
                            ignore::Error::WithPath { path, .. } => path.clone(),
                            _ => PathBuf::new(),
                        };
                        errors.lock().unwrap().push((path, err.to_string()));
                    }
                }
                ignore::WalkState::Continue
            })
        });
    }
    let mut found = found.into_inner().unwrap();
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found.dedup_by(|a, b| a.path == b.path);
    let mut errors = errors.into_inner().unwrap();
    errors.sort();
    (found, errors)
}

/// Does the text mention anything the front end could lift? A few `memmem` scans: on
/// source code they beat one multi-pattern automaton by an order of magnitude.
pub fn prefilter(fe: &dyn FrontEnd, bytes: &[u8]) -> bool {
    type Finders = Vec<(&'static str, Vec<memchr::memmem::Finder<'static>>)>;
    static FINDERS: OnceLock<Finders> = OnceLock::new();
    let finders = FINDERS.get_or_init(|| {
        frontend::all()
            .iter()
            .map(|fe| {
                let found = fe
                    .triggers()
                    .iter()
                    .map(|t| memchr::memmem::Finder::new(t.as_bytes()))
                    .collect();
                (fe.name(), found)
            })
            .collect()
    });
    static MARKER: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    let marker = MARKER.get_or_init(|| memchr::memmem::Finder::new(b"responsify:"));
    match finders.iter().find(|(name, _)| *name == fe.name()) {
        // A suppression comment is read even in a file that mentions no API: an unused
        // one, or one naming an unknown rule, is reported.
        Some((_, found)) => {
            found.iter().any(|f| f.find(bytes).is_some()) || marker.find(bytes).is_some()
        }
        None => true,
    }
}

/// A name to show for a path: relative to the working directory when it is under it.
pub fn display_path(path: &Path) -> String {
    let shown = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    let s = shown.to_string_lossy().into_owned();
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}
