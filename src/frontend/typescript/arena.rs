//! The arena each parse allocates its syntax tree in, kept per worker thread between files.
//!
//! oxc allocates a tree in an arena that is freed whole. A fresh arena per parse gives its
//! chunks back to the allocator at the end of every file, and the next file's arena takes
//! fresh pages from the kernel again, which zeroes them: on a large run that zeroing was a
//! twentieth of the whole check. A reset arena keeps its largest chunk for the next file.

use oxc_allocator::Allocator;
use std::cell::Cell;

thread_local! {
    /// The arena of the last parse on this thread, reset, waiting for the next one.
    static SPARE: Cell<Option<Allocator>> = const { Cell::new(None) };
}

/// An arena for one parse: this thread's spare one when it is free (a parse inside another
/// gets a new one), given back reset when dropped.
pub struct Arena(Option<Allocator>);

impl Arena {
    pub fn take() -> Arena {
        Arena(Some(SPARE.with(Cell::take).unwrap_or_default()))
    }
}

impl std::ops::Deref for Arena {
    type Target = Allocator;

    fn deref(&self) -> &Allocator {
        self.0
            .as_ref()
            .expect("an arena is held until it is dropped")
    }
}

impl Drop for Arena {
    fn drop(&mut self) {
        if let Some(mut arena) = self.0.take() {
            arena.reset();
            SPARE.with(|spare| spare.set(Some(arena)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_arena_is_reused_reset_and_a_nested_parse_gets_its_own() {
        let first = Arena::take();
        let at = first.alloc(7u64) as *const u64;
        {
            let nested = Arena::take();
            assert_ne!(nested.alloc(8u64) as *const u64, at, "two arenas at once");
        }
        drop(first);
        let again = Arena::take();
        // The spare is whichever was given back last; either way it was reset.
        assert!(again.used_bytes() == 0, "a reused arena starts empty");
    }
}
