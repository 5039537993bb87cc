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

/// What a walk found.
#[derive(Debug, Default)]
pub struct Discovery {
    /// The files some front end can read, sorted.
    pub candidates: Vec<Candidate>,
    /// Paths that could not be walked or read (a run with any of these fails).
    pub errors: Vec<(PathBuf, String)>,
    /// Paths skipped with a word: a FIFO, socket or device met on the walk with a name a
    /// front end reads. Not files, so nothing in them to migrate, but never silent.
    pub warnings: Vec<(PathBuf, String)>,
}

/// What a path that is neither a regular file nor a directory is, for a message.
pub fn special_kind(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    if file_type.is_dir() {
        return "a directory";
    }
    "not a regular file"
}

/// Walk `paths` in parallel, honouring .gitignore, .ignore and hidden-file rules like
/// ripgrep. Symlinks are not followed, so links cannot loop (a loop named on the command
/// line is an error of its own). FIFOs and other special files are never opened: reading
/// one could block the run for ever.
pub fn discover(paths: &[PathBuf]) -> Discovery {
    let found = Mutex::new(Vec::new());
    let errors = Mutex::new(Vec::new());
    let warnings = Mutex::new(Vec::new());
    let mut roots = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_file() => found.lock().unwrap().push(Candidate {
                path: path.clone(),
                explicit: true,
            }),
            Ok(meta) if meta.is_dir() => roots.push(path.clone()),
            Ok(meta) => errors.lock().unwrap().push((
                path.clone(),
                format!(
                    "{}, not a file responsify can read; skipped",
                    special_kind(meta.file_type())
                ),
            )),
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
                    Ok(entry) => match entry.file_type() {
                        Some(t) if t.is_file() && frontend::is_checkable(entry.path()) => {
                            found.lock().unwrap().push(Candidate {
                                path: entry.into_path(),
                                explicit: false,
                            });
                        }
                        Some(t)
                            if !t.is_file()
                                && !t.is_dir()
                                && !t.is_symlink()
                                && frontend::is_checkable(entry.path()) =>
                        {
                            warnings.lock().unwrap().push((
                                entry.into_path(),
                                format!("{}, not a file; skipped", special_kind(t)),
                            ));
                        }
                        _ => {}
                    },
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
    let mut warnings = warnings.into_inner().unwrap();
    warnings.sort();
    Discovery {
        candidates: found,
        errors,
        warnings,
    }
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

/// A NUL in the first 8 KiB marks a binary file, as git and ripgrep judge.
pub fn is_binary(bytes: &[u8]) -> bool {
    memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some()
}

/// Whether a file's check ends at the prefilter with nothing to report: no binary file (that
/// is reported), and nothing in it for its front end.
pub fn nothing_to_find(fe: &dyn FrontEnd, bytes: &[u8]) -> bool {
    !is_binary(bytes) && !prefilter(fe, bytes)
}

/// A name to show for a path: relative to the working directory when it is under it.
pub fn display_path(path: &Path) -> String {
    // Asked once: the run never changes its working directory, and asking per file was a
    // system call for each of them.
    static CWD: OnceLock<Option<PathBuf>> = OnceLock::new();
    let shown = CWD
        .get_or_init(|| std::env::current_dir().ok())
        .as_deref()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    let s = shown.to_string_lossy().into_owned();
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}
