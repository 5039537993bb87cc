//! Which words each file of the run may hold, so that a question about a name reads again only
//! the files that may name it.
//!
//! A Bloom filter of 4096 bits per file (a large source file has several hundred distinct
//! words; a smaller filter said "maybe" for most of them, and each question then read a fifth
//! of the run). The filters are stored bit-sliced, 64 files to a block: for each bit, one word
//! says which of the block's files set it. A question then ANDs six words per 64 files instead
//! of testing every file of the run one by one — with a few thousand helpers asked about in a
//! large run, testing each file took a fifth of the whole check. The words of one bit are
//! stored together for all blocks: a question reads six runs of consecutive words, where one
//! block after another (32 KiB each) missed the cache six times a block.

use std::path::PathBuf;

/// The files of a block: one bit of a `u64` each.
const BLOCK: usize = 64;

/// The bits of each file's filter.
const BITS: usize = 4096;

/// The three filter bits a word sets.
pub(super) type WordBits = [u64; 3];

/// The word filters of the run's files, in the run's order; 512 bytes a file.
#[derive(Debug, Default)]
pub(super) struct WordFilters {
    /// How many blocks of 64 files the run has.
    blocks: usize,
    /// For each bit and each block of 64 files (at `bit * blocks + block`): which of the
    /// block's files set it.
    by_bit: Vec<u64>,
    /// For each file, in the run's order: its size when the read found nothing in it for its
    /// front end (`walk::nothing_to_find`), else `u32::MAX`.
    /// The run's own check of such a file need not read it again.
    quiet: Vec<u32>,
}

/// A file the build did not find quiet.
const NOT_QUIET: u32 = u32::MAX;

impl WordFilters {
    /// Reads every module of the run once, in parallel. A file that is no module, or whose
    /// importers are found otherwise (Rust: through its crate's tree), is never asked about
    /// (it holds nothing); one that cannot be read may hold anything, and is read
    /// when asked about.
    pub(super) fn build(files: &[PathBuf]) -> WordFilters {
        let chunks: Vec<&[PathBuf]> = files.chunks(BLOCK).collect();
        let built = super::on_own_threads(&chunks, |chunk| {
            let mut block = vec![0u64; BITS].into_boxed_slice();
            let mut quiet = vec![NOT_QUIET; chunk.len()];
            for (slot, path) in chunk.iter().enumerate() {
                if !super::family(path).is_some_and(|f| f.scanned_by_words()) {
                    continue;
                }
                let file = 1u64 << slot;
                match std::fs::read(path) {
                    Ok(bytes) => {
                        each_word_hash(&bytes, |hash| {
                            for bit in Self::bits_of_hash(hash) {
                                block[bit as usize] |= file;
                            }
                        });
                        let front_end = crate::frontend::for_path(path);
                        if front_end.is_some_and(|fe| crate::walk::nothing_to_find(fe, &bytes)) {
                            quiet[slot] = u32::try_from(bytes.len()).unwrap_or(NOT_QUIET);
                        }
                    }
                    Err(_) => block.iter_mut().for_each(|bits| *bits |= file),
                }
            }
            (block, quiet)
        });
        let blocks = built.len();
        let mut filters = WordFilters {
            blocks,
            by_bit: vec![0; BITS * blocks],
            quiet: Vec::with_capacity(files.len()),
        };
        for (b, (block, quiet)) in built.into_iter().enumerate() {
            for (bit, files) in block.iter().enumerate() {
                filters.by_bit[bit * blocks + b] = *files;
            }
            filters.quiet.extend(quiet);
        }
        filters
    }

    /// The size of file `i` when the build read it and its front end has nothing to find in
    /// it (see [`WordFilters::quiet`]).
    pub(super) fn quiet_size(&self, i: usize) -> Option<u64> {
        self.quiet
            .get(i)
            .filter(|&&size| size != NOT_QUIET)
            .map(|&size| u64::from(size))
    }

    /// The bits `word` sets (from the two halves of its hash).
    pub(super) fn bits(word: &str) -> WordBits {
        Self::bits_of_hash(hash_word(word.as_bytes()))
    }

    fn bits_of_hash(hash: u64) -> WordBits {
        let (a, b) = (hash & 0xffff_ffff, hash >> 32);
        let bits = BITS as u64;
        [
            a % bits,
            a.wrapping_add(b) % bits,
            a.wrapping_add(b.wrapping_mul(2)) % bits,
        ]
    }

    /// Whether file `i` may hold the word whose bits are `bits`.
    pub(super) fn may_hold(&self, i: usize, bits: &WordBits) -> bool {
        let block = i / BLOCK;
        if block >= self.blocks {
            return true;
        }
        let file = 1u64 << (i % BLOCK);
        bits.iter()
            .all(|&bit| self.by_bit[bit as usize * self.blocks + block] & file != 0)
    }

    /// The files that may hold every one of `words`, in the run's order.
    pub(super) fn candidates<'a>(
        &'a self,
        words: &'a [WordBits],
    ) -> impl Iterator<Item = usize> + 'a {
        let mut files = vec![!0u64; self.blocks];
        for &bit in words.iter().flatten() {
            let row = &self.by_bit[bit as usize * self.blocks..][..self.blocks];
            files
                .iter_mut()
                .zip(row)
                .for_each(|(files, row)| *files &= row);
        }
        files
            .into_iter()
            .enumerate()
            .flat_map(|(b, files)| SetBits(files).map(move |slot| b * BLOCK + slot))
    }
}

/// Whether each byte may be part of a word: ASCII letters, digits and `_`.
const WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    table
};

/// Calls `f` with the hash of each word of `bytes` (runs of ASCII letters, digits and `_`),
/// in one pass.
fn each_word_hash(bytes: &[u8], mut f: impl FnMut(u64)) {
    let mut at = 0;
    while at < bytes.len() {
        if !WORD_BYTE[bytes[at] as usize] {
            at += 1;
            continue;
        }
        let start = at;
        while at < bytes.len() && WORD_BYTE[bytes[at] as usize] {
            at += 1;
        }
        f(hash_span(bytes, start, at));
    }
}

/// The hash of `word`: the words the questions ask about are hashed as the files' are.
fn hash_word(word: &[u8]) -> u64 {
    hash_span(word, 0, word.len())
}

/// A hash of the word `bytes[start..end]` taken eight bytes at a time (a byte at a time,
/// hashing every module of a large run was a few percent of the check), mixed at the end so
/// both halves of the hash depend on every byte.
///
/// The last, shorter piece is read as eight bytes where the text goes on that far, with the
/// bytes past the word masked off: the same value as the piece padded with zeros, without
/// copying it (the copy was half the time of hashing a run's modules).
fn hash_span(bytes: &[u8], start: usize, end: usize) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let eight_at =
        |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"));
    let mut hash = (end - start) as u64;
    let mut at = start;
    while at + 8 <= end {
        hash = (hash.rotate_left(23) ^ eight_at(at)).wrapping_mul(K);
        at += 8;
    }
    let rest = end - at;
    if rest > 0 {
        let last = if at + 8 <= bytes.len() {
            eight_at(at) & ((1u64 << (rest * 8)) - 1)
        } else {
            let mut last = [0u8; 8];
            last[..rest].copy_from_slice(&bytes[at..end]);
            u64::from_le_bytes(last)
        };
        hash = (hash.rotate_left(23) ^ last).wrapping_mul(K);
    }
    // The finisher of MurmurHash3's 64-bit hash.
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    hash ^ (hash >> 33)
}

/// The positions of the set bits of a `u64`, lowest first.
struct SetBits(u64);

impl Iterator for SetBits {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        if self.0 == 0 {
            return None;
        }
        let at = self.0.trailing_zeros() as usize;
        self.0 &= self.0 - 1;
        Some(at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filters_of(texts: &[&str]) -> (tempfile::TempDir, WordFilters) {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<PathBuf> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let path = dir.path().join(format!("m{i}.py"));
                std::fs::write(&path, text).unwrap();
                path
            })
            .collect();
        let filters = WordFilters::build(&files);
        (dir, filters)
    }

    #[test]
    fn candidates_are_the_files_that_may_hold_every_word() {
        // 130 files span three blocks; the words sit in the first, the last and a middle one.
        let mut texts = vec!["x = 1\n"; 130];
        texts[0] = "from app import ask\n";
        texts[65] = "ask = app\n";
        texts[129] = "def ask(): pass  # app";
        texts[7] = "from app import other\n";
        let (_dir, filters) = filters_of(&texts);
        let found: Vec<usize> = filters
            .candidates(&[WordFilters::bits("ask"), WordFilters::bits("app")])
            .collect();
        assert_eq!(found, [0, 65, 129]);
        assert!(filters.may_hold(7, &WordFilters::bits("other")));
        assert!(!filters.may_hold(7, &WordFilters::bits("ask")));
    }

    #[test]
    fn a_word_is_whole_not_a_part_of_a_longer_one() {
        let (_dir, filters) = filters_of(&["asked = app_name\n", "ask"]);
        assert!(!filters.may_hold(0, &WordFilters::bits("ask")));
        assert!(!filters.may_hold(0, &WordFilters::bits("app")));
        assert!(
            filters.may_hold(1, &WordFilters::bits("ask")),
            "a word at the end"
        );
    }

    #[test]
    fn a_module_is_quiet_only_when_its_check_would_stop_at_the_prefilter() {
        let (_dir, filters) = filters_of(&[
            "def ask(x):\n    return x\n",
            "client.chat.completions.create(model=m)\n",
            "x = 1  # responsify: ignore[max-tokens]\n",
            "x = '\0'\n",
        ]);
        assert_eq!(
            filters.quiet_size(0),
            Some(25),
            "no trigger word: quiet, with its size"
        );
        assert_eq!(filters.quiet_size(1), None, "a trigger word: checked");
        assert_eq!(filters.quiet_size(2), None, "a suppression comment is read");
        assert_eq!(filters.quiet_size(3), None, "a binary file is reported");
        assert_eq!(filters.quiet_size(4), None, "no such file");
    }

    #[test]
    fn a_file_that_is_no_module_holds_nothing_and_one_unreadable_holds_anything() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data.json");
        std::fs::write(&data, "ask app").unwrap();
        let missing = dir.path().join("gone.py");
        let filters = WordFilters::build(&[data, missing]);
        let found: Vec<usize> = filters.candidates(&[WordFilters::bits("ask")]).collect();
        assert_eq!(found, [1]);
    }

    #[test]
    fn a_word_inside_a_text_hashes_as_the_word_alone() {
        // Words of every length up to 17, at the end of the text and followed by more of it:
        // the masked read of the last piece must give the zero-padded piece's hash.
        let text = "a bc def ghij klmno pqrstu vwxyzab cdefghij klmnopqrs tuvwxyzabcdefghij z";
        let mut seen = Vec::new();
        each_word_hash(text.as_bytes(), |hash| seen.push(hash));
        let alone: Vec<u64> = text.split(' ').map(|w| hash_word(w.as_bytes())).collect();
        assert_eq!(seen, alone);
        let mut last = Vec::new();
        each_word_hash(b"(klmnopqrs", |hash| last.push(hash));
        assert_eq!(last, [hash_word(b"klmnopqrs")], "a word ending the text");
    }
}
