use super::{json, Message};
use serde_json::Value;
use std::io::{self, Write};

/// One JSON object per line, each exactly an element of the `json` format's array: the
/// objects come from that writer, so the two formats cannot drift apart.
pub fn write(messages: &[Message], out: &mut dyn Write) -> io::Result<()> {
    let mut buffer = Vec::new();
    for m in messages {
        buffer.clear();
        json::write(std::slice::from_ref(m), &mut buffer)?;
        let items: Vec<Value> = serde_json::from_slice(&buffer)?;
        for item in items {
            serde_json::to_writer(&mut *out, &item)?;
            writeln!(out)?;
        }
    }
    Ok(())
}
