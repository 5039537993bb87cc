//! Which of the files responsify asks a folder about it holds, listed once.
//!
//! Questions about a folder — the environment files that may point the SDK at another server,
//! the manifests and lockfiles that pin the SDK, whether it is the repository's root — tried
//! each name in turn: a failed `open` or `stat` per name, per folder, two dozen for each folder
//! of a large run. One listing of the folder answers them all, and only the names asked about
//! are kept, so the run's memory does not grow with the folders' other files.

use std::path::Path;

/// The names asked about that a folder holds.
#[derive(Debug, Clone)]
pub struct FolderFiles {
    /// `None` when the folder could not be listed: then it may hold any of them, and each is
    /// tried as before.
    names: Option<Vec<&'static str>>,
}

impl FolderFiles {
    pub fn list(dir: &Path) -> FolderFiles {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        let Ok(entries) = std::fs::read_dir(dir) else {
            return FolderFiles { names: None };
        };
        let mut names = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name();
            if let Some(asked) = name.to_str().and_then(asked_about) {
                names.push(asked);
            }
        }
        FolderFiles { names: Some(names) }
    }

    /// Whether the folder may hold `name` (one of the names asked about).
    pub fn has(&self, name: &str) -> bool {
        debug_assert!(asked_about(name).is_some(), "`{name}` is not asked about");
        self.names
            .as_ref()
            .is_none_or(|names| names.contains(&name))
    }
}

/// The repository's root holds this.
pub const GIT: &str = ".git";

/// `name` as one of the names asked about, if it is one.
fn asked_about(name: &str) -> Option<&'static str> {
    std::iter::once(GIT)
        .chain(crate::project_env::FILES.iter().copied())
        .chain(crate::sdk_source::MANIFESTS.iter().copied())
        .chain(
            crate::sdk_pins::ALL_NAMES
                .iter()
                .flat_map(|n| n.iter().copied()),
        )
        .find(|asked| *asked == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_keeps_the_names_asked_about_and_an_unlisted_folder_may_hold_any() {
        let dir = tempfile::tempdir().unwrap();
        for name in [".env", "package.json", "notes.txt"] {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        let files = FolderFiles::list(dir.path());
        assert!(files.has(".env") && files.has("package.json") && files.has(GIT));
        assert!(!files.has("Dockerfile") && !files.has("requirements.txt"));
        assert_eq!(
            files.names.as_ref().map(Vec::len),
            Some(3),
            "notes.txt is not kept"
        );
        let gone = FolderFiles::list(&dir.path().join("missing"));
        assert!(gone.has("Dockerfile"));
    }
}
