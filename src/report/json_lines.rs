use super::{json, Message};
use std::io::{self, Write};

/// One JSON object per line, each exactly an element of the `json` format's array: the
/// objects come from that writer, so the two formats cannot drift apart.
pub fn write(messages: &[Message], out: &mut dyn Write) -> io::Result<()> {
    for item in json::items(messages) {
        serde_json::to_writer(&mut *out, &item)?;
        writeln!(out)?;
    }
    Ok(())
}
