//! The parses of the last few texts on this worker thread, kept for the next question about
//! the same text.
//!
//! A file is parsed to lift its requests, then asked again on the same worker for what its
//! lowering needs (its f-strings), for the module-level imports of a shared value (once per
//! request that sends one), for its suppressions, and, in a fix, for the imports the fix made
//! stale (the text before and after). Each asked for a parse of its own; now a text parsed a
//! moment ago on this thread is not parsed again. A lookup compares the whole text (a
//! `memcmp`), so another text is never taken for it.

use ruff_python_ast::ModModule;
use ruff_python_parser::{ParseError, Parsed};
use std::cell::RefCell;
use std::rc::Rc;

/// How many parses each thread keeps: a fix asks about the text before and the text after.
const KEPT: usize = 2;

/// Larger texts are parsed each time rather than kept: their trees would stay in memory
/// until two other files had been parsed on the thread.
const LARGEST_KEPT: usize = 1 << 20;

type Recent = RefCell<Vec<(String, Rc<Parsed<ModModule>>)>>;

thread_local! {
    /// The most recent last.
    static RECENT: Recent = const { RefCell::new(Vec::new()) };
}

/// `text` parsed as a module, from this thread's recent parses when it is one of them.
pub fn parse(text: &str) -> Result<Rc<Parsed<ModModule>>, ParseError> {
    let known = RECENT.with(|recent| {
        recent
            .borrow()
            .iter()
            .find(|(seen, _)| seen == text)
            .map(|(_, parsed)| Rc::clone(parsed))
    });
    if let Some(parsed) = known {
        return Ok(parsed);
    }
    let parsed = Rc::new(ruff_python_parser::parse_module(text)?);
    if text.len() <= LARGEST_KEPT {
        RECENT.with(|recent| {
            let mut recent = recent.borrow_mut();
            if recent.len() == KEPT {
                recent.remove(0);
            }
            recent.push((text.to_string(), Rc::clone(&parsed)));
        });
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_parsed_a_moment_ago_is_not_parsed_again_and_another_text_is() {
        let first = parse("x = 1\n").unwrap();
        assert!(Rc::ptr_eq(&first, &parse("x = 1\n").unwrap()));
        let second = parse("y = 2\n").unwrap();
        assert!(!Rc::ptr_eq(&first, &second));
        assert!(
            Rc::ptr_eq(&first, &parse("x = 1\n").unwrap()),
            "two are kept"
        );
        parse("z = 3\n").unwrap();
        parse("w = 4\n").unwrap();
        assert!(
            !Rc::ptr_eq(&first, &parse("x = 1\n").unwrap()),
            "the oldest goes"
        );
        assert!(parse("def (:\n").is_err());
    }
}
