use super::Message;
use crate::engine::FixStatus;
use std::io::{self, Write};

pub fn write(messages: &[Message], out: &mut dyn Write) -> io::Result<()> {
    for m in messages {
        let mark = if m.status == FixStatus::Safe {
            " [*]"
        } else {
            ""
        };
        writeln!(
            out,
            "{}:{}:{}: {} {}{mark}",
            m.path, m.start.0, m.start.1, m.rule, m.message
        )?;
    }
    Ok(())
}
