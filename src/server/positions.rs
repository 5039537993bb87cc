//! Byte offsets ↔ LSP positions. The protocol counts columns in UTF-16 code units, so text
//! with non-ASCII characters before a finding on its line must not shift it.

use lsp_types::{Position, Range};

/// Line starts of one text, for converting both ways.
pub struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Lines { starts }
    }

    /// The position of byte `at` (clamped to the text, and to a character boundary).
    pub fn position(&self, text: &str, at: usize) -> Position {
        let at = crate::edit::char_floor(text, at.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= at) - 1;
        let start = self.starts[line];
        let character: usize = text[start..at].chars().map(char::len_utf16).sum();
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, text: &str, start: usize, end: usize) -> Range {
        Range::new(self.position(text, start), self.position(text, end))
    }

    /// The byte offset of `position`; past the end of a line means its end, past the last
    /// line the end of the text.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return text.len();
        };
        let end = self
            .starts
            .get(position.line as usize + 1)
            .map_or(text.len(), |&next| next - 1);
        let mut units = 0usize;
        for (i, c) in text[start..end].char_indices() {
            if units >= position.character as usize {
                return start + i;
            }
            units += c.len_utf16();
        }
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns() {
        let text = "é😀x\nab";
        let lines = Lines::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(lines.position(text, x), Position::new(0, 3));
        assert_eq!(lines.offset(text, Position::new(0, 3)), x);
        assert_eq!(lines.offset(text, Position::new(1, 1)), text.len() - 1);
        assert_eq!(lines.offset(text, Position::new(0, 99)), x + 1);
        assert_eq!(lines.offset(text, Position::new(9, 0)), text.len());
    }
}
