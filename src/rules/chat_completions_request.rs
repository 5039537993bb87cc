use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Change, Diagnostic, Fix};
use crate::model::{SdkMethod, Site, Unit};

declare_rule! {
    /// ## What it does
    /// Finds every Chat Completions request: a request body, a Batch input line for
    /// `/v1/chat/completions`, a call of the SDK's chat completions methods, or a request
    /// posted by hand (`requests`, `httpx`, `aiohttp`, `fetch`, axios, reqwest) to the
    /// Chat Completions URL. When a helper returns the result to modules that import it, the
    /// finding names the files whose reads the fix rewrites too.
    ///
    /// ## Why migrate
    /// The Responses API is where new OpenAI features land. This finding is the anchor of the
    /// request's migration unit: the other rules' findings on the same request are fixed
    /// together with it, or not at all.
    ///
    /// ## Example
    /// ```jsonl
    /// {"custom_id": "1", "method": "POST", "url": "/v1/chat/completions", "body": {...}}
    /// ```
    /// Use instead:
    /// ```jsonl
    /// {"custom_id": "1", "method": "POST", "url": "/v1/responses", "body": {...}}
    /// ```
    /// A Batch job takes one endpoint for all of its lines, so the `endpoint` given when the
    /// batch is created must change to `/v1/responses` as well.
    ///
    /// ## Fix safety
    /// Safe on its own; applied only when every other finding on the request can be fixed too.
    pub struct ChatCompletionsRequest {
        name: "chat-completions-request",
        summary: "Chat Completions request to migrate to the Responses API",
    }
}

impl Rule for ChatCompletionsRequest {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        let request = &unit.request;
        // A body is found at its `model`, or where it starts.
        let at_model = request
            .body
            .entry("model")
            .and_then(|e| e.span)
            .unwrap_or(request.span);
        let (span, message, title) = match request.site {
            Site::BatchLine { url } => (
                url,
                "Batch line for `/v1/chat/completions`: migrate it to `/v1/responses`",
                "Send the line to `/v1/responses`",
            ),
            Site::SdkCall { method, kind } => (
                method,
                match kind {
                    SdkMethod::Create => "Chat Completions call: migrate it to `responses.create`",
                    SdkMethod::Parse => {
                        "Chat Completions `parse` call: migrate it to `responses.parse`"
                    }
                    SdkMethod::Stream => {
                        "Chat Completions `stream` helper: migrate it to `responses.stream`"
                    }
                },
                "Call the Responses API",
            ),
            Site::Http { .. } => (
                at_model,
                "Chat Completions request written by hand (an HTTP call, a Batch line): migrate its URL, body and reply to the Responses API",
                "Post the body to `/v1/responses`",
            ),
            // The reads of a request another file makes: the request is reported there.
            Site::Elsewhere => return,
            Site::BatchCreation { endpoint } => (
                endpoint,
                "Batch created for `/v1/chat/completions`: migrate it to `/v1/responses` with its input lines and the code reading its output",
                "Create the batch for `/v1/responses`",
            ),
            Site::Body => (
                at_model,
                "Chat Completions request body: migrate it to the Responses API",
                "Rewrite the body for the Responses API",
            ),
        };
        let mut diagnostic = Diagnostic::new(Self::META.name, span, message)
            .with_fix(Fix::safe(title, vec![Change::SwitchEndpoint]));
        // The fix edits other files too: the reads of the result in modules that import its
        // helper, values it imports from other modules. Say which.
        if matches!(request.site, Site::BatchCreation { .. }) {
            let files: Vec<String> = unit
                .companions
                .iter()
                .map(|c| format!("`{}`", crate::walk::display_path(&c.path)))
                .collect();
            if !files.is_empty() {
                diagnostic = diagnostic.with_help(format!(
                    "the fix also converts the batch's lines and output readers in {}",
                    files.join(", ")
                ));
            }
            out.push(diagnostic);
            return;
        }
        let reads: Vec<String> = unit
            .companions
            .iter()
            .filter(|c| c.shared.is_none() && !c.test)
            .map(|c| format!("`{}`", crate::walk::display_path(&c.path)))
            .collect();
        let tests: Vec<String> = unit
            .companions
            .iter()
            .filter(|c| c.test)
            .map(|c| format!("`{}`", crate::walk::display_path(&c.path)))
            .collect();
        let values: Vec<String> = unit
            .companions
            .iter()
            .filter_map(|c| c.shared.as_ref())
            .map(|v| {
                format!(
                    "`{}` in `{}` (sent by {} request{} of the run, fixed together)",
                    v.name,
                    crate::walk::display_path(&v.path),
                    v.users,
                    if v.users == 1 { "" } else { "s" }
                )
            })
            .collect();
        let mut also = Vec::new();
        if !reads.is_empty() {
            also.push(format!("the reads of the result in {}", reads.join(", ")));
        }
        if !values.is_empty() {
            also.push(values.join(", "));
        }
        if !tests.is_empty() {
            also.push(format!(
                "the stubs of the call in {} (patched path, fakes, asserted arguments)",
                tests.join(", ")
            ));
        }
        if !also.is_empty() {
            diagnostic = diagnostic.with_help(format!("the fix also rewrites {}", also.join("; ")));
        }
        out.push(diagnostic);
    }
}
