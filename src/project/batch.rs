//! A Batch pipeline spread over files, resolved against the run: the `batches.create` of one
//! module, the files it uploads (`.jsonl` files of the repository, or the modules that write
//! them), and the readers of the batch's output (in the module, or in modules it imports).
//!
//! A batch takes one endpoint for all of its lines, and its output holds results of that
//! endpoint: a Batch file converted without its uploader is rejected by the Batch API, and an
//! uploader converted without its reader reads nothing. So the pieces are one unit: when every
//! piece is in view and every line converts, the creation's fix carries the edits of all the
//! other files (`Unit::companions`), written together by the run; when one is out of sight,
//! nothing is applied, and the finding names the piece.

use super::{absolute, Family, Project};
use crate::edit::Edit;
use crate::frontend::{BatchPieces, FilePath};
use crate::model::{BatchRole, Companion, Endpoint};
use crate::settings::Settings;
use crate::walk::display_path;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What a pipeline in view changes besides its `batches.create`.
#[derive(Default)]
pub struct Pipeline {
    /// The edits in the other files: input files, writers, readers.
    pub companions: Vec<Companion>,
    /// What the conversion may change in behaviour (an unsafe fix of a line).
    pub caveats: Vec<String>,
}

/// A file of code of the run that takes part in some Batch pipeline: it writes lines or
/// reads a batch's output.
#[derive(Debug)]
pub(super) struct BatchCode {
    path: PathBuf,
    text: String,
    bom: usize,
    pieces: BatchPieces,
}

/// The files a path written in `from` may name: beside the file when it says so, else
/// relative to the working directory (where the program is run from, usually the
/// repository's root) or, failing that, to the file's folder.
fn candidates(from: &Path, path: &str, beside_file: bool) -> Vec<PathBuf> {
    let dir = absolute(from)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut out = Vec::new();
    if Path::new(path).is_absolute() {
        out.push(absolute(Path::new(path)));
        return out;
    }
    if !beside_file {
        out.push(absolute(Path::new(path)));
    }
    let here = absolute(&dir.join(path));
    if !out.contains(&here) {
        out.push(here);
    }
    out
}

impl Project {
    /// The run's files of code that write Batch lines or read a batch's output, read once.
    fn batch_code(&self) -> &[BatchCode] {
        self.batch_code.get_or_init(|| {
            let words = self
                .words
                .get_or_init(|| super::WordFilters::build(&self.files));
            // Lines name `/v1/chat/completions` and readers read `choices`, both under `body`.
            let body = super::WordFilters::bits("body");
            let completions = super::WordFilters::bits("completions");
            let choices = super::WordFilters::bits("choices");
            let indices: Vec<usize> = (0..self.files.len())
                .filter(|&i| {
                    self.families[i].is_some_and(Family::scanned_by_words)
                        && words.may_hold(i, &body)
                        && (words.may_hold(i, &completions) || words.may_hold(i, &choices))
                })
                .collect();
            super::on_own_threads(&indices, |&i| {
                let path = &self.files[i];
                let text = std::fs::read_to_string(path).ok()?;
                let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
                let fe = crate::frontend::for_path(path)?;
                let pieces = fe.batch_pieces(&text[bom..])?;
                (pieces.lines.is_some() || !pieces.reads.is_empty()).then(|| BatchCode {
                    path: path.clone(),
                    text,
                    bom,
                    pieces,
                })
            })
            .into_iter()
            .flatten()
            .collect()
        })
    }

    /// The run's files of code that create a batch for Chat Completions, read once.
    fn batch_creators(&self) -> &[(PathBuf, BatchPieces)] {
        self.batch_creators.get_or_init(|| {
            let words = self
                .words
                .get_or_init(|| super::WordFilters::build(&self.files));
            let batches = super::WordFilters::bits("batches");
            let indices: Vec<usize> = (0..self.files.len())
                .filter(|&i| {
                    self.families[i].is_some_and(Family::scanned_by_words)
                        && words.may_hold(i, &batches)
                })
                .collect();
            super::on_own_threads(&indices, |&i| {
                let path = &self.files[i];
                let text = std::fs::read_to_string(path).ok()?;
                let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
                let pieces = crate::frontend::for_path(path)?.batch_pieces(body)?;
                (!pieces.creations.is_empty()).then(|| (path.clone(), pieces))
            })
            .into_iter()
            .flatten()
            .collect()
        })
    }

    /// Whether the file `from`, importing `imports`, imports the module at `target` (absolute;
    /// the file is `file`).
    fn imports_module(
        &self,
        from: &Path,
        imports: &[(String, u32)],
        file: &Path,
        target: &Path,
    ) -> bool {
        let kind = super::family(file);
        kind == super::family(from)
            && imports.iter().any(|(module, level)| match kind {
                Some(Family::Python) => {
                    self.names_module(module, *level, from, target) == Some(true)
                }
                Some(Family::Script) => super::module_name(file).is_some_and(|stem| {
                    super::names_script_module(module, from, target, stem) == Some(true)
                }),
                Some(Family::Rust) | None => false,
            })
    }

    /// Another batch of the run that `uses` a piece too (as `this` does): a piece is converted
    /// with its one batch, never under another that stays on Chat Completions.
    fn other_creator(
        &self,
        this: &Path,
        uses: impl Fn(&Path, &BatchPieces) -> bool,
    ) -> Option<String> {
        let here = absolute(this);
        self.batch_creators()
            .iter()
            .find(|(path, pieces)| absolute(path) != here && uses(path, pieces))
            .map(|(path, pieces)| format!("{}:{}", display_path(path), pieces.creations[0]))
    }

    /// The `batches.create` of the run (its file and line) that takes the Batch lines of
    /// `this`: a `.jsonl` file it uploads, or a module (whose pieces are `own`) that writes the
    /// file it uploads; `None` when no batch, or more than one, does.
    pub fn batch_owner(&self, this: &Path, own: Option<&BatchPieces>) -> Option<String> {
        let here = absolute(this);
        let written: Vec<PathBuf> = match own {
            None => vec![here.clone()],
            Some(pieces) => pieces
                .writes
                .iter()
                .flat_map(|w| match w {
                    FilePath::Literal {
                        path, beside_file, ..
                    } => candidates(this, path, *beside_file),
                    FilePath::Computed { .. } => Vec::new(),
                })
                .collect(),
        };
        let owners: Vec<&(PathBuf, BatchPieces)> = self
            .batch_creators()
            .iter()
            .filter(|(from, pieces)| {
                absolute(from) != here
                    && pieces.uploads.iter().any(|u| match u {
                        FilePath::Literal {
                            path, beside_file, ..
                        } => candidates(from, path, *beside_file)
                            .iter()
                            .any(|p| written.contains(p)),
                        FilePath::Computed { .. } => false,
                    })
            })
            .collect();
        // Two batches that take the same lines: neither owns them (each says so).
        match owners.as_slice() {
            [(path, pieces)] => Some(format!("{}:{}", display_path(path), pieces.creations[0])),
            _ => None,
        }
    }

    /// The pipeline of the `batches.create` in `this` (whose pieces are `own`): every other
    /// file it is made of, with its edits; or the piece out of sight, named with its line.
    pub fn batch_pipeline(
        &self,
        this: &Path,
        own: &BatchPieces,
        settings: &Settings,
    ) -> Result<Pipeline, String> {
        let here = absolute(this);
        if own.creations.len() > 1 {
            return Err("the file creates more than one batch for `/v1/chat/completions`".into());
        }
        if own.uploads.is_empty() {
            return Err(
                "no file is uploaded for the batch in this file (`files.create(file=..., purpose=\"batch\")`): its lines are out of sight"
                    .into(),
            );
        }
        let mut pipeline = Pipeline {
            companions: Vec::new(),
            caveats: Vec::new(),
        };
        let code = self.batch_code();
        let mut writers: Vec<&BatchCode> = Vec::new();
        for upload in &own.uploads {
            let (path, beside_file, line) = match upload {
                FilePath::Literal {
                    path,
                    beside_file,
                    line,
                } => (path, *beside_file, *line),
                FilePath::Computed { line, what } => {
                    return Err(format!(
                        "line {line} uploads a file whose path is computed at run time ({what}): its lines are out of sight"
                    ))
                }
            };
            let named = candidates(this, path, beside_file);
            // The Batch files of the repository it may be.
            let mut files: Vec<&PathBuf> = self
                .files
                .iter()
                .zip(self.facts())
                .filter(|(f, (abs, _))| is_lines_file(f) && named.contains(abs))
                .map(|(f, _)| f)
                .collect();
            files.dedup();
            if files.len() > 1 {
                return Err(format!(
                    "line {line} uploads `{path}`, which may be {} or {}",
                    display_path(files[0]),
                    display_path(files[1])
                ));
            }
            // The modules of the run that write it.
            let mut written_by: Vec<&BatchCode> = Vec::new();
            for c in code.iter().filter(|c| c.pieces.lines.is_some()) {
                let writes_it = c.pieces.writes.iter().any(|w| match w {
                    FilePath::Literal {
                        path, beside_file, ..
                    } => candidates(&c.path, path, *beside_file)
                        .iter()
                        .any(|p| named.contains(p)),
                    FilePath::Computed { .. } => false,
                });
                if writes_it && absolute(&c.path) != here {
                    written_by.push(c);
                }
            }
            let uploads_it = |from: &Path, pieces: &BatchPieces| {
                pieces.uploads.iter().any(|u| match u {
                    FilePath::Literal {
                        path, beside_file, ..
                    } => candidates(from, path, *beside_file)
                        .iter()
                        .any(|p| named.contains(p)),
                    FilePath::Computed { .. } => false,
                })
            };
            if let Some(other) = self.other_creator(this, uploads_it) {
                return Err(format!(
                    "line {line} uploads `{path}`, which {other} uploads for a batch too: its lines convert with one batch, not under another left on Chat Completions"
                ));
            }
            if files.is_empty() && written_by.is_empty() {
                return Err(format!(
                    "line {line} uploads `{path}`, which is not a file of this run, and no module of the run writes it: its lines are out of sight"
                ));
            }
            for file in files {
                let (edits, caveat) = piece_fix(file, None, settings)?;
                pipeline.caveats.extend(caveat);
                pipeline.companions.push(Companion {
                    path: file.clone(),
                    edits: Arc::new(edits),
                    shared: None,
                    test: false,
                });
            }
            for w in written_by {
                if !writers.iter().any(|o| o.path == w.path) {
                    writers.push(w);
                }
            }
        }
        for w in &writers {
            let (edits, caveat) = piece_fix(&w.path, Some(&w.text[w.bom..]), settings)?;
            pipeline.caveats.extend(caveat);
            let bom = w.bom;
            pipeline.companions.push(Companion {
                path: w.path.clone(),
                edits: Arc::new(
                    edits
                        .into_iter()
                        .map(|mut e| {
                            e.span = e.span.offset(bom);
                            e
                        })
                        .collect(),
                ),
                shared: None,
                test: false,
            });
        }
        // Lines written where responsify cannot tell which file they go to may go to this one.
        for c in code.iter().filter(|c| c.pieces.lines.is_some()) {
            if absolute(&c.path) == here || writers.iter().any(|w| w.path == c.path) {
                continue;
            }
            let lost = c
                .pieces
                .writes
                .iter()
                .find(|w| matches!(w, FilePath::Computed { .. }));
            if lost.is_some() || c.pieces.writes.is_empty() {
                let at = lost.map_or(c.pieces.lines.unwrap_or(1), FilePath::line);
                return Err(format!(
                    "{}:{at} writes Batch lines for `/v1/chat/completions` to a file responsify cannot name, which may be the one this batch uploads",
                    display_path(&c.path)
                ));
            }
        }
        if self.batch_readers(this, own, settings, &mut pipeline)? == 0 {
            return Err(
                "no reader of the batch's output (`…[\"response\"][\"body\"][\"choices\"]`) was found in this file or the modules it imports: where it is read, `choices` becomes `output`"
                    .into(),
            );
        }
        Ok(pipeline)
    }

    /// The readers of the output of the batch created in `this` (whose pieces are `own`):
    /// this file's, and those of the modules it imports, whose edits join `pipeline` (how
    /// many files read it); or the reader out of sight. Any other reader of a Chat batch's
    /// output in the run may read this batch's, and is named.
    pub fn batch_readers(
        &self,
        this: &Path,
        own: &BatchPieces,
        settings: &Settings,
        pipeline: &mut Pipeline,
    ) -> Result<usize, String> {
        let here = absolute(this);
        let code = self.batch_code();
        if let Some(why) = own.reads_unseen.first() {
            return Err(why.clone());
        }
        let mut readers = 0;
        for c in code.iter().filter(|c| !c.pieces.reads.is_empty()) {
            let target = absolute(&c.path);
            if target == here {
                continue;
            }
            let shown = display_path(&c.path);
            let line = |at: usize| 1 + c.text[c.bom..][..at].matches('\n').count();
            let first = line(c.pieces.reads[0].span.start);
            if !self.imports_module(this, &own.imports, &c.path, &target) {
                return Err(format!(
                    "{shown}:{first} reads the output of a Chat Completions batch, and this file does not import it: responsify cannot tell which batch it reads"
                ));
            }
            let reads_it = |from: &Path, pieces: &BatchPieces| {
                self.imports_module(from, &pieces.imports, &c.path, &target)
            };
            if let Some(other) = self.other_creator(this, reads_it) {
                return Err(format!(
                    "{shown}:{first} reads the output of the batch {other} creates too: it converts with one batch, not under another left on Chat Completions"
                ));
            }
            if let Some(why) = c.pieces.reads_unseen.first() {
                return Err(format!(
                    "{shown}:{first} reads the batch's output, and {why}"
                ));
            }
            let fe = crate::frontend::for_path(&c.path)
                .ok_or_else(|| format!("{shown} is not a file responsify reads"))?;
            let fix = crate::engine::batch_reader_fix(
                fe,
                &c.text[c.bom..],
                c.pieces.reads.clone(),
                settings,
            )
            .map_err(|(at, why)| {
                let at = at.map_or(shown.clone(), |l| format!("{shown}:{l}"));
                format!("the batch's output is read in {at}, where {why}")
            })?;
            if let Some(why) = &fix.unsafe_because {
                pipeline.caveats.push(format!("in {shown}, {why}"));
            }
            let bom = c.bom;
            pipeline.companions.push(Companion {
                path: c.path.clone(),
                edits: Arc::new(
                    fix.edits
                        .iter()
                        .cloned()
                        .map(|mut e| {
                            e.span = e.span.offset(bom);
                            e
                        })
                        .collect(),
                ),
                shared: None,
                test: false,
            });
            readers += 1;
        }
        Ok(readers + usize::from(!own.reads.is_empty()))
    }
}

/// A Batch input file: JSON Lines.
fn is_lines_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"))
}

/// The edits that convert the Batch lines of `path` (a `.jsonl` file, or a module that writes
/// them: `code` is its text) as a piece of a pipeline in view, and what may change in
/// behaviour; or the line that keeps every line as it is.
fn piece_fix(
    path: &Path,
    code: Option<&str>,
    settings: &Settings,
) -> Result<(Vec<Edit>, Option<String>), String> {
    let shown = display_path(path);
    let fe = crate::frontend::for_path(path)
        .ok_or_else(|| format!("{shown} is not a file responsify reads"))?;
    let read;
    let (text, bom) = match code {
        Some(text) => (text, 0),
        None => {
            read = std::fs::read_to_string(path)
                .map_err(|_| format!("the batch's input file {shown} cannot be read as UTF-8"))?;
            let bom = if read.starts_with('\u{feff}') { 3 } else { 0 };
            (&read[bom..], bom)
        }
    };
    let mut in_view = settings.clone();
    in_view.project = None;
    in_view.path = None;
    in_view.batch_in_view = true;
    in_view.fix = false;
    in_view.display_edits = false;
    let analysis = crate::engine::analyze(fe, text, &in_view)
        .map_err(|e| format!("the batch's input {shown} does not parse ({})", e.message))?;
    let lines = crate::edit::Lines::new(text);
    let is_line = |u: &crate::model::Unit| {
        matches!(u.batch, Some(BatchRole::Line { .. }))
            && u.request.endpoint == Endpoint::ChatCompletions
    };
    let members: Vec<usize> = (0..analysis.units.len())
        .filter(|&i| is_line(&analysis.units[i]))
        .collect();
    let Some(&first) = members.first() else {
        return Err(format!(
            "{shown} holds no Batch line for `/v1/chat/completions`"
        ));
    };
    if code.is_none() {
        // A batch takes one endpoint: a line of another endpoint (or one responsify cannot
        // read as a chat request) would stay behind.
        let mut start = 0;
        for (n, line) in text.split_inclusive('\n').enumerate() {
            let blank = line.trim().is_empty();
            let covered = members.iter().any(|&m| {
                analysis.units[m].request.span.start >= start
                    && analysis.units[m].request.span.start < start + line.len()
            });
            if !blank && !covered {
                return Err(format!(
                    "{shown}:{} is not a Chat Completions Batch line responsify can convert, and a batch takes one endpoint: no line is converted",
                    n + 1
                ));
            }
            start += line.len();
        }
    }
    let of_lines =
        |f: &&crate::engine::Finding| f.diagnostic.unit.is_some_and(|u| members.contains(&u));
    // The line a person must decide about first, then any other that holds the rest back.
    let needs_person = analysis
        .findings
        .iter()
        .filter(of_lines)
        .find(|f| f.diagnostic.fix.is_none() && f.diagnostic.blocks);
    if let Some(f) = needs_person {
        return Err(format!(
            "{shown}:{} cannot be converted (`{}`: {}), and a batch takes one endpoint: no line is converted",
            lines.line(f.diagnostic.span.start),
            f.diagnostic.rule,
            f.diagnostic.message
        ));
    }
    if let Some(f) = analysis
        .findings
        .iter()
        .filter(of_lines)
        .find(|f| matches!(f.status, crate::engine::FixStatus::Blocked(_)))
    {
        let crate::engine::FixStatus::Blocked(why) = &f.status else {
            unreachable!()
        };
        return Err(format!(
            "{shown}:{} cannot be converted yet ({why})",
            lines.line(f.diagnostic.span.start)
        ));
    }
    let caveat = analysis
        .findings
        .iter()
        .filter(of_lines)
        .find(|f| f.status == crate::engine::FixStatus::Unsafe)
        .map(|f| format!("in {shown}, {}", f.diagnostic.message));
    in_view.fix = true;
    in_view.unsafe_fixes = true;
    let checked = crate::engine::fix_unit(fe, text, &in_view, first)
        .map_err(|_| format!("responsify cannot convert the lines of {shown}"))?;
    let fixed = checked.fixed.unwrap_or_else(|| text.to_string());
    // Converged: no chat line is left.
    let again = crate::engine::analyze(fe, &fixed, &in_view)
        .map_err(|_| format!("the converted lines of {shown} would not parse"))?;
    if again.units.iter().any(is_line) {
        return Err(format!(
            "responsify cannot convert every line of {shown} in one change"
        ));
    }
    Ok((difference(text, &fixed, bom), caveat))
}

/// `after` as one edit of `before`: the bytes between their common start and end.
fn difference(before: &str, after: &str, offset: usize) -> Vec<Edit> {
    if before == after {
        return Vec::new();
    }
    let (a, b) = (before.as_bytes(), after.as_bytes());
    let mut start = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    while !before.is_char_boundary(start) || !after.is_char_boundary(start) {
        start -= 1;
    }
    let most = a.len().min(b.len()) - start;
    let mut end = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(most)
        .take_while(|(x, y)| x == y)
        .count();
    while !before.is_char_boundary(a.len() - end) || !after.is_char_boundary(b.len() - end) {
        end -= 1;
    }
    vec![Edit::replace(
        crate::model::Span::new(start, a.len() - end).offset(offset),
        after[start..b.len() - end].to_string(),
    )]
}
