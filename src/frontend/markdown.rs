//! Markdown: fenced Python, TypeScript and JavaScript code blocks, checked through their own
//! front ends (```python / py, ```ts / typescript / tsx, ```js / javascript / jsx).
//!
//! Each block is parsed on its own, as a copy of the file in which every byte outside the
//! block is blanked (newlines kept), so spans and edits need no mapping at all. Blocks that
//! are not complete Python (snippets with `...`, shell prompts) are skipped. Many documents
//! describe Chat Completions on purpose, so fixes here are opt-in (`--fix-docs`).

use super::python::PYTHON;
use super::typescript::{TypeScript, JAVASCRIPT, TSX, TYPESCRIPT};
use super::{FrontEnd, Lifted, SyntaxError};
use crate::diagnostic::Change;
use crate::edit::Edit;
use crate::model::{Span, Unit};

pub struct Markdown;

pub static MARKDOWN: Markdown = Markdown;

const PYTHON_INFO: &[&str] = &["python", "py", "python3", "py3", "ipython", "pycon3"];

/// The language of a fenced block, by its info string.
#[derive(Clone, Copy)]
enum Lang {
    Python,
    Script(&'static TypeScript),
}

impl Lang {
    fn of(info: &str) -> Option<Lang> {
        let info = info.to_ascii_lowercase();
        if PYTHON_INFO.contains(&info.as_str()) {
            return Some(Lang::Python);
        }
        Some(Lang::Script(match info.as_str() {
            "ts" | "typescript" | "mts" | "cts" => &TYPESCRIPT,
            "tsx" => &TSX,
            "js" | "javascript" | "jsx" | "mjs" | "node" => &JAVASCRIPT,
            _ => return None,
        }))
    }

    fn front_end(self) -> &'static dyn FrontEnd {
        match self {
            Lang::Python => &PYTHON,
            Lang::Script(ts) => ts,
        }
    }

    fn parses(self, text: &str) -> bool {
        match self {
            Lang::Python => {
                super::depth::guard_python(text).is_ok()
                    && ruff_python_parser::parse_module(text).is_ok()
            }
            Lang::Script(ts) => ts.parses(text),
        }
    }
}

/// The byte ranges of the contents of fenced Python blocks.
pub fn python_blocks(text: &str) -> Vec<Span> {
    blocks(text)
        .into_iter()
        .filter(|(_, lang)| matches!(lang, Lang::Python))
        .map(|(span, _)| span)
        .collect()
}

/// The byte ranges of the contents of the fenced blocks responsify reads, with their language.
fn blocks(text: &str) -> Vec<(Span, Lang)> {
    let mut blocks = Vec::new();
    let mut open: Option<(String, usize, Option<Lang>)> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let fence: String = trimmed
            .chars()
            .take_while(|c| *c == '`' || *c == '~')
            .collect();
        match &open {
            None if fence.len() >= 3 => {
                let info = trimmed[fence.len()..]
                    .trim()
                    .split(|c: char| c.is_whitespace() || c == '{')
                    .next()
                    .unwrap_or("");
                match Lang::of(info) {
                    Some(lang) => open = Some((fence, at + line.len(), Some(lang))),
                    None => open = Some((format!("skip{fence}"), 0, None)),
                }
            }
            Some((f, start, lang)) => {
                let closes = fence.len() >= f.trim_start_matches("skip").len()
                    && f.trim_start_matches("skip").starts_with(&fence[..1])
                    && trimmed.trim_end() == fence;
                if closes {
                    if let Some(lang) = lang {
                        blocks.push((Span::new(*start, at), *lang));
                    }
                    open = None;
                }
            }
            None => {}
        }
        at += line.len();
    }
    blocks
}

/// The program a block holds: the file blanked outside it. A Python block indented as a
/// whole (inside an MDX `<Tab>`, a list item) is wrapped in `if 1:` written over its blanked
/// fence line, so its indentation parses and every offset stays the file's.
fn program(text: &str, block: Span, lang: Lang) -> String {
    let mut out = blanked(text, block);
    if !matches!(lang, Lang::Python) {
        return out;
    }
    let code = &text[block.start..block.end];
    let indent = code
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    if indent == 0 {
        return out;
    }
    // The fence line: from the newline before it to the block's start.
    let fence_start = text[..block.start.saturating_sub(1)]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let room = block.start.saturating_sub(1) - fence_start;
    const WRAP: &str = "if 1:";
    if room >= WRAP.len() && out.is_char_boundary(fence_start) {
        out.replace_range(fence_start..fence_start + WRAP.len(), WRAP);
    }
    out
}

/// The file with everything outside `block` blanked, newlines kept.
fn blanked(text: &str, block: Span) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if (block.start..block.end).contains(&i) || c == '\n' || c == '\r' {
            out.push(c);
        } else {
            // Keep byte offsets: one space per byte of the character.
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        }
    }
    out
}

impl FrontEnd for Markdown {
    fn name(&self) -> &'static str {
        "Markdown"
    }

    fn triggers(&self) -> &'static [&'static str] {
        PYTHON.triggers()
    }

    fn documentation(&self) -> bool {
        true
    }

    fn lift(&self, text: &str) -> Result<Lifted, SyntaxError> {
        let mut units = Vec::new();
        for (block, lang) in blocks(text) {
            match lang.front_end().lift(&program(text, block, lang)) {
                Ok(lifted) => {
                    let base = units.len();
                    units.extend(lifted.units.into_iter().map(|mut u| {
                        // Groups are per block; keep them apart from other blocks'.
                        u.group = u.group.map(|g| g + base);
                        u
                    }));
                }
                // A block refused whole is named (a snippet that does not parse is not).
                Err(e) if e.refused => return Err(e),
                Err(_) => {}
            }
        }
        Ok(Lifted { units })
    }

    fn lower(&self, text: &str, units: &[&Unit], changes: &[Change]) -> Result<Vec<Edit>, String> {
        let at = units.first().map(|u| u.request.span);
        let block = blocks(text)
            .into_iter()
            .find(|(b, _)| at.is_some_and(|s| b.contains(s)));
        match block {
            // A TypeScript block is lowered on its own blanked copy, which parses.
            Some((span, Lang::Script(ts))) => ts.lower(&blanked(text, span), units, changes),
            _ => PYTHON.lower(text, units, changes),
        }
    }

    fn suppressions(&self, text: &str) -> Vec<crate::suppression::Suppression> {
        blocks(text)
            .into_iter()
            .flat_map(|(b, lang)| lang.front_end().suppressions(&program(text, b, lang)))
            .collect()
    }

    fn verify(&self, before: &str, after: &str) -> Result<(), String> {
        let parses = |text: &str| -> usize {
            blocks(text)
                .into_iter()
                .filter(|(b, lang)| lang.parses(&program(text, *b, *lang)))
                .count()
        };
        if parses(after) < parses(before) {
            return Err("a fixed code block no longer parses".into());
        }
        Ok(())
    }

    fn verify_is_lift(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_python_fences_only() {
        let md = "# T\n```python\nx = 1\n```\n\n```bash\ncurl x\n```\n~~~py\ny = 2\n~~~\n";
        let blocks = python_blocks(md);
        assert_eq!(blocks.len(), 2);
        assert_eq!(&md[blocks[0].start..blocks[0].end], "x = 1\n");
        assert_eq!(&md[blocks[1].start..blocks[1].end], "y = 2\n");
    }

    #[test]
    fn finds_typescript_and_javascript_fences() {
        let md = "```ts\nconst a = 1;\n```\n```javascript\nb()\n```\n```rust\nc\n```\n";
        let found: Vec<&str> = blocks(md)
            .iter()
            .map(|(b, _)| &md[b.start..b.end])
            .collect();
        assert_eq!(found, ["const a = 1;\n", "b()\n"]);
        assert!(python_blocks(md).is_empty());
    }

    #[test]
    fn blanking_keeps_offsets() {
        let md = "é ```python\nx\n```";
        let b = blanked(md, Span::new(13, 15));
        assert_eq!(b.len(), md.len());
        assert_eq!(&b[13..15], "x\n");
    }
}
