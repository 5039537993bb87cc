//! What rules say: diagnostics, and fixes made of model-level changes.

use crate::model::{Span, Value};

/// How sure a fix is, following ruff's three levels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Meaning cannot change: applied by `--fix`.
    Safe,
    /// Meaning may change (a default differs, a value is dropped): needs `--unsafe-fixes`.
    Unsafe,
    /// Shown, never applied.
    DisplayOnly,
}

/// A change in model terms. Front ends lower these into byte edits in their own syntax.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// Point the request at the Responses API (a Batch line's `url`, an SDK method).
    SwitchEndpoint,
    /// Give the entry whose key sits at `key` a new name; in code, also a name written
    /// where `key` is (a type in an annotation), replaced by `to` as it is.
    RenameKey { key: Span, to: String },
    /// Remove a map entry or a list element (the span of the entry or element).
    Remove { span: Span },
    /// Put `with` where the value at `span` is.
    Replace { span: Span, with: Value },
    /// Put several list elements where the element at `span` is.
    ReplaceWithMany { span: Span, with: Vec<Value> },
    /// Set a top-level parameter, creating intermediate maps (`["reasoning", "effort"]`).
    /// Changes that set paths under the same parameter are merged into one value.
    SetParam { path: Vec<String>, value: Value },
    /// Add an element to a top-level list parameter, creating the list when absent.
    AppendParam { key: String, value: Value },
    /// Rewrite a read of the result (`span`) in terms of the Responses result; `base` is the
    /// expression read from.
    RewriteRead {
        span: Span,
        base: Span,
        to: ReadTarget,
    },
    /// Add an entry at the end of the map at `map` (what `SetParam` resolves to).
    InsertEntry {
        map: Span,
        key: String,
        value: Value,
    },
    /// Add an element at the end of the list at `list` (what `AppendParam` resolves to).
    InsertElement { list: Span, value: Value },
}

/// What a read of a Chat Completions result becomes on a Responses result. Each front end
/// spells these in its language.
#[derive(Clone, Debug, PartialEq)]
pub enum ReadTarget {
    /// The response object itself (what a chat reply message stood for).
    Response,
    /// The SDK's concatenated output text (`output_text`).
    OutputText,
    /// The parsed structured output (`output_parsed`).
    OutputParsed,
    /// In place of a test of the reply's text for none: a comparison with the empty string
    /// (`output_text` is always a string, empty when the reply has no text); `negated` for
    /// "is not empty".
    EmptyTextTest { negated: bool },
    /// In place of a fallback for no text (`??`): a fallback for the empty string (`||`).
    EmptyTextFallback,
    /// The text of the first `refusal` content part of the output's message items, or none
    /// (what a chat message's `refusal` was).
    Refusal,
    /// The `function_call` items of the output, as a list.
    FunctionCalls,
    /// The first `function_call` item of the output, or none.
    FirstFunctionCall,
    /// `base` followed by one attribute (`call_id`, `input_tokens`, …).
    Attr(String),
    /// `list.append(reply)` becomes: extend `list` (at the span) with every output item.
    ExtendWithOutput { list: Span },
    /// A stream event's text delta, or none for events that carry no text. `guarded` when
    /// the event is known to be a text delta (the guard was rewritten to check that).
    StreamTextDelta { guarded: bool },
    /// "This stream event carries text": replaces the check for chunks with choices
    /// (`negated`: "carries none", for the check for chunks without choices).
    StreamTextGuard { negated: bool },
    /// The usage of a `response.completed` event, or none for other events.
    StreamCompletedUsage,
    /// A string literal with this text, in place of another.
    Literal(String),
    /// "The response ended for this chat finish reason" (`stop`, `length`, `content_filter`,
    /// `tool_calls`), negated when `negated`.
    FinishedFor { reason: String, negated: bool },
}

/// A rule's proposed fix: a title in the imperative, and its changes.
#[derive(Clone, Debug)]
pub struct Fix {
    pub title: String,
    pub applicability: Applicability,
    pub changes: Vec<Change>,
}

impl Fix {
    pub fn safe(title: impl Into<String>, changes: Vec<Change>) -> Self {
        Fix {
            title: title.into(),
            applicability: Applicability::Safe,
            changes,
        }
    }

    pub fn unsafe_(title: impl Into<String>, changes: Vec<Change>) -> Self {
        Fix {
            title: title.into(),
            applicability: Applicability::Unsafe,
            changes,
        }
    }
}

/// What a finding asks of the user. `Error` and `Warning` fail a run (exit 1); `Info` never
/// does on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A person must decide before the request can migrate (no equivalent, a shut-down API).
    Error,
    /// Needs a change: responsify has one, or a person must make it.
    Warning,
    /// Left alone on purpose, or worth knowing; fine as it is.
    Info,
}

/// One finding of one rule.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub message: String,
    pub span: Span,
    pub fix: Option<Fix>,
    /// What a person should do, when the fix does not say it all.
    pub help: Option<String>,
    /// This finding stops its unit from being fixed: nothing may be dropped silently.
    pub blocks: bool,
    /// Which unit of the file it belongs to.
    pub unit: Option<usize>,
    /// The severity the rule declared, when it is not the one the finding's shape implies.
    pub declared_severity: Option<Severity>,
}

impl Diagnostic {
    pub fn new(rule: &'static str, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            message: message.into(),
            span,
            fix: None,
            help: None,
            blocks: false,
            unit: None,
            declared_severity: None,
        }
    }

    /// Declare the finding's severity: `Info` for a site that is fine as it is, `Warning` for
    /// one a person must act on although nothing blocks.
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.declared_severity = Some(severity);
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Mark the finding as one a person must resolve before the unit can migrate.
    pub fn blocking(mut self) -> Self {
        self.blocks = true;
        self
    }

    /// Declared, or else: blocking → error, with a fix → warning, otherwise a note.
    pub fn severity(&self) -> Severity {
        if let Some(declared) = self.declared_severity {
            declared
        } else if self.blocks {
            Severity::Error
        } else if self.fix.is_some() {
            Severity::Warning
        } else {
            Severity::Info
        }
    }
}
