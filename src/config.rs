//! Configuration: `responsify.toml`, or `[tool.responsify]` in `pyproject.toml`.
//!
//! Each file is checked with the configuration closest to it: the first `responsify.toml`
//! (or `pyproject.toml` with a `[tool.responsify]` table) found from the file's directory
//! upward. `extend` names another configuration file whose options this one inherits and
//! overrides. Command-line options override both.

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::settings::{Settings, StorePolicy};

/// What a configuration file may say.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Options {
    /// Another configuration file to inherit from, relative to this one.
    pub extend: Option<String>,
    pub select: Option<Vec<String>>,
    pub ignore: Option<Vec<String>>,
    /// Glob (relative to the configuration's directory) → rules ignored in matching files.
    pub per_file_ignores: Option<BTreeMap<String, Vec<String>>>,
    /// Only files matching these globs are checked (when set).
    pub include: Option<Vec<String>>,
    /// Files matching these globs are skipped. Setting it replaces the default excludes
    /// ([`DEFAULT_EXCLUDES`]), as ruff's `exclude` does.
    pub exclude: Option<Vec<String>>,
    /// More globs to skip, on top of `exclude` (or of the default excludes).
    pub extend_exclude: Option<Vec<String>>,
    /// Base URLs of servers that implement the Responses API.
    pub responses_providers: Option<Vec<String>>,
    /// `"false"` (keep chat's behaviour), `"true"`, or `"report"`.
    pub store_policy: Option<String>,
    /// Fix code blocks in documentation too.
    pub fix_docs: Option<bool>,
}

impl Options {
    /// `self` over `base`: what this file sets wins.
    fn over(self, base: Options) -> Options {
        Options {
            extend: None,
            select: self.select.or(base.select),
            ignore: self.ignore.or(base.ignore),
            per_file_ignores: match (base.per_file_ignores, self.per_file_ignores) {
                (Some(mut b), Some(s)) => {
                    b.extend(s);
                    Some(b)
                }
                (b, s) => s.or(b),
            },
            include: self.include.or(base.include),
            exclude: self.exclude.or(base.exclude),
            extend_exclude: match (base.extend_exclude, self.extend_exclude) {
                (Some(mut b), Some(s)) => {
                    b.extend(s);
                    Some(b)
                }
                (b, s) => s.or(b),
            },
            responses_providers: self.responses_providers.or(base.responses_providers),
            store_policy: self.store_policy.or(base.store_policy),
            fix_docs: self.fix_docs.or(base.fix_docs),
        }
    }
}

/// A loaded configuration file.
#[derive(Clone, Debug)]
pub struct Config {
    pub path: PathBuf,
    /// The directory globs are relative to.
    pub root: PathBuf,
    pub options: Options,
    /// The files `extend` brought in, nearest first.
    pub extends: Vec<PathBuf>,
}

#[derive(Deserialize)]
struct Pyproject {
    tool: Option<PyprojectTool>,
}

#[derive(Deserialize)]
struct PyprojectTool {
    responsify: Option<toml::Value>,
}

/// The configuration file in `dir` itself, if it has one.
fn own_config(dir: &Path) -> Option<PathBuf> {
    let own = dir.join("responsify.toml");
    if own.is_file() {
        return Some(own);
    }
    let pyproject = dir.join("pyproject.toml");
    (pyproject.is_file() && pyproject_section(&pyproject).is_some()).then_some(pyproject)
}

fn pyproject_section(path: &Path) -> Option<toml::Value> {
    let text = std::fs::read_to_string(path).ok()?;
    toml::from_str::<Pyproject>(&text).ok()?.tool?.responsify
}

/// Load a configuration file and everything it extends.
pub fn load(path: &Path) -> Result<Config, String> {
    load_depth(path, 0)
}

fn load_depth(path: &Path, depth: usize) -> Result<Config, String> {
    if depth > 16 {
        return Err(format!(
            "{}: `extend` goes around in a circle",
            path.display()
        ));
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let is_pyproject = path.file_name().is_some_and(|n| n == "pyproject.toml");
    let options: Options = if is_pyproject {
        let section = toml::from_str::<Pyproject>(&text)
            .map_err(|e| format!("{}: {e}", path.display()))?
            .tool
            .and_then(|t| t.responsify)
            .unwrap_or(toml::Value::Table(Default::default()));
        section
            .try_into()
            .map_err(|e| format!("{} [tool.responsify]: {e}", path.display()))?
    } else {
        toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?
    };
    let root = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let mut extends = Vec::new();
    let options = match &options.extend {
        Some(base) => {
            let base = load_depth(&root.join(base), depth + 1)?;
            extends.push(base.path.clone());
            extends.extend(base.extends);
            options.over(base.options)
        }
        None => options,
    };
    Ok(Config {
        path: path.to_path_buf(),
        root,
        options,
        extends,
    })
}

/// What the command line says, which overrides every configuration file.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub store_policy: Option<StorePolicy>,
    pub fix_docs: bool,
    pub responses_providers: Vec<String>,
    pub no_config: bool,
    /// Apply `exclude` to files named on the command line too (`--force-exclude`).
    pub force_exclude: bool,
    /// Do not skip [`DEFAULT_EXCLUDES`] (`--no-default-excludes`).
    pub no_default_excludes: bool,
}

/// Directories skipped wherever they are, even when no `.gitignore` names them, as ruff does:
/// matched by whole name, so `build.py` and `builder/` are still checked. A configuration's
/// `exclude` replaces them (`exclude = []` turns them off; `extend-exclude` adds to either),
/// and so does `--no-default-excludes`.
pub const DEFAULT_EXCLUDES: &[&str] = &[
    ".git",
    ".venv",
    "venv",
    "node_modules",
    "dist",
    "build",
    "target",
    "site-packages",
    "__pypackages__",
];

/// The settings for one file, and whether the configuration excludes it.
pub struct Resolved {
    pub settings: Settings,
    pub config: Option<PathBuf>,
    /// The files the configuration extends, nearest first.
    pub extends: Vec<PathBuf>,
    /// The rules the configuration and the command line ignore everywhere.
    pub ignore: Vec<String>,
    excluded: Option<GlobSet>,
    included: Option<GlobSet>,
    /// Whether [`DEFAULT_EXCLUDES`] apply.
    default_excludes: bool,
    per_file: Vec<(GlobSet, String, Vec<String>)>,
    root: PathBuf,
    base: Settings,
    /// Canonical directories already asked for: the files of a directory share theirs, and
    /// `canonicalize` costs a system call per path component (issue #15).
    canonical_dirs: Mutex<HashMap<PathBuf, PathBuf>>,
}

impl Resolved {
    /// Is `path` left out by `exclude` (or not matched by `include`)?
    pub fn skips(&self, path: &Path) -> bool {
        self.skips_known(path, None)
    }

    /// [`Resolved::skips`] for a file the walk found: the walk follows no symlinks, so it is
    /// a plain file, and asking the file system again (a `statx` per file) is not needed.
    pub fn skips_walked(&self, path: &Path) -> bool {
        self.skips_known(path, Some(true))
    }

    fn skips_known(&self, path: &Path, plain: Option<bool>) -> bool {
        if self.excluded.is_none() && self.included.is_none() && !self.default_excludes {
            return false;
        }
        let rel = self.relative_known(path, plain);
        // Only the part below the configuration's directory (or the working directory)
        // counts: a checkout that lives in `~/build/` is still checked.
        let default = self.default_excludes
            && rel.is_relative()
            && rel.parent().is_some_and(|dir| {
                dir.components()
                    .any(|c| DEFAULT_EXCLUDES.contains(&c.as_os_str().to_string_lossy().as_ref()))
            });
        default
            || self.excluded.as_ref().is_some_and(|g| g.is_match(&rel))
            || self.included.as_ref().is_some_and(|g| !g.is_match(&rel))
    }

    /// The `per-file-ignores` patterns that match `path`, with their rules.
    pub fn per_file_ignores(&self, path: &Path) -> Vec<(String, Vec<String>)> {
        let rel = self.relative(path);
        self.per_file
            .iter()
            .filter(|(globs, _, _)| globs.is_match(&rel))
            .map(|(_, pattern, rules)| (pattern.clone(), rules.clone()))
            .collect()
    }

    /// The size past which a file is reported and skipped (the same for every file these
    /// settings govern).
    pub fn base_max_file_size(&self) -> u64 {
        self.base.max_file_size
    }

    /// The settings for `path`, with its per-file ignores applied.
    pub fn for_file(&self, path: &Path) -> Settings {
        let mut settings = self.base.clone();
        if self.per_file.is_empty() {
            return settings;
        }
        let rel = self.relative(path);
        for (globs, _, rules) in &self.per_file {
            if globs.is_match(&rel) {
                for rule in rules {
                    settings.deselect(rule);
                }
            }
        }
        settings
    }
}

impl Resolved {
    /// `path` relative to the root, which is already canonical (see `Resolver::build`).
    fn relative(&self, path: &Path) -> PathBuf {
        self.relative_known(path, None)
    }

    /// [`Resolved::relative`], told whether `path` is a plain file (no symlink) when known.
    fn relative_known(&self, path: &Path, plain: Option<bool>) -> PathBuf {
        let path = self.canonical(path, plain);
        path.strip_prefix(&self.root)
            .map(Path::to_path_buf)
            .unwrap_or(path)
    }

    /// What `canonicalize` gives for `path` (or `path` itself where that fails). A file
    /// that is not a symlink is its canonical directory joined with its name, so one
    /// `lstat` and the remembered directory answer for most files.
    fn canonical(&self, path: &Path, plain: Option<bool>) -> PathBuf {
        let plain = plain.unwrap_or_else(|| {
            std::fs::symlink_metadata(path).is_ok_and(|m| !m.file_type().is_symlink())
        });
        if let (true, Some(dir), Some(name)) = (plain, path.parent(), path.file_name()) {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            let known = self
                .canonical_dirs
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .get(dir)
                .cloned();
            let canonical = match known {
                Some(c) => Some(c),
                None => std::fs::canonicalize(dir).ok().inspect(|c| {
                    self.canonical_dirs
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .insert(dir.to_path_buf(), c.clone());
                }),
            };
            if let Some(canonical) = canonical {
                return canonical.join(name);
            }
        }
        std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
    }
}

fn globs(patterns: &[String]) -> Result<GlobSet, String> {
    let mut builder = GlobSetBuilder::new();
    for p in patterns {
        builder.add(Glob::new(p).map_err(|e| format!("bad glob `{p}`: {e}"))?);
        // `dir/` and `dir` also mean everything below the directory.
        let dir = p.trim_end_matches('/');
        if !dir.contains('*') {
            builder.add(Glob::new(&format!("{dir}/**")).map_err(|e| e.to_string())?);
        }
    }
    builder.build().map_err(|e| e.to_string())
}

/// Resolves and caches the settings of each directory.
pub struct Resolver {
    overrides: Overrides,
    /// Defaults that are not rule selection (max file size, fix mode, output needs).
    template: Settings,
    cache: Mutex<HashMap<PathBuf, Arc<Resolved>>>,
    /// The settings built from each configuration file (and from none): the directories that
    /// share one share its settings, built once rather than once per directory.
    built: Mutex<HashMap<Option<PathBuf>, Arc<Resolved>>>,
    /// The configuration file that governs each directory looked at.
    governing: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
}

impl Resolver {
    /// Whether `exclude` applies to files named on the command line too.
    pub fn force_exclude(&self) -> bool {
        self.overrides.force_exclude
    }

    pub fn new(overrides: Overrides, template: Settings) -> Resolver {
        Resolver {
            overrides,
            template,
            cache: Mutex::new(HashMap::new()),
            built: Mutex::new(HashMap::new()),
            governing: Mutex::new(HashMap::new()),
        }
    }

    /// The resolved configuration for the directory holding `path`.
    pub fn resolve(&self, path: &Path) -> Result<Arc<Resolved>, String> {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        // Most files share their directory with the file before: look the directory up as
        // written before paying for a canonical path (a system call per component).
        if let Some(hit) = self.cached(dir) {
            return Ok(hit);
        }
        let key = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if let Some(hit) = self.cached(&key) {
            self.remember(dir, &key, &hit);
            return Ok(hit);
        }
        // Built without the lock held: loading a configuration reads files, and other
        // threads should not wait on that. Two threads may build one directory at once; the
        // results are equal, and the first one stored wins so every file sees one value.
        let config = if self.overrides.no_config {
            None
        } else {
            self.find(&key)
        };
        let known = self
            .built
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&config)
            .cloned();
        let resolved = match known {
            Some(resolved) => resolved,
            None => {
                let resolved = Arc::new(self.build(config.as_deref())?);
                Arc::clone(
                    self.built
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .entry(config)
                        .or_insert(resolved),
                )
            }
        };
        Ok(self.remember(dir, &key, &resolved))
    }

    /// The configuration file that governs `dir` (its own, or its nearest ancestor's),
    /// remembering the answer for it and each folder passed on the way
    /// up: the directories of a tree share their ancestors, which are then looked at once.
    fn find(&self, dir: &Path) -> Option<PathBuf> {
        let governing = || {
            self.governing
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        let mut passed = Vec::new();
        let mut at = Some(dir);
        let found = loop {
            let Some(d) = at else { break None };
            if let Some(known) = governing().get(d) {
                break known.clone();
            }
            if let Some(own) = own_config(d) {
                break Some(own);
            }
            passed.push(d.to_path_buf());
            at = d.parent();
        };
        let mut memo = governing();
        for d in passed {
            memo.insert(d, found.clone());
        }
        found
    }

    /// The cached settings of `dir`. The guard is a temporary of this function, so it is
    /// dropped before the caller can lock again (an `if let` on `lock().get()` would keep it
    /// for its whole body, and `std::sync::Mutex` deadlocks when one thread locks it twice).
    fn cached(&self, dir: &Path) -> Option<Arc<Resolved>> {
        self.lock().get(dir).cloned()
    }

    /// Store `resolved` under both names of the directory, unless another thread stored one
    /// first; returns the stored value.
    fn remember(&self, dir: &Path, key: &Path, resolved: &Arc<Resolved>) -> Arc<Resolved> {
        let mut cache = self.lock();
        let stored = Arc::clone(
            cache
                .entry(key.to_path_buf())
                .or_insert_with(|| Arc::clone(resolved)),
        );
        cache.insert(dir.to_path_buf(), Arc::clone(&stored));
        stored
    }

    /// The cache, even if a thread panicked while holding it: entries are inserted whole, so
    /// a poisoned map is still consistent.
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Arc<Resolved>>> {
        self.cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn build(&self, config: Option<&Path>) -> Result<Resolved, String> {
        let loaded = config.map(load).transpose()?;
        let options = loaded
            .as_ref()
            .map(|c| c.options.clone())
            .unwrap_or_default();
        let o = &self.overrides;
        let select = if o.select.is_empty() {
            options.select.clone().unwrap_or_default()
        } else {
            o.select.clone()
        };
        let mut ignore = options.ignore.clone().unwrap_or_default();
        ignore.extend(o.ignore.iter().cloned());
        let mut settings = Settings::new(&select, &ignore)?;
        settings.fix = self.template.fix;
        settings.unsafe_fixes = self.template.unsafe_fixes;
        settings.max_file_size = self.template.max_file_size;
        settings.display_edits = self.template.display_edits;
        settings.store_policy = match (o.store_policy, options.store_policy.as_deref()) {
            (Some(p), _) => p,
            (None, None | Some("false")) => StorePolicy::KeepChat,
            (None, Some("true")) => StorePolicy::Store,
            (None, Some("report")) => StorePolicy::Report,
            (None, Some(other)) => {
                return Err(format!(
                    "store-policy must be \"false\", \"true\" or \"report\", not {other:?}"
                ))
            }
        };
        settings.fix_docs = o.fix_docs || options.fix_docs.unwrap_or(false);
        settings.responses_providers = options.responses_providers.clone().unwrap_or_default();
        settings
            .responses_providers
            .extend(o.responses_providers.iter().cloned());
        let mut per_file = Vec::new();
        for (pattern, rules) in options.per_file_ignores.clone().unwrap_or_default() {
            for rule in &rules {
                if crate::rules::by_name(rule).is_none() {
                    return Err(format!("per-file-ignores names unknown rule `{rule}`"));
                }
            }
            per_file.push((globs(std::slice::from_ref(&pattern))?, pattern, rules));
        }
        Ok(Resolved {
            base: settings.clone(),
            canonical_dirs: Mutex::new(HashMap::new()),
            settings,
            config: loaded.as_ref().map(|c| c.path.clone()),
            extends: loaded
                .as_ref()
                .map(|c| c.extends.clone())
                .unwrap_or_default(),
            ignore: ignore.clone(),
            excluded: {
                let mut patterns = options.exclude.clone().unwrap_or_default();
                patterns.extend(options.extend_exclude.clone().unwrap_or_default());
                if options.exclude.is_none() && options.extend_exclude.is_none() {
                    None
                } else {
                    Some(globs(&patterns)?)
                }
            },
            default_excludes: options.exclude.is_none() && !o.no_default_excludes,
            included: options.include.as_deref().map(globs).transpose()?,
            per_file,
            root: {
                let root = loaded.map(|c| c.root).unwrap_or_else(|| PathBuf::from("."));
                std::fs::canonicalize(&root).unwrap_or(root)
            },
        })
    }
}
