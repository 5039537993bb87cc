//! What a run was asked to do, resolved once from the command line. Which rules a selection
//! names is the rules' knowledge: `rules::selection` resolves `--select` / `--ignore`.

use std::collections::BTreeSet;

/// Which `store` value a migrated request gets when the chat request relied on the default.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum StorePolicy {
    /// Write `store: false`, which keeps Chat Completions' behaviour.
    #[default]
    #[value(name = "false")]
    KeepChat,
    /// Write `store: true` (Responses' default; needed for `previous_response_id`).
    #[value(name = "true")]
    Store,
    /// Write nothing; report the request instead.
    Report,
}

#[derive(Clone, Debug)]
pub struct Settings {
    /// Shared: every file of a run starts from the same selection, and cloning a tree per
    /// file cost an allocation per rule; a per-file ignore copies it first.
    selected: std::sync::Arc<BTreeSet<&'static str>>,
    pub fix: bool,
    pub unsafe_fixes: bool,
    pub store_policy: StorePolicy,
    /// Apply fixes in documentation (Markdown code blocks) too.
    pub fix_docs: bool,
    /// Lower each finding's own fix into edits, for reports that show them.
    pub display_edits: bool,
    /// Base URLs of servers the user declared Responses-capable: their calls migrate.
    pub responses_providers: Vec<String>,
    /// Files larger than this are reported and skipped.
    pub max_file_size: u64,
    /// Apply display-only fixes, to show what responsify would write once the code out of
    /// sight is checked: `convert` prints one body or Batch file for a person who moves the
    /// rest, and the rule harness and the oracles preview them. `check --fix` never sets it.
    pub preview_display_only: bool,
    /// The run's other files, for results handed on by functions; `None` when nothing
    /// beyond the checked text is known (stdin, an editor buffer), which keeps such results
    /// out of sight.
    pub project: Option<std::sync::Arc<crate::project::Project>>,
    /// The checked file, when it is one.
    pub path: Option<std::path::PathBuf>,
    /// The file whose nearest manifests and lockfiles say which `openai` SDK runs it (a file
    /// on disk; an editor buffer's file too).
    pub manifests_from: Option<std::path::PathBuf>,
    /// The text is a piece of a Batch pipeline whose other pieces are in view (see
    /// `project::Project::batch_pipeline`): its Batch lines convert with them.
    pub batch_in_view: bool,
    /// The text is a notebook's cells, a document that shows code: a chat request there may
    /// be shown beside its twin on Responses (`classify::hold_shown_twins`).
    pub shows_code: bool,
}

pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

impl Settings {
    /// Settings that run exactly the `selected` rules (see `rules::selection` for how
    /// `--select` and `--ignore` resolve to them), with nothing else asked for.
    pub fn with_selection(selected: BTreeSet<&'static str>) -> Settings {
        Settings {
            selected: std::sync::Arc::new(selected),
            fix: false,
            unsafe_fixes: false,
            store_policy: StorePolicy::default(),
            fix_docs: false,
            display_edits: false,
            responses_providers: Vec::new(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            preview_display_only: false,
            project: None,
            path: None,
            manifests_from: None,
            batch_in_view: false,
            shows_code: false,
        }
    }

    /// Did the user declare the server at `url` Responses-capable?
    pub fn serves_responses(&self, url: &str) -> bool {
        let norm = |u: &str| u.trim_end_matches('/').to_ascii_lowercase();
        self.responses_providers
            .iter()
            .any(|p| norm(url).starts_with(&norm(p)))
    }

    /// Leave out one more rule (a per-file ignore).
    pub fn deselect(&mut self, rule: &str) {
        if self.selected.contains(rule) {
            std::sync::Arc::make_mut(&mut self.selected).remove(rule);
        }
    }

    /// The selected rules, by name.
    pub fn selected(&self) -> impl Iterator<Item = &&'static str> {
        self.selected.iter()
    }

    pub fn is_selected(&self, rule: &str) -> bool {
        self.selected.contains(rule)
    }
}
