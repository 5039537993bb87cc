use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;
use crate::model::{Site, Unit};

declare_rule! {
    /// ## What it does
    /// Reports a Chat Completions call in a project whose manifests or lockfiles hold the
    /// `openai` SDK below the first release with the Responses API: openai-python 1.66.0,
    /// openai-node 4.87.2 (the structured-output helpers, `responses.parse` and
    /// `zodTextFormat`, later still). The nearest `requirements*.txt`, `pyproject.toml`,
    /// `poetry.lock`, `uv.lock`, `Pipfile`, `setup.py` / `setup.cfg`, or `package.json`,
    /// `package-lock.json`, `pnpm-lock.yaml`, `yarn.lock`, Deno's `deno.json` import map, or
    /// conda's `environment.yml` (its `dependencies` and their `pip:` list) is read, up to
    /// the repository's root; an exact pin, a lockfile's version or an upper bound below the
    /// floor holds the request, and the finding names the file and line. A lockfile whose
    /// version the `pyproject.toml` or `package.json` beside it no longer allows (a lock at
    /// 1.65.3 under `openai>=1.70`) is stale: the next install follows the manifest, which
    /// answers instead.
    ///
    /// A file that says which SDK it runs with speaks for itself, before any manifest: a
    /// notebook's own install line (`%pip install openai==1.40.0`, `!pip install
    /// "openai>=0.28,<1"`, `%conda install openai=1.2`; the last one that installs `openai`),
    /// a script's PEP 723 inline metadata (`# /// script` … `# dependencies =
    /// ["openai==1.30.0"]`, which `uv run` installs), and a Deno or CDN import specifier with
    /// a version (`npm:openai@4.20.0`, `https://esm.sh/openai@4.20.0`,
    /// `https://deno.land/x/openai@v4.20.0/mod.ts`). One that installs the newest release
    /// (`%pip install -U openai`, `npm:openai@^4.90.0`) lets the call migrate whatever the
    /// manifests say.
    ///
    /// ## Why migrate
    /// The migrated call is `client.responses.create(...)`. On an SDK older than the Responses
    /// API that attribute does not exist: Python raises `AttributeError` on the first call, and
    /// TypeScript no longer compiles. Upgrade the SDK (and run the project's tests on it)
    /// first; then the migration applies.
    ///
    /// ## Example
    /// ```python
    /// # requirements.txt: openai==1.48.0
    /// client.chat.completions.create(model="gpt-4o", messages=messages)
    /// ```
    ///
    /// ## Fix safety
    /// No fix, and the request's other fixes wait: an SDK upgrade is the project's decision.
    pub struct SdkWithoutResponses {
        name: "sdk-without-responses",
        summary: "the project pins an `openai` SDK that has no Responses API: upgrade it first",
    }
}

impl Rule for SdkWithoutResponses {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        let Some(why) = &unit.sdk_too_old else {
            return;
        };
        let span = match unit.request.site {
            Site::SdkCall { method, .. } => method,
            _ => unit.request.span,
        };
        out.push(
            Diagnostic::new(Self::META.name, span, why.clone())
                .with_help("upgrade the `openai` SDK, then run responsify again")
                .blocking(),
        );
    }
}
