//! classify → rules → plan → lower → apply → verify, for one file's text.

use crate::diagnostic::{Applicability, Change, Diagnostic};
use crate::edit::{self, Edit};
use crate::frontend::{FrontEnd, Lowerer, SyntaxError};
use crate::model::{Endpoint, Hold, Site, Span, Unit, Value, Verdict};
use crate::rules::{self, Context};
use crate::settings::Settings;

/// A fix may need a second pass (a rule that only fires on the first pass's output); more
/// than this many passes means fixes do not converge, which is a bug worth reporting.
const MAX_PASSES: usize = 8;

/// Whether a finding will be fixed, and by what.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FixStatus {
    /// No fix is needed or offered.
    None,
    /// `--fix` applies it.
    Safe,
    /// `--unsafe-fixes` applies it.
    Unsafe,
    /// Its unit cannot be fixed until something else is resolved (the reason).
    Blocked(String),
}

/// A diagnostic together with what will become of it.
#[derive(Clone, Debug)]
pub struct Finding {
    pub diagnostic: Diagnostic,
    pub status: FixStatus,
    /// The diagnostic's own fix as edits, for display (diffs, JSON output).
    pub edits: Vec<Edit>,
    /// The request the finding is about, when it is about one: its whole site and the
    /// classes and functions it sits in (for baselines and request ids).
    pub request: Option<(Span, Vec<String>)>,
}

/// What the engine found in one text.
#[derive(Debug)]
pub struct Analysis {
    pub units: Vec<Unit>,
    pub findings: Vec<Finding>,
}

/// The outcome of checking (and maybe fixing) one text.
#[derive(Clone, Debug)]
pub struct Checked {
    /// Findings on the final text, selected rules only.
    pub findings: Vec<Finding>,
    /// The final text (BOM restored), when fixes changed it.
    pub fixed: Option<String>,
    /// How many findings the fixes resolved.
    pub fixed_count: usize,
    /// Edits in other files that belong to the fixes made (see `Unit::companions`): the
    /// run writes them with this file, or writes none of them.
    pub companions: Vec<crate::model::Companion>,
}

/// Why a file could not be checked or fixed.
#[derive(Debug, PartialEq)]
pub enum CheckError {
    Syntax(SyntaxError),
    /// The fixes produced text that does not parse, or did not converge. The file is left
    /// as it was.
    FixFailed(String),
}

const BOM: &str = "\u{feff}";

/// Check a file's text; with `settings.fix`, also fix it.
pub fn check(fe: &dyn FrontEnd, text: &str, settings: &Settings) -> Result<Checked, CheckError> {
    check_only(fe, text, settings, None)
}

/// Fix only the request `unit` of the text's analysis (index into [`Analysis::units`]),
/// together with the requests that share its source: the whole migration unit or nothing,
/// under the fix levels of `settings` (`settings.fix` is implied). Later passes follow the
/// request by where it starts. The editor's quick fix for one request.
pub fn fix_unit(
    fe: &dyn FrontEnd,
    text: &str,
    settings: &Settings,
    unit: usize,
) -> Result<Checked, CheckError> {
    let mut settings = settings.clone();
    settings.fix = true;
    check_only(fe, text, &settings, Some(unit))
}

/// Where `at` lands after `edits` (sorted, non-overlapping) are applied: moved by every edit
/// wholly before it.
fn shifted(at: usize, edits: &[Edit]) -> usize {
    let mut out = at as isize;
    for e in edits {
        if e.span.end < at || (e.span.end == at && e.span.start < at) {
            out += e.text.len() as isize - (e.span.end - e.span.start) as isize;
        }
    }
    out.max(0) as usize
}

fn check_only(
    fe: &dyn FrontEnd,
    text: &str,
    settings: &Settings,
    only: Option<usize>,
) -> Result<Checked, CheckError> {
    let (bom, body) = match text.strip_prefix(BOM) {
        Some(rest) => (BOM, rest),
        None => ("", text),
    };
    let mut current = body.to_string();
    let mut fixed_count = 0;
    let mut companions = Vec::new();
    let lifted = fe.lift(&current).map_err(CheckError::Syntax)?;
    // The Responses requests a chat request may be shown beside, as the text came: the
    // passes below see the requests they migrate, which are no twins.
    let shown = shown_in_document(fe, &lifted.units, settings);
    let mut analysis = analyze_lifted(fe, &current, lifted, settings, &shown);
    // The start of the one request to fix, in the current text.
    let mut target = match only {
        Some(i) => Some(
            analysis
                .units
                .get(i)
                .map(|u| u.request.span.start)
                .ok_or_else(|| CheckError::FixFailed(format!("no request {i} in the text")))?,
        ),
        None => None,
    };
    if settings.fix {
        let mut passes = 0;
        loop {
            let wanted: Option<usize> = target.and_then(|at| {
                analysis
                    .units
                    .iter()
                    .enumerate()
                    .filter(|(_, u)| {
                        let span = u.request.span;
                        span.start <= at && at < span.end.max(span.start + 1)
                    })
                    .min_by_key(|(_, u)| u.request.span.end - u.request.span.start)
                    .map(|(i, _)| i)
            });
            if target.is_some() && wanted.is_none() {
                break;
            }
            let (edits, count, fixed_units) = plan(fe, &current, &analysis, settings, wanted);
            if edits.is_empty() {
                break;
            }
            for i in fixed_units {
                companions.extend(analysis.units[i].companions.iter().cloned());
            }
            passes += 1;
            if passes > MAX_PASSES {
                return Err(CheckError::FixFailed(format!(
                    "fixes did not settle after {MAX_PASSES} passes"
                )));
            }
            target = target.map(|at| shifted(at, &edits));
            let mut next = edit::apply(&current, &edits);
            if !fe.verify_is_lift() {
                fe.verify(&current, &next).map_err(|why| {
                    CheckError::FixFailed(format!("the fixed text does not parse ({why})"))
                })?;
            }
            // The imports this pass made stale or necessary, tidied before the text is
            // analysed again: one analysis per pass, and the last pass leaves nothing to
            // tidy (a tidy after the loop analysed every fixed file once more, issue #15).
            let tidy = fe.tidy_imports(body, &next);
            if !tidy.is_empty() {
                target = target.map(|at| shifted(at, &tidy));
                next = edit::apply(&next, &tidy);
            }
            // Analysing lifts the fixed text: where verifying is only that, this is the check.
            let lifted = fe.lift(&next).map_err(|e| {
                CheckError::FixFailed(format!("the fixed text does not parse ({})", e.message))
            })?;
            analysis = analyze_lifted(fe, &next, lifted, settings, &shown);
            current = next;
            fixed_count += count;
        }
    }
    let findings = analysis
        .findings
        .into_iter()
        .filter(|f| settings.is_selected(f.diagnostic.rule))
        .map(|mut f| {
            // Spans are relative to the text without its BOM; report them in the file's bytes.
            f.diagnostic.span = f.diagnostic.span.offset(bom.len());
            for e in &mut f.edits {
                e.span = e.span.offset(bom.len());
            }
            f
        })
        .collect::<Vec<Finding>>();
    let mut findings = findings;
    findings.sort_by(|a, b| {
        (a.diagnostic.span.start, a.diagnostic.rule)
            .cmp(&(b.diagnostic.span.start, b.diagnostic.rule))
    });
    let fixed = (current != body).then(|| format!("{bom}{current}"));
    Ok(Checked {
        findings,
        fixed,
        fixed_count,
        companions,
    })
}

/// Lift, classify, and run the rules.
pub fn analyze(
    fe: &dyn FrontEnd,
    text: &str,
    settings: &Settings,
) -> Result<Analysis, SyntaxError> {
    let lifted = fe.lift(text)?;
    let shown = shown_in_document(fe, &lifted.units, settings);
    Ok(analyze_lifted(fe, text, lifted, settings, &shown))
}

/// The Responses requests of a document that shows code (a notebook, Markdown) that a chat
/// request beside them may be the twin of; none in other files.
fn shown_in_document(
    fe: &dyn FrontEnd,
    units: &[crate::model::Unit],
    settings: &Settings,
) -> Vec<crate::classify::Shown> {
    if fe.documentation() || settings.shows_code {
        crate::classify::shown_on_responses(units)
    } else {
        Vec::new()
    }
}

/// The SDK whose own source `file` is in (see `sdk_source`).
fn in_sdk_source(file: &std::path::Path, settings: &Settings) -> Option<&'static str> {
    // From the file's own folder up, above the working directory too: a run inside the
    // SDK's `tests/` is still in the SDK.
    let absolute;
    let file = if file.is_absolute() {
        file
    } else {
        absolute = std::env::current_dir().ok()?.join(file);
        &absolute
    };
    let dir = file.parent()?;
    match &settings.project {
        Some(project) => project.sdk_package_of(dir),
        None => crate::sdk_source::sdk_package_of(dir, &|f| {
            std::sync::Arc::new(crate::folder_files::FolderFiles::list(f))
        }),
    }
}

/// [`analyze`] of a text already lifted, with the twins its chat requests are held against.
fn analyze_lifted(
    fe: &dyn FrontEnd,
    text: &str,
    lifted: crate::frontend::Lifted,
    settings: &Settings,
    shown: &[crate::classify::Shown],
) -> Analysis {
    let mut by_unit: Vec<Vec<Diagnostic>> = Vec::new();
    let mut units = lifted.units;
    crate::classify::hold_chat_twins(&mut units);
    crate::classify::hold_shown_twins(&mut units, shown);
    crate::classify::hold_other_provider_bodies(&mut units);
    if let Some(path) = settings.path.as_deref() {
        crate::classify::hold_sibling_chat_twins(&mut units, path);
    }
    // A test that stubs the chat method by name stubs it for every request of the module
    // through that client: only the module's one request can move it.
    let chat_requests = units
        .iter()
        .filter(|u| {
            u.request.endpoint == Endpoint::ChatCompletions
                && matches!(u.request.site, Site::SdkCall { .. })
        })
        .count();
    let mut pins_here = PinsHere::new();
    // The batch that takes this file's Batch lines, asked once for all of them.
    let owner = std::cell::OnceCell::new();
    // Asked only of a text with requests: most files a run checks have none.
    let sdk_source = settings
        .manifests_from
        .as_deref()
        .filter(|_| !units.is_empty())
        .and_then(|file| in_sdk_source(file, settings));
    for unit in &mut units {
        if let Some(sdk) = sdk_source {
            unit.verdict = Verdict::hold(Hold::NotOpenAi, crate::sdk_source::why(sdk));
        }
        // A project environment file or the model may show the client is another server's:
        // judged before the unit is followed into other files.
        if let Some(file) = settings.manifests_from.as_deref() {
            crate::project_env::hold_by_project_env(unit, file, settings);
        }
        crate::classify::hold_by_model(unit);
        handed_on(unit, text, chat_requests == 1, settings);
        imported_values(unit, fe, text, settings);
        batch_pipeline(unit, fe, text, settings, &owner);
        sdk_version(unit, fe, text, settings, &mut pins_here);
        // A server the user declared Responses-capable is treated like OpenAI's.
        if unit
            .base_url
            .as_deref()
            .is_some_and(|u| settings.serves_responses(u))
            && unit
                .verdict
                .reason()
                .is_some_and(|r| matches!(r.kind, Hold::OtherServer | Hold::OtherServerByDefault))
        {
            unit.verdict = Verdict::Migrate;
        }
    }
    let ctx = Context {
        settings,
        source: text,
        units: &units,
    };
    for (index, unit) in units.iter().enumerate() {
        let mut found = Vec::new();
        let responses = unit.request.endpoint == Endpoint::Responses;
        match &unit.verdict {
            // Code already on Responses is reviewed only where it talks to OpenAI: another
            // server's Responses dialect is its own business.
            Verdict::Hold(_) if responses => {}
            Verdict::Hold(reason) => {
                if let Some(rule) = reason.kind.rule().and_then(rules::by_name) {
                    rule.check(unit, &ctx, &mut found);
                }
            }
            Verdict::Migrate if unit.request.endpoint == Endpoint::ChatCompletions => {
                for rule in rules::all() {
                    let meta = rule.meta();
                    if meta.opt_in && !settings.is_selected(meta.name) {
                        continue;
                    }
                    rule.check(unit, &ctx, &mut found);
                }
            }
            Verdict::Migrate => {
                for rule in rules::all() {
                    let meta = rule.meta();
                    if !meta.reviews_responses || meta.opt_in && !settings.is_selected(meta.name) {
                        continue;
                    }
                    rule.check(unit, &ctx, &mut found);
                }
            }
        }
        for d in &mut found {
            d.unit = Some(index);
        }
        by_unit.push(found);
    }
    let mut findings = Vec::new();
    let mut by_unit = Some(by_unit);
    // One lowerer for every request of the text (see `FrontEnd::lowering`).
    fe.lowering(text, &mut |low| {
        let by_unit = by_unit.take().unwrap_or_default();
        findings = judge(fe, low, text, settings, &units, by_unit);
    });
    // A value shared by two requests (one tools list) draws the same finding from both:
    // report it once.
    let mut seen = std::collections::HashSet::new();
    findings.retain(|f| {
        seen.insert((
            f.diagnostic.rule,
            f.diagnostic.span,
            f.diagnostic.message.clone(),
        ))
    });
    Analysis { units, findings }
}

/// The findings of the units' diagnostics: suppressions applied, and each with what will
/// become of it (fixed, blocked and why), which needs its fix lowered.
fn judge(
    fe: &dyn FrontEnd,
    low: &dyn Lowerer,
    text: &str,
    settings: &Settings,
    units: &[Unit],
    by_unit: Vec<Vec<Diagnostic>>,
) -> Vec<Finding> {
    // Line numbers for messages, from one index of the text: counting lines from the start
    // for each message is quadratic in a file of many requests.
    let line_of = crate::edit::Lines::new(text);
    let suppressions = fe.suppressions(text);
    let mut used = vec![false; suppressions.len()];
    let lines = (!suppressions.is_empty()).then(|| crate::edit::LineIndex::new(text));
    let mut findings = Vec::new();
    for (unit, diagnostics) in units.iter().zip(by_unit) {
        // Suppressed findings are not reported, and their request is left as it is.
        let mut silenced = Vec::new();
        let diagnostics: Vec<Diagnostic> = match &lines {
            None => diagnostics,
            Some(lines) => diagnostics
                .into_iter()
                .filter(|d| {
                    let (line, _) = lines.line_col(text, d.span.start);
                    let hit = suppressions.iter().position(|s| s.covers(d.rule, line));
                    if let Some(i) = hit {
                        used[i] = true;
                        // Anything but a note needs (or blocks) a change: leave the request.
                        if d.fix.is_some() || d.blocks {
                            silenced.push(d.rule);
                        }
                    }
                    hit.is_none()
                })
                .collect(),
        };
        // Silencing the request itself silences everything about it.
        let diagnostics = if silenced.contains(&"chat-completions-request") {
            Vec::new()
        } else {
            diagnostics
        };
        // A Chat Completions request migrates whole or not at all. A Responses request is
        // already on its API: each piece of residue is fixed on its own, so one value a
        // person must decide does not hold back the mechanical fixes around it.
        let pieces: Vec<&[Diagnostic]> = if unit.request.endpoint == Endpoint::Responses {
            diagnostics.chunks(1).collect()
        } else {
            vec![&diagnostics[..]]
        };
        let statuses: Vec<Result<Applicability, String>> = pieces
            .iter()
            .map(|piece| {
                let mut status = unit_status(piece, settings, &line_of);
                if let Some(rule) = silenced.first() {
                    status = Err(format!(
                        "`{rule}` is suppressed here, so the request is left as it is"
                    ));
                }
                if fe.documentation() && !settings.fix_docs && status.is_ok() {
                    status = Err("fixes in documentation are opt-in (`--fix-docs`)".into());
                }
                if status.is_ok() {
                    // A fix that cannot be written is no fix: say so instead of skipping it.
                    let all: Vec<Change> = piece
                        .iter()
                        .filter_map(|d| d.fix.as_ref())
                        .flat_map(|f| f.changes.iter().cloned())
                        .collect();
                    if !all.is_empty() {
                        match lower(fe, low, unit, all) {
                            Err(why) => {
                                status = Err(format!("responsify cannot write this fix ({why})"))
                            }
                            Ok(edits) => {
                                if let Some(why) =
                                    rewrites_held_source(unit, units, &edits, &line_of)
                                {
                                    status = Err(why);
                                }
                            }
                        }
                    }
                }
                status
            })
            .collect();
        let whole = pieces.len() == 1;
        for (i, diagnostic) in diagnostics.into_iter().enumerate() {
            let status = &statuses[if whole { 0 } else { i }];
            let edits = match &diagnostic.fix {
                Some(fix) if settings.display_edits => {
                    lower(fe, low, unit, fix.changes.clone()).unwrap_or_default()
                }
                _ => Vec::new(),
            };
            let status = match (status, &diagnostic.fix) {
                (_, None) => FixStatus::None,
                (Err(why), Some(_)) => FixStatus::Blocked(why.clone()),
                (Ok(level), Some(_)) => {
                    if *level == Applicability::Safe {
                        FixStatus::Safe
                    } else {
                        FixStatus::Unsafe
                    }
                }
            };
            findings.push(Finding {
                diagnostic,
                status,
                edits,
                request: Some((unit.request.span, unit.enclosing.clone())),
            });
        }
    }
    let file = rules::FileContext {
        suppressions: &suppressions,
        used: &used,
    };
    for rule in rules::all() {
        let mut found = Vec::new();
        rule.check_file(&file, &mut found);
        findings.extend(found.into_iter().map(|diagnostic| {
            // An unused suppression is removed by a safe fix (not in documentation, whose
            // fixes are opt-in): the comment, or its whole line when it stands alone.
            let removal = (diagnostic.rule == "unused-suppression"
                && diagnostic.message.starts_with("this comment silences")
                && (!fe.documentation() || settings.fix_docs))
                .then(|| comment_removal(text, diagnostic.span))
                .flatten();
            match removal {
                Some(edit) => Finding {
                    diagnostic: diagnostic.with_fix(crate::diagnostic::Fix::safe(
                        "Remove the unused suppression",
                        Vec::new(),
                    )),
                    status: FixStatus::Safe,
                    edits: vec![edit],
                    request: None,
                },
                None => Finding {
                    diagnostic,
                    status: FixStatus::None,
                    edits: Vec::new(),
                    request: None,
                },
            }
        }));
    }
    // Units that share source are written together: when their changes cannot be, say so on
    // each of them rather than leave fixes that --fix would quietly skip. Members by group
    // and findings by unit are indexed once: scanning every unit and every finding for each
    // group made a file of many groups quadratic.
    let mut by_group: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for (i, unit) in units.iter().enumerate() {
        if let Some(g) = unit.group {
            by_group.entry(g).or_default().push(i);
        }
    }
    let mut of_unit: Vec<Vec<usize>> = vec![Vec::new(); units.len()];
    for (i, f) in findings.iter().enumerate() {
        if let Some(u) = f.diagnostic.unit {
            of_unit[u].push(i);
        }
    }
    for members in by_group.values() {
        // One member held back holds the others back: `plan` fixes a group whole or not at
        // all, so their fixes must not be counted as fixable either. (Members are in
        // ascending order, so the first held is the one the message names.)
        let held = members
            .iter()
            .find(|&&m| {
                of_unit[m]
                    .iter()
                    .any(|&i| matches!(findings[i].status, FixStatus::Blocked(_)))
            })
            .map(|&m| line_of.line(units[m].request.span.start));
        if let Some(line) = held {
            for &m in members {
                // Batch lines share no code: they share the one endpoint a batch takes.
                let why = if matches!(units[m].request.site, Site::BatchLine { .. }) {
                    format!(
                        "line {line} of this Batch file cannot be converted yet, and a batch takes one endpoint: no line is converted without it"
                    )
                } else {
                    format!(
                        "the request at line {line} shares this request's code and cannot be fixed yet"
                    )
                };
                for &i in &of_unit[m] {
                    let f = &mut findings[i];
                    if matches!(f.status, FixStatus::Safe | FixStatus::Unsafe) {
                        f.status = FixStatus::Blocked(why.clone());
                    }
                }
            }
            continue;
        }
        let group: Vec<(&Unit, Vec<Change>)> = members
            .iter()
            .map(|&m| {
                let changes = of_unit[m]
                    .iter()
                    .map(|&i| &findings[i])
                    .filter(|f| matches!(f.status, FixStatus::Safe | FixStatus::Unsafe))
                    .filter_map(|f| f.diagnostic.fix.as_ref())
                    .flat_map(|fix| fix.changes.iter().cloned())
                    .collect();
                (&units[m], changes)
            })
            .collect();
        let result = if group.iter().all(|(_, c)| c.is_empty()) {
            Ok(Vec::new())
        } else {
            lower_group(fe, low, &group)
        };
        if let Err(why) = result {
            for &m in members {
                for &i in &of_unit[m] {
                    let f = &mut findings[i];
                    if f.diagnostic.fix.is_some() {
                        f.status = FixStatus::Blocked(format!(
                            "responsify cannot write the fixes of the requests that share this code ({why})"
                        ));
                    }
                }
            }
        }
    }
    findings
}

/// The weakest applicability that fixes the whole unit, or why the unit cannot be fixed.
/// Each blocker is named with the line that holds the unit back.
/// Results handed on by functions of the file: callers in other files are followed (their
/// reads join the unit's fix as companion edits) or named as out of sight; callers outside
/// the repository are a named risk.
fn handed_on(unit: &mut crate::model::Unit, text: &str, alone: bool, settings: &Settings) {
    // Module-level values the fix rewrites: another module importing one sends it too.
    // Checked only in a run, where the other files are known (a text alone keeps what it
    // always did).
    if let (Some(project), Some(path)) = (&settings.project, settings.path.as_deref()) {
        for name in std::mem::take(&mut unit.rewrites_importable) {
            if let Some((file, line)) = project.named_elsewhere(&name, path) {
                unit.unseen.push(format!(
                    "the fix rewrites `{name}`, and {}:{line} names it too",
                    crate::walk::display_path(&file)
                ));
            }
        }
    }
    // Whether every read of the result, here and in the files that import the helper, is
    // its text (a test's fake that carries only a text then carries enough).
    let mut text_only = unit
        .reads
        .iter()
        .all(|r| r.kind == crate::model::ReadKind::Content);
    for handed in std::mem::take(&mut unit.leaves_through) {
        let name = &handed.name;
        let (Some(project), Some(path)) = (&settings.project, settings.path.as_deref()) else {
            if settings.project.is_some() {
                // A whole program given as one text (a fixture): nothing else calls it.
                if !handed.called_here {
                    unit.unseen.push(nothing_calls(&handed, "file"));
                }
                continue;
            }
            unit.unseen.push(format!(
                "`{name}` hands the result to callers, and other files are not in view"
            ));
            continue;
        };
        let followers = project.followers(&handed, path, settings);
        if followers.is_empty() && !handed.called_here {
            unit.unseen.push(nothing_calls(&handed, "run"));
            continue;
        }
        for follower in followers.iter() {
            let shown = crate::walk::display_path(&follower.path);
            match &follower.outcome {
                Ok(fix) => {
                    text_only &= fix.text_only;
                    if let Some(why) = &fix.unsafe_because {
                        unit.caveats.push(format!("in {shown}, {why}"));
                    }
                    unit.companions.push(crate::model::Companion {
                        path: follower.path.clone(),
                        edits: std::sync::Arc::clone(&fix.edits),
                        shared: None,
                        test: false,
                    });
                }
                Err((line, why)) => {
                    let at = line.map_or(shown.clone(), |l| format!("{shown}:{l}"));
                    unit.unseen.push(format!(
                        "`{name}` hands the result to callers in {at}, where {why}"
                    ));
                }
            }
        }
        if !name.starts_with('_')
            && settings
                .path
                .as_deref()
                .is_some_and(crate::project::Project::in_package)
        {
            unit.caveats.push(format!(
                "`{name}` is public in a package: code outside this repository that calls it gets a Responses result"
            ));
        }
    }
    stubbing_tests(unit, text, alone, text_only, settings);
}

/// Tests of the run that stub the chat method of this request's module: each moves with the
/// request (its edits join the unit's fix) when every use of the stub is mechanical, and
/// otherwise keeps the fix displayed, naming the line where sight is lost.
fn stubbing_tests(
    unit: &mut crate::model::Unit,
    text: &str,
    alone: bool,
    text_only: bool,
    settings: &Settings,
) {
    use crate::frontend::TestStub;
    let (Some(project), Some(path)) = (&settings.project, settings.path.as_deref()) else {
        return;
    };
    if unit.request.endpoint != Endpoint::ChatCompletions
        || !matches!(unit.verdict, Verdict::Migrate)
    {
        return;
    }
    let Some((test, line)) = project.stubbed_by(path) else {
        return;
    };
    let held = format!(
        "{}:{line} stubs `chat.completions.create` for this module: the test moves with the code (patch `responses.create`, return Responses results, assert on `input=`)",
        crate::walk::display_path(&test)
    );
    // The module-level name of the client, which a test patches by name.
    let client = match unit.request.site {
        Site::SdkCall { method, .. } => text
            .get(unit.request.span.start..method.start)
            .and_then(|r| r.strip_suffix('.'))
            .filter(|r| !r.is_empty() && r.chars().all(|c| c.is_alphanumeric() || c == '_')),
        _ => None,
    };
    let streams = matches!(
        unit.request.body.get("stream").map(|v| &v.kind),
        Some(crate::model::Kind::Bool(true))
    );
    let (Some(client), false, true) = (client, streams, alone) else {
        unit.unseen.push(held);
        return;
    };
    let own = request_changes(text, unit, settings);
    let found = project.test_stubs(path, client, text_only);
    if found.is_empty() {
        unit.unseen.push(held);
    }
    for (test, test_text, bom, stub) in found {
        let shown = crate::walk::display_path(&test);
        let lost = match stub {
            TestStub::Unrelated => continue,
            TestStub::OutOfSight { line, why } => (line, why),
            TestStub::Migrate(moves) => {
                let Some(test_fe) = crate::frontend::for_path(&test) else {
                    continue;
                };
                match test_fix(test_fe, &test_text, moves, unit, &own, settings) {
                    Ok(mut edits) => {
                        for e in &mut edits {
                            e.span = e.span.offset(bom);
                        }
                        unit.companions.push(crate::model::Companion {
                            path: test,
                            edits: std::sync::Arc::new(edits),
                            shared: None,
                            test: true,
                        });
                        continue;
                    }
                    Err((line, why)) => (
                        line,
                        format!("{why}; the test stubs `chat.completions.create` for this module and must move with the code"),
                    ),
                }
            }
        };
        let (line, why) = lost;
        unit.unseen.push(format!("{shown}:{line} {why}"));
    }
}

/// What the rules change in a request's parameters (not its endpoint, not its reads): which
/// rules change them, and the changes.
struct ParamChanges {
    rules: std::collections::BTreeSet<&'static str>,
    changes: Vec<Change>,
}

/// The findings of the selected rules on `unit` alone (a request whose call is in another
/// file, or one a test asserts), as the analysis of its own file would draw them.
fn rules_on(unit: &crate::model::Unit, text: &str, settings: &Settings) -> Vec<Diagnostic> {
    let ctx = Context {
        settings,
        source: text,
        units: std::slice::from_ref(unit),
    };
    let mut found = Vec::new();
    for rule in rules::all() {
        let meta = rule.meta();
        if meta.opt_in && !settings.is_selected(meta.name) {
            continue;
        }
        rule.check(unit, &ctx, &mut found);
    }
    found
}

fn request_changes(text: &str, unit: &crate::model::Unit, settings: &Settings) -> ParamChanges {
    let found = rules_on(unit, text, settings);
    let mut out = ParamChanges {
        rules: Default::default(),
        changes: Vec::new(),
    };
    for d in &found {
        let Some(fix) = &d.fix else {
            continue;
        };
        let params: Vec<Change> = fix
            .changes
            .iter()
            .filter(|c| !matches!(c, Change::SwitchEndpoint | Change::RewriteRead { .. }))
            .cloned()
            .collect();
        if !params.is_empty() {
            out.rules.insert(d.rule);
            out.changes.extend(params);
        }
    }
    out
}

/// The edits of a test whose stub moves with the request `unit` (whose own parameter
/// changes are `own`): the front end's edits, the asserted calls' arguments migrated by the
/// same rules as the request's, and the keys read off recorded calls renamed as the
/// request's are. `Err` names the line where the test cannot follow.
fn test_fix(
    fe: &dyn FrontEnd,
    text: &str,
    moves: crate::frontend::StubEdits,
    unit: &crate::model::Unit,
    own: &ParamChanges,
    settings: &Settings,
) -> Result<Vec<Edit>, (usize, String)> {
    let lines = edit::Lines::new(text);
    let mut edits = moves.edits;
    let mut changes = Vec::new();
    let mut asserted = moves.asserted;
    for a in &mut asserted {
        a.model_name = unit.model_name.clone();
        a.model_candidates = unit.model_candidates.clone();
        let line = lines.line(a.request.span.start);
        let theirs = request_changes(text, a, settings);
        if theirs.rules != own.rules {
            let differ: Vec<&str> = theirs
                .rules
                .symmetric_difference(&own.rules)
                .copied()
                .collect();
            return Err((
                line,
                format!(
                    "the arguments asserted here would not migrate as the call's do (`{}`)",
                    differ.join("`, `")
                ),
            ));
        }
        let resolved =
            resolve_params(&a.request.body, theirs.changes).map_err(|why| (line, why))?;
        changes.extend(resolved);
    }
    if !changes.is_empty() {
        let units: Vec<&crate::model::Unit> = asserted.iter().collect();
        edits.extend(fe.lower(text, &units, &changes).map_err(|why| {
            (
                lines.line(asserted[0].request.span.start),
                format!("responsify cannot write the asserted arguments ({why})"),
            )
        })?);
    }
    // The request's own keys: renamed, removed, or reshaped inside.
    let entries = match &unit.request.body.kind {
        crate::model::Kind::Map(entries) => entries.as_slice(),
        _ => &[],
    };
    for (at, key) in moves.keys {
        let line = lines.line(at.start);
        let Some(entry) = entries.iter().find(|e| e.key == key) else {
            if unit.request.hidden_keys {
                return Err((
                    line,
                    format!("`{key}` is not among the call's arguments responsify sees"),
                ));
            }
            continue;
        };
        let inside = |s: crate::model::Span| entry.value.span.is_some_and(|v| v.contains(s));
        let reshaped = own.changes.iter().any(|c| match c {
            Change::Remove { span } => Some(*span) == entry.span || inside(*span),
            Change::Replace { span, .. } | Change::ReplaceWithMany { span, .. } => inside(*span),
            Change::InsertEntry { map, .. } => inside(*map),
            Change::InsertElement { list, .. } => inside(*list),
            Change::SetParam { path, .. } => path.first() == Some(&key),
            Change::AppendParam { key: k, .. } => *k == key,
            _ => false,
        });
        if reshaped {
            return Err((
                line,
                format!("`{key}` is read here, and the migrated call sends it in another shape"),
            ));
        }
        let renamed = own.changes.iter().find_map(|c| match c {
            Change::RenameKey { key: k, to } if Some(*k) == entry.key_span => Some(to.clone()),
            _ => None,
        });
        if let Some(to) = renamed {
            edits.push(Edit::replace(at, to));
        }
    }
    let edits = edit::normalize(edits).map_err(|_| (1, "the test's edits overlap".to_string()))?;
    let next = edit::apply(text, &edits);
    fe.verify(text, &next)
        .map_err(|why| (1, format!("the migrated test would not parse ({why})")))?;
    Ok(edits)
}

/// Why a function that returns the result, and that nothing in `place` calls, keeps it out
/// of sight (code outside may call it).
fn nothing_calls(handed: &crate::model::HandedOn, place: &str) -> String {
    let name = &handed.name;
    match handed.result {
        crate::model::ResultShape::Instance => format!(
            "a method of `{name}` returns the result, and nothing in this {place} calls it on an instance"
        ),
        _ => format!("`{name}` returns the result, and nothing in this {place} calls it"),
    }
}

/// The edits an importing file's reads of a helper's result need.
#[derive(Clone, Debug)]
pub struct FollowerFix {
    pub edits: std::sync::Arc<Vec<Edit>>,
    /// The first of the reads' fixes that may change behaviour, in its own words.
    pub unsafe_because: Option<String>,
    /// Whether every read is the result's text.
    pub text_only: bool,
}

/// The fix of `reads` (of a result the file gets from a helper in another module): the rules
/// that rewrite reads, lowered by the file's front end. Anything a person must decide about
/// them, or a fix only displayed, keeps them (and so the helper's request) as they are.
pub fn follower_fix(
    fe: &dyn FrontEnd,
    text: &str,
    reads: Vec<crate::model::Read>,
    settings: &Settings,
) -> Result<FollowerFix, (Option<usize>, String)> {
    follower_fix_of(fe, text, reads, settings, crate::model::Site::Elsewhere)
}

/// The fix of `reads` of a Batch output line (JSON, as the batch's output file holds it) in a
/// file of the batch's pipeline (see `project::Project::batch_pipeline`).
pub fn batch_reader_fix(
    fe: &dyn FrontEnd,
    text: &str,
    reads: Vec<crate::model::Read>,
    settings: &Settings,
) -> Result<FollowerFix, (Option<usize>, String)> {
    let json = Site::Http {
        url: None,
        endpoint: None,
    };
    follower_fix_of(fe, text, reads, settings, json)
}

fn follower_fix_of(
    fe: &dyn FrontEnd,
    text: &str,
    reads: Vec<crate::model::Read>,
    settings: &Settings,
    site: Site,
) -> Result<FollowerFix, (Option<usize>, String)> {
    if reads.is_empty() {
        return Ok(FollowerFix {
            edits: Default::default(),
            unsafe_because: None,
            text_only: true,
        });
    }
    // The request lives in another file: a unit of the reads alone, with no parameters, and
    // an empty span that no read holds.
    let mut unit = crate::model::Unit::of_reads(crate::model::Span::new(0, 0));
    unit.request.site = site;
    unit.reads = reads;
    let spans: Vec<crate::model::Span> = unit.reads.iter().map(|r| r.span).collect();
    let text_only = unit
        .reads
        .iter()
        .all(|r| r.kind == crate::model::ReadKind::Content);
    fix_elsewhere(fe, text, &unit, &spans, settings).map(|fix| FollowerFix { text_only, ..fix })
}

/// The fix of a value another module imports for its requests (`TOOLS`), in the module that
/// writes it: the rules run on a request whose only parameter is `key`, and only what they
/// say about the value counts.
pub fn shared_value_fix(
    fe: &dyn FrontEnd,
    text: &str,
    key: &str,
    value: crate::model::Value,
    containers: Vec<crate::model::Container>,
    settings: &Settings,
) -> Result<FollowerFix, (Option<usize>, String)> {
    let Some(at) = value.span else {
        return Err((None, "the value has no place in its module".into()));
    };
    let mut unit = crate::model::Unit::of_reads(crate::model::Span::new(0, 0));
    unit.request.body = if key == crate::frontend::SPLAT {
        // The dict is the request's arguments.
        value
    } else {
        crate::model::Value::new(crate::model::Kind::Map(vec![crate::model::Entry {
            key: key.to_string(),
            key_span: None,
            value,
            span: None,
        }]))
    };
    unit.containers = containers;
    fix_elsewhere(fe, text, &unit, &[at], settings)
}

/// Run the rules on `unit` (part of a request whose call is in another file), keep the
/// findings inside `within`, and lower their fixes in `text`.
fn fix_elsewhere(
    fe: &dyn FrontEnd,
    text: &str,
    unit: &crate::model::Unit,
    within: &[crate::model::Span],
    settings: &Settings,
) -> Result<FollowerFix, (Option<usize>, String)> {
    let lines = edit::Lines::new(text);
    let request = unit.request.span;
    let found = rules_on(unit, text, settings);
    // Only what is about the part here: request-level rules see an empty request, and a
    // fix that only adds parameters (`store`) is the call's to make, where the whole
    // request is judged.
    let touches_here = |d: &Diagnostic| {
        d.fix.as_ref().is_none_or(|fix| {
            fix.changes.iter().any(|c| {
                !matches!(
                    c,
                    Change::SwitchEndpoint | Change::SetParam { .. } | Change::AppendParam { .. }
                )
            })
        })
    };
    let inside = |d: &Diagnostic| {
        d.span != request
            && touches_here(d)
            && within
                .iter()
                .any(|r| r.start <= d.span.start && d.span.end <= r.end)
    };
    let mut changes = Vec::new();
    let mut unsafe_because = None;
    for d in found.iter().filter(|d| inside(d)) {
        let line = Some(lines.line(d.span.start));
        match &d.fix {
            None if d.blocks => return Err((line, d.message.clone())),
            None => {}
            Some(fix) => {
                match fix.applicability {
                    Applicability::DisplayOnly => return Err((line, d.message.clone())),
                    Applicability::Unsafe if unsafe_because.is_none() => {
                        unsafe_because = Some(d.message.clone())
                    }
                    _ => {}
                }
                changes.extend(fix.changes.iter().cloned());
            }
        }
    }
    // A dict splatted into the calls is their arguments: new parameters go into it.
    if changes
        .iter()
        .any(|c| matches!(c, Change::SetParam { .. } | Change::AppendParam { .. }))
    {
        changes = resolve_params(&unit.request.body, changes)
            .map_err(|why| (None, format!("responsify cannot write its fix ({why})")))?;
    }
    let edits = fe
        .lower(text, &[unit], &changes)
        .map_err(|why| (None, format!("responsify cannot write its fix ({why})")))?;
    let edits = edit::normalize(edits).map_err(|_| (None, "the fixes overlap".to_string()))?;
    let next = edit::apply(text, &edits);
    fe.verify(text, &next)
        .map_err(|why| (None, format!("its fixed code would not parse ({why})")))?;
    Ok(FollowerFix {
        edits: std::sync::Arc::new(edits),
        unsafe_because,
        text_only: false,
    })
}

/// Whether the `openai` SDK the project pins can run the migrated call (see `sdk_pins`): a
/// pin below the first release with what the call needs holds the request.
/// What the checked file itself says about the SDK (see `sdk_pins::in_file_pin`), found once
/// per file for each specifier its clients' classes are imported by (`None` for Python).
type PinsHere = std::collections::HashMap<Option<String>, Option<Option<crate::sdk_pins::Pin>>>;

fn sdk_version(
    unit: &mut crate::model::Unit,
    fe: &dyn FrontEnd,
    text: &str,
    settings: &Settings,
    pins_here: &mut PinsHere,
) {
    use crate::sdk_pins::Sdk;
    let Some(file) = settings.manifests_from.as_deref() else {
        return;
    };
    let crate::model::Site::SdkCall { kind, .. } = unit.request.site else {
        return;
    };
    if unit.request.endpoint != Endpoint::ChatCompletions
        || !matches!(unit.verdict, Verdict::Migrate)
        || fe.documentation()
    {
        return;
    }
    let sdk = match file.extension().and_then(|e| e.to_str()) {
        Some("py" | "pyi" | "ipynb") => Sdk::Python,
        Some("ts" | "tsx" | "mts" | "cts" | "js" | "jsx" | "mjs" | "cjs") => Sdk::Node,
        _ => return,
    };
    let dir = file.parent().unwrap_or(std::path::Path::new("."));
    let dir = if dir.as_os_str().is_empty() {
        std::path::Path::new(".")
    } else {
        dir
    };
    // A pin in the file itself speaks for it, before the manifests near it.
    let here = pins_here
        .entry(unit.sdk_specifier.clone())
        .or_insert_with(|| {
            crate::sdk_pins::in_file_pin(file, text, sdk, unit.sdk_specifier.as_deref())
        })
        .clone();
    let pin = match (here, &settings.project) {
        (Some(here), _) => here,
        (None, Some(project)) => project.sdk_pin(dir, sdk),
        (None, None) => crate::sdk_pins::pin_for(dir, sdk),
    };
    let Some(pin) = pin else { return };
    let helpers = matches!(
        kind,
        crate::model::SdkMethod::Parse | crate::model::SdkMethod::Stream
    );
    let floor = sdk.floor(helpers);
    if pin.at_most < floor {
        let what = if helpers {
            "the Responses API's structured-output and stream helpers"
        } else {
            "the Responses API"
        };
        unit.sdk_too_old = Some(format!(
            "{} the {} SDK at `{}`, older than {what} ({floor}): the migrated call would not run; upgrade the SDK first",
            pin.holder(),
            sdk.name(),
            pin.written
        ));
    }
}

/// Parameters whose value a request may import from another module of the run, and which
/// responsify migrates where the value is written: the tool list, and the response format
/// (whose call site keeps only the name, moved under `text.format`).
const SHARED_PARAMETERS: &[&str] = &["tools", "response_format"];

/// Parameters whose value a request imports from another module of the run (`tools=TOOLS`
/// after `from app.tools import TOOLS`): migrated in that module, with the run's other
/// requests that send it (see `project::Project::shared_value`).
fn imported_values(
    unit: &mut crate::model::Unit,
    fe: &dyn FrontEnd,
    text: &str,
    settings: &Settings,
) {
    let (Some(project), Some(path), Some(shared)) = (
        &settings.project,
        settings.path.as_deref(),
        fe.shared_values(),
    ) else {
        return;
    };
    if unit.request.endpoint != Endpoint::ChatCompletions
        || !matches!(unit.verdict, Verdict::Migrate)
    {
        return;
    }
    for &key in SHARED_PARAMETERS {
        // `parse(response_format=Answer)` names a class, which keeps its name as
        // `text_format`: nothing of it moves.
        if key == "response_format"
            && matches!(
                unit.request.site,
                crate::model::Site::SdkCall {
                    kind: crate::model::SdkMethod::Parse,
                    ..
                }
            )
        {
            continue;
        }
        let Some(entry) = unit.request.body.entry(key) else {
            continue;
        };
        let (crate::model::Kind::Opaque, Some(at)) = (&entry.value.kind, entry.value.span) else {
            continue;
        };
        let local = &text[at.start..at.end];
        if !local.chars().all(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let Some((module, level, name)) = shared.imported_binding(text, local) else {
            continue;
        };
        match project.shared_value(path, &module, level, &name, key, settings) {
            Ok((value, fix)) => {
                if let Some(why) = &fix.unsafe_because {
                    unit.caveats.push(format!(
                        "in {}, {why}",
                        crate::walk::display_path(&value.path)
                    ));
                }
                if !value.name.starts_with('_') && crate::project::Project::in_package(&value.path)
                {
                    let what = if key == "tools" { "tools" } else { "a format" };
                    unit.caveats.push(format!(
                        "`{}` is public in a package: code outside this repository that imports it gets {what} in Responses form",
                        value.name
                    ));
                }
                unit.resolved_elsewhere.push(key.into());
                unit.companions.push(crate::model::Companion {
                    path: value.path.clone(),
                    edits: std::sync::Arc::clone(&fix.edits),
                    shared: Some(value),
                    test: false,
                });
            }
            Err(Some(why)) => unit.unseen.push(why),
            Err(None) => {}
        }
    }
    splatted_values(unit, shared, project, path, text, settings);
}

/// `**PARAMS` where another module of the run writes `PARAMS` (`from app.config import
/// PARAMS`): the dict migrates there, with every request that splats it, and the call's rules
/// judge its parameters as if written in the call.
fn splatted_values(
    unit: &mut crate::model::Unit,
    shared: &dyn crate::frontend::SharedValues,
    project: &crate::project::Project,
    path: &std::path::Path,
    text: &str,
    settings: &Settings,
) {
    for local in std::mem::take(&mut unit.splats) {
        let Some((module, level, name)) = shared.imported_binding(text, &local) else {
            continue;
        };
        let (value, fix) = match project.shared_value(
            path,
            &module,
            level,
            &name,
            crate::frontend::SPLAT,
            settings,
        ) {
            Ok(found) => found,
            Err(Some(why)) => {
                unit.unseen.push(why);
                continue;
            }
            Err(None) => continue,
        };
        let Some((entries, keys)) = value.splat.clone() else {
            continue;
        };
        if let Some(twice) = entries
            .iter()
            .find(|e| unit.request.body.entry(&e.key).is_some())
        {
            // Python refuses the call ("got multiple values"): nothing to migrate into.
            unit.unseen.push(format!(
                "`{}` is both an argument of the call and a key of `{name}`",
                twice.key
            ));
            continue;
        }
        if let Some(why) = &fix.unsafe_because {
            unit.caveats.push(format!(
                "in {}, {why}",
                crate::walk::display_path(&value.path)
            ));
        }
        if !value.name.starts_with('_') && crate::project::Project::in_package(&value.path) {
            unit.caveats.push(format!(
                "`{}` is public in a package: code outside this repository that splats it into a chat call gets Responses parameters",
                value.name
            ));
        }
        let hidden =
            format!("the request's parameters include `**{local}`, which responsify cannot see");
        unit.unfixable.retain(|why| *why != hidden);
        unit.request.hidden_keys = unit
            .unfixable
            .iter()
            .any(|why| why.starts_with("the request's parameters include"));
        if let crate::model::Kind::Map(own) = &mut unit.request.body.kind {
            own.extend(entries);
        }
        unit.keys_elsewhere.extend(keys);
        unit.companions.push(crate::model::Companion {
            path: value.path.clone(),
            edits: std::sync::Arc::clone(&fix.edits),
            shared: Some(value),
            test: false,
        });
    }
}

/// Why the fix's `edits` may not be written: they rewrite source (a message list, a params
/// dict) that a request of the unit's group sends too, and that request stays on Chat
/// Completions (another provider's client, a held call), which would get Responses shapes.
fn rewrites_held_source(
    unit: &crate::model::Unit,
    units: &[crate::model::Unit],
    edits: &[Edit],
    lines: &edit::Lines,
) -> Option<String> {
    let group = unit.group?;
    if !matches!(unit.verdict, Verdict::Migrate) {
        return None;
    }
    units
        .iter()
        .filter(|other| other.group == Some(group) && !std::ptr::eq(*other, unit))
        .filter_map(|other| match &other.verdict {
            Verdict::Hold(reason) => Some((other, reason)),
            Verdict::Migrate => None,
        })
        .find_map(|(other, reason)| {
            let shared = other
                .shared_spans
                .iter()
                .filter(|s| unit.shared_spans.contains(s))
                .find(|s| edits.iter().any(|e| s.start < e.span.end && e.span.start < s.end))?;
            let why = match reason.kind {
                Hold::OtherServer | Hold::OtherServerByDefault | Hold::NotOpenAi => {
                    "it is not a request to OpenAI, and keeps its Chat Completions shapes"
                }
                _ => "it is held on Chat Completions",
            };
            Some(format!(
                "the fix rewrites what line {} holds, which the request at line {} sends too: {why}",
                lines.line(shared.start),
                lines.line(other.request.span.start),
            ))
        })
}

/// A unit's part in a Batch pipeline spread over files. A Batch line whose batch is created
/// elsewhere is out of sight, unless it is being converted as a piece of a pipeline in view.
/// A `batches.create` in a file that writes no lines becomes the pipeline's unit when the run
/// is known: the files it uploads, the modules that write them and the readers of its output
/// are found (see `project::Project::batch_pipeline`) and edited with it, or the finding names
/// the piece out of sight.
fn batch_pipeline(
    unit: &mut Unit,
    fe: &dyn FrontEnd,
    text: &str,
    settings: &Settings,
    owner: &std::cell::OnceCell<Option<String>>,
) {
    match unit.batch.clone() {
        Some(crate::model::BatchRole::Line { unseen }) if !settings.batch_in_view => {
            // In a run, the batch that takes the lines may be in view: it owns their fix.
            let owner = owner.get_or_init(|| match (&settings.project, settings.path.as_deref()) {
                (Some(project), Some(path)) if crate::project::Project::is_importable(path) => fe
                    .batch_pieces(text)
                    .and_then(|pieces| project.batch_owner(path, Some(&pieces))),
                (Some(project), Some(path)) => project.batch_owner(path, None),
                _ => None,
            });
            match owner {
                Some(at) => unit.unseen.push(format!(
                    "these lines go to the batch created at {at}: they are converted by that call's fix, with the rest of its pipeline, or not at all"
                )),
                None => unit.unseen.extend(unseen),
            }
        }
        None | Some(crate::model::BatchRole::Line { .. }) => {}
        Some(crate::model::BatchRole::Readers { unseen }) => {
            let found = match (&settings.project, settings.path.as_deref()) {
                (Some(project), Some(path)) => fe.batch_pieces(text).map(|pieces| {
                    let mut pipeline = crate::project::Pipeline::default();
                    project
                        .batch_readers(path, &pieces, settings, &mut pipeline)
                        .map(|readers| (readers, pipeline))
                }),
                _ => None,
            };
            match found {
                Some(Ok((readers, pipeline))) if readers > 0 => {
                    unit.companions.extend(pipeline.companions);
                    unit.caveats.extend(pipeline.caveats);
                }
                // A reader the run cannot tie to this batch: named.
                Some(Err(why)) => unit.unseen.push(why),
                _ => unit.unseen.extend(unseen),
            }
        }
        Some(crate::model::BatchRole::Creation { endpoint }) => {
            let (Some(project), Some(path)) = (&settings.project, settings.path.as_deref()) else {
                return;
            };
            let Some(endpoint) = endpoint else { return };
            if !unit.verdict.holds_for(Hold::BatchChatEndpoint) {
                return;
            }
            let Some(pieces) = fe.batch_pieces(text) else {
                return;
            };
            unit.verdict = Verdict::Migrate;
            unit.request.site = Site::BatchCreation { endpoint };
            unit.request.hidden_keys = false;
            // No body: only the endpoint's text has a place (nothing can be inserted there).
            unit.request.body = Value {
                kind: crate::model::Kind::Map(Vec::new()),
                span: Some(endpoint),
            };
            match project.batch_pipeline(path, &pieces, settings) {
                Ok(pipeline) => {
                    unit.reads = pieces.reads;
                    unit.companions = pipeline.companions;
                    unit.caveats.extend(pipeline.caveats);
                }
                Err(why) => unit.unseen.push(why),
            }
        }
    }
}

fn unit_status(
    diagnostics: &[Diagnostic],
    settings: &Settings,
    lines: &edit::Lines,
) -> Result<Applicability, String> {
    let mut level = Applicability::Safe;
    let mut blockers = Vec::new();
    let line = |d: &Diagnostic| lines.line(d.span.start);
    for d in diagnostics {
        match &d.fix {
            None if d.blocks => blockers.push(format!("`{}` (line {})", d.rule, line(d))),
            None => {}
            Some(fix) => {
                if fix.applicability == Applicability::DisplayOnly {
                    if settings.preview_display_only {
                        continue;
                    }
                    blockers.push(format!(
                        "`{}` (line {}: code out of sight, so the fix is only displayed)",
                        d.rule,
                        line(d)
                    ));
                } else if !settings.is_selected(d.rule) {
                    blockers.push(format!("`{}` (line {}, not selected)", d.rule, line(d)));
                }
                level = level.max(fix.applicability);
            }
        }
    }
    blockers.dedup();
    if blockers.is_empty() {
        Ok(level)
    } else {
        Err(format!("the request also needs {}", blockers.join(", ")))
    }
}

/// The edits of every unit that can be fixed under these settings, and how many findings
/// they resolve.
fn plan(
    fe: &dyn FrontEnd,
    text: &str,
    analysis: &Analysis,
    settings: &Settings,
    only: Option<usize>,
) -> (Vec<Edit>, usize, Vec<usize>) {
    // Findings by unit and units by group, built once: a Batch file has thousands of each.
    let mut by_unit: Vec<Vec<&Finding>> = vec![Vec::new(); analysis.units.len()];
    for f in &analysis.findings {
        if let Some(u) = f.diagnostic.unit.filter(|u| *u < by_unit.len()) {
            by_unit[u].push(f);
        }
    }
    let mut by_group: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for (i, unit) in analysis.units.iter().enumerate() {
        if let Some(g) = unit.group {
            by_group.entry(g).or_default().push(i);
        }
    }
    let unit_findings = |index: usize| -> Vec<&Finding> { by_unit[index].clone() };
    let applies = |f: &Finding| match f.status {
        FixStatus::None | FixStatus::Safe => true,
        FixStatus::Unsafe => settings.unsafe_fixes,
        FixStatus::Blocked(_) => false,
    };
    // Residue on a Responses request is fixed piece by piece (see `analyze`).
    let piecewise = |index: usize| analysis.units[index].request.endpoint == Endpoint::Responses;
    let mut allowed: Vec<bool> = (0..analysis.units.len())
        .map(|index| piecewise(index) || unit_findings(index).into_iter().all(applies))
        .collect();
    // Units that share source (one message list, two calls) are fixed together or not at all.
    for members in by_group.values() {
        if !members.iter().all(|&i| allowed[i]) {
            for &i in members {
                allowed[i] = false;
            }
        }
    }
    let mut all = Vec::new();
    let mut count = 0;
    let mut fixed_units = Vec::new();
    // One lowerer for every request of the text (see `FrontEnd::lowering`).
    fe.lowering(text, &mut |low| {
        let mut done = vec![false; analysis.units.len()];
        for index in 0..analysis.units.len() {
            if done[index] || !allowed[index] || only.is_some_and(|o| o != index) {
                continue;
            }
            // The unit and every unit it shares source with.
            let members: Vec<usize> = match analysis.units[index].group {
                Some(g) => by_group[&g].clone(),
                None => vec![index],
            };
            let mut group = Vec::new();
            let mut fixed = 0;
            for &i in &members {
                done[i] = true;
                let mut findings = unit_findings(i);
                if piecewise(i) {
                    findings.retain(|f| applies(f));
                }
                let changes: Vec<Change> = findings
                    .iter()
                    .filter_map(|f| f.diagnostic.fix.as_ref())
                    .flat_map(|fix| fix.changes.iter().cloned())
                    .collect();
                fixed += findings
                    .iter()
                    .filter(|f| f.diagnostic.fix.is_some())
                    .count();
                if !changes.is_empty() {
                    group.push((&analysis.units[i], changes));
                }
            }
            if group.is_empty() {
                continue;
            }
            if let Ok(edits) = lower_group(fe, low, &group) {
                count += fixed;
                all.extend(edits);
                fixed_units.extend(members);
            }
        }
    });
    // Text-level fixes (unused suppressions) come once the requests have settled, so they
    // never overlap a request's edits.
    if all.is_empty() {
        for f in &analysis.findings {
            if f.diagnostic.unit.is_none() && f.status == FixStatus::Safe && !f.edits.is_empty() {
                all.extend(f.edits.iter().cloned());
                count += 1;
            }
        }
    }
    match edit::normalize(all) {
        Ok(edits) => (edits, count, fixed_units),
        Err(_) => (Vec::new(), 0, Vec::new()),
    }
}

/// The edit that removes the comment at `span`: with the blanks before it, or its whole line
/// when nothing else is on it.
fn comment_removal(text: &str, span: crate::model::Span) -> Option<Edit> {
    let (start, end) = (span.start, span.end);
    if end > text.len() || start > end {
        return None;
    }
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    if !text[end..line_end].trim().is_empty() {
        // Code after the comment (a block comment): leave it to a person.
        return None;
    }
    let before = &text[line_start..start];
    if before.trim().is_empty() {
        let through = (line_end + 1).min(text.len());
        Some(Edit::replace(
            crate::model::Span::new(line_start, through),
            String::new(),
        ))
    } else {
        let blank = before.len() - before.trim_end().len();
        // The line's own ending (`\r\n` too) stays.
        let line_end = if text[..line_end].ends_with('\r') {
            line_end - 1
        } else {
            line_end
        };
        Some(Edit::replace(
            crate::model::Span::new(start - blank, line_end.max(start)),
            String::new(),
        ))
    }
}

/// Resolve parameter-level changes against the request, then let the front end lower them.
fn lower(
    fe: &dyn FrontEnd,
    low: &dyn Lowerer,
    unit: &Unit,
    changes: Vec<Change>,
) -> Result<Vec<Edit>, String> {
    lower_group(fe, low, &[(unit, changes)])
}

/// Lower the changes of units that share source together: each unit's parameter changes are
/// resolved against its own request, then the front end lowers them as one set (changes two
/// units share, such as a reshaped message in their common list, count once).
fn lower_group(
    fe: &dyn FrontEnd,
    low: &dyn Lowerer,
    group: &[(&Unit, Vec<Change>)],
) -> Result<Vec<Edit>, String> {
    if fe.lowers_each_unit() && group.len() > 1 {
        let mut edits = Vec::new();
        for member in group {
            edits.extend(lower_group(fe, low, std::slice::from_ref(member))?);
        }
        return edit::normalize(edits);
    }
    let mut resolved: Vec<Change> = Vec::new();
    for (unit, changes) in group {
        for change in resolve_params(&unit.request.body, changes.clone())? {
            written_here(unit, &change)?;
            if !resolved.contains(&change) {
                resolved.push(change);
            }
        }
    }
    let units: Vec<&Unit> = group.iter().map(|(u, _)| *u).collect();
    edit::normalize(low.lower(&units, &resolved)?)
}

/// Insert the entries of `value` into the literal map `existing` (the parameter `path`),
/// refusing to overwrite anything it already says.
fn merge_into(
    existing: &Value,
    path: &str,
    value: Value,
    out: &mut Vec<Change>,
) -> Result<(), String> {
    let (Some(at), Some(_), Some(entries)) = (existing.span, existing.entries(), value.entries())
    else {
        return Err(format!("the request already has `{path}`"));
    };
    for entry in entries {
        let inner = format!("{path}.{}", entry.key);
        match existing.get(&entry.key) {
            None => out.push(Change::InsertEntry {
                map: at,
                key: entry.key.clone(),
                value: entry.value.clone(),
            }),
            Some(nested) => merge_into(nested, &inner, entry.value.clone(), out)?,
        }
    }
    Ok(())
}

/// Whether `change` can be written in the unit's own file: its values are all in view, and
/// it adds no parameter that a dict splatted in from another module sets (before or after
/// that dict's own fix), which would reach the call twice.
fn written_here(unit: &Unit, change: &Change) -> Result<(), String> {
    let values: Vec<&Value> = match change {
        Change::Replace { with, .. } => vec![with],
        Change::ReplaceWithMany { with, .. } => with.iter().collect(),
        Change::InsertEntry { value, .. } | Change::InsertElement { value, .. } => vec![value],
        _ => Vec::new(),
    };
    if values.iter().any(|v| v.has_placeless_opaque()) {
        return Err("a value of the fix is not in this file".into());
    }
    if let Change::InsertEntry { map, key, .. } = change {
        if Some(*map) == unit.request.body.span && unit.keys_elsewhere.contains(key) {
            return Err(format!(
                "`{key}` is also a parameter of a dict splatted into the call from another module"
            ));
        }
    }
    Ok(())
}

/// Turn `SetParam` / `AppendParam` into insertions into the request's own map and lists.
/// Paths that share a parameter are merged, so `text.format` and `text.verbosity` land in
/// one `text` object.
fn resolve_params(body: &Value, changes: Vec<Change>) -> Result<Vec<Change>, String> {
    let body_span = body
        .span
        .ok_or("request body without a place in the source")?;
    let mut out = Vec::new();
    let mut set: Vec<(String, Value)> = Vec::new();
    let mut appended: Vec<(String, Vec<Value>)> = Vec::new();
    let renamed_to = |key: &str| {
        out_renames(&changes)
            .into_iter()
            .find(|(_, to)| to == key)
            .map(|(span, _)| span)
    };
    let removed: Vec<_> = changes
        .iter()
        .filter_map(|c| match c {
            Change::Remove { span } => Some(*span),
            _ => None,
        })
        .collect();
    for change in &changes {
        match change {
            Change::SetParam { path, value } => {
                let (head, rest) = path.split_first().ok_or("empty parameter path")?;
                let slot = match set.iter_mut().find(|(k, _)| k == head) {
                    Some((_, v)) => v,
                    None => {
                        set.push((head.clone(), Value::map(Vec::<(String, Value)>::new())));
                        &mut set.last_mut().expect("just pushed").1
                    }
                };
                if rest.is_empty() {
                    *slot = value.clone();
                } else {
                    set_path(slot, rest, value.clone())?;
                }
            }
            Change::AppendParam { key, value } => {
                match appended.iter_mut().find(|(k, _)| k == key) {
                    Some((_, values)) => values.push(value.clone()),
                    None => appended.push((key.clone(), vec![value.clone()])),
                }
            }
            other => out.push(other.clone()),
        }
    }
    for (key, value) in set {
        let existing = body
            .entry(&key)
            .filter(|e| !e.span.is_some_and(|s| removed.contains(&s)));
        if renamed_to(&key).is_some() {
            return Err(format!("the request already has `{key}`"));
        }
        match existing {
            None => out.push(Change::InsertEntry {
                map: body_span,
                key,
                value,
            }),
            // `text={"verbosity": "low"}` takes `format` beside what it has.
            Some(entry) => merge_into(&entry.value, &key, value, &mut out)?,
        }
    }
    for (key, values) in appended {
        // The list may exist under its own name, or under a key that is being renamed to it.
        let list = body
            .entries()
            .unwrap_or_default()
            .iter()
            .find(|e| e.key == key || e.key_span.is_some_and(|s| renamed_to(&key) == Some(s)));
        match list.map(|e| &e.value) {
            Some(list) if list.as_list().is_some() => {
                let at = list.span.ok_or("list without a place in the source")?;
                out.extend(
                    values
                        .into_iter()
                        .map(|value| Change::InsertElement { list: at, value }),
                );
            }
            Some(_) => return Err(format!("`{key}` is not a list")),
            None => out.push(Change::InsertEntry {
                map: body_span,
                key,
                value: Value::list(values),
            }),
        }
    }
    Ok(out)
}

fn out_renames(changes: &[Change]) -> Vec<(crate::model::Span, String)> {
    changes
        .iter()
        .filter_map(|c| match c {
            Change::RenameKey { key, to } => Some((*key, to.clone())),
            _ => None,
        })
        .collect()
}

fn set_path(map: &mut Value, path: &[String], value: Value) -> Result<(), String> {
    let crate::model::Kind::Map(entries) = &mut map.kind else {
        return Err("a parameter path runs through a value that is not a map".into());
    };
    let (head, rest) = path.split_first().ok_or("empty parameter path")?;
    let index = match entries.iter().position(|e| &e.key == head) {
        Some(i) => i,
        None => {
            entries.push(crate::model::Entry {
                key: head.clone(),
                key_span: None,
                value: Value::map(Vec::<(String, Value)>::new()),
                span: None,
            });
            entries.len() - 1
        }
    };
    if rest.is_empty() {
        entries[index].value = value;
        Ok(())
    } else {
        set_path(&mut entries[index].value, rest, value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontend::{json, Lifted};

    /// A front end that lifts like JSON but lowers every change into broken syntax.
    struct Breaks;

    impl FrontEnd for Breaks {
        fn name(&self) -> &'static str {
            "broken"
        }
        fn triggers(&self) -> &'static [&'static str] {
            &["messages"]
        }
        fn lift(&self, text: &str) -> Result<Lifted, SyntaxError> {
            json::JSON.lift(text)
        }
        fn lower(&self, _: &str, units: &[&Unit], _: &[Change]) -> Result<Vec<Edit>, String> {
            Ok(vec![Edit::insert(units[0].request.span.start, "{{{")])
        }
    }

    const CHAT: &str = r#"{"model": "m", "messages": [{"role": "user", "content": "x"}]}"#;

    fn fixing() -> Settings {
        let mut s = Settings::default();
        s.fix = true;
        s
    }

    #[test]
    fn a_fix_that_breaks_the_syntax_is_refused() {
        let err = check(&Breaks, CHAT, &fixing()).unwrap_err();
        assert!(
            matches!(err, CheckError::FixFailed(ref why) if why.contains("does not parse")),
            "{err:?}"
        );
    }

    #[test]
    fn a_fixed_text_is_checked_again_and_settles() {
        let checked = check(&json::JSON, CHAT, &fixing()).unwrap();
        assert!(checked.findings.is_empty());
        assert_eq!(checked.fixed_count, 3);
        let again = check(&json::JSON, checked.fixed.as_deref().unwrap(), &fixing()).unwrap();
        assert!(again.fixed.is_none());
    }

    #[test]
    fn parameters_under_one_key_merge() {
        let body = json::parse_value(r#"{"model": "m", "messages": []}"#, 0)
            .unwrap()
            .unwrap();
        let resolved = resolve_params(
            &body,
            vec![
                Change::SetParam {
                    path: vec!["text".into(), "format".into()],
                    value: Value::str("f"),
                },
                Change::SetParam {
                    path: vec!["text".into(), "verbosity".into()],
                    value: Value::str("v"),
                },
            ],
        )
        .unwrap();
        assert_eq!(resolved.len(), 1);
        let Change::InsertEntry { key, value, .. } = &resolved[0] else {
            panic!("{resolved:?}")
        };
        assert_eq!(key, "text");
        assert_eq!(value.get("format").and_then(Value::as_str), Some("f"));
        assert_eq!(value.get("verbosity").and_then(Value::as_str), Some("v"));
    }

    #[test]
    fn setting_a_parameter_the_request_has_is_refused() {
        let body = json::parse_value(r#"{"model": "m", "text": {}}"#, 0)
            .unwrap()
            .unwrap();
        let set = Change::SetParam {
            path: vec!["text".into()],
            value: Value::str("x"),
        };
        assert!(resolve_params(&body, vec![set]).is_err());
    }
}
