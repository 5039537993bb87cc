//! For AI coding agents: one line per finding with what to do inline, no code frames.

use super::Message;
use crate::engine::FixStatus;
use std::io::{self, Write};

/// `path:line:col: rule: message -> what to do`, where what to do is the fix and the command
/// that applies it, or, for a finding that needs a person, the help or what blocks it.
pub fn write(messages: &[Message], out: &mut dyn Write) -> io::Result<()> {
    for m in messages {
        let title = m.fix_title.as_deref().unwrap_or("apply the fix");
        let action = match &m.status {
            FixStatus::Safe => format!("fix: {title} (run `responsify check --fix`)"),
            FixStatus::Unsafe => format!(
                "fix: {title} (may change behaviour: review, then `responsify check --fix --unsafe-fixes`)"
            ),
            FixStatus::Blocked(why) => match &m.help {
                Some(help) => format!("edit by hand: {help} (blocked: {why})"),
                None => format!("edit by hand (blocked: {why})"),
            },
            FixStatus::None => match &m.help {
                Some(help) => format!("edit by hand: {help}"),
                None => "no change needed".to_string(),
            },
        };
        let message = m.message.replace('\n', " ");
        let action = action.replace('\n', " ");
        writeln!(
            out,
            "{}:{}:{}: {}: {message} -> {action}",
            m.path, m.start.0, m.start.1, m.rule
        )?;
    }
    Ok(())
}
