//! Where new entries go and how old ones leave, for front ends whose requests are written as
//! comma-separated containers (argument lists, dict and object literals, lists and arrays).
//! The syntax of an entry is the front end's; the layout around it is the same everywhere.

use crate::edit::{indentation_at, Edit};
use crate::model::{Container, ContainerKind, Kind, Span, Unit, Value};
use std::collections::BTreeMap;

/// A map or list value seen as a container of its entries or elements.
pub fn of_value(value: &Value) -> Option<Container> {
    let (members, kind) = match &value.kind {
        Kind::Map(entries) => (
            entries.iter().filter_map(|e| e.span).collect(),
            ContainerKind::Map,
        ),
        Kind::List(items) => (
            items.iter().filter_map(|v| v.span).collect(),
            ContainerKind::List,
        ),
        _ => return None,
    };
    Some(Container {
        span: value.span?,
        members,
        kind,
    })
}

/// The container holding `member`: one of the units' top-level containers (an argument list,
/// a splatted dict) or the map or list around it in a request body.
pub fn holding(units: &[&Unit], member: Span) -> Option<Container> {
    let containers = units.iter().flat_map(|u| u.containers.iter());
    if let Some(c) = containers.clone().find(|c| c.members.contains(&member)) {
        return Some(c.clone());
    }
    let (parent, _) = units
        .iter()
        .find_map(|u| u.request.body.parent_of(member))?;
    of_value(parent)
}

/// The container whose source is `span`.
pub fn at(units: &[&Unit], span: Span) -> Option<Container> {
    if let Some(c) = units
        .iter()
        .flat_map(|u| u.containers.iter())
        .find(|c| c.span == span)
    {
        return Some(c.clone());
    }
    of_value(units.iter().find_map(|u| u.request.body.find(span))?)
}

/// Delete members with one separator each, a run of neighbours as one block.
pub fn removals(units: &[&Unit], removed: &[Span]) -> Result<Vec<Edit>, String> {
    let mut by_container: BTreeMap<Span, (Container, Vec<usize>)> = BTreeMap::new();
    for member in removed {
        let container = holding(units, *member).ok_or_else(|| {
            format!(
                "cannot remove the entry at bytes {}..{} here",
                member.start, member.end
            )
        })?;
        let index = container
            .members
            .iter()
            .position(|m| m == member)
            .expect("found by member");
        by_container
            .entry(container.span)
            .or_insert_with(|| (container, Vec::new()))
            .1
            .push(index);
    }
    let mut edits = Vec::new();
    for (_, (container, indices)) in by_container {
        edits.extend(crate::edit::removals(&container.members, &indices));
    }
    Ok(edits)
}

/// How new members are laid out in a container: after its last kept member, separated and
/// indented like the members it has.
pub struct Layout {
    /// The last member that stays, after which the new ones go (none: the container is empty).
    pub after: Option<Span>,
    pub separator: String,
    pub indent: String,
    /// The container spans lines, so new values are printed over lines too.
    pub multiline: bool,
}

/// The separator of new members, written like `between`, the text between the last two
/// members: copied when it is a comma and spacing, but never the comments in it (a comment
/// there belongs to the member after it, and copying it would repeat it after every insertion).
fn separator_like(between: &str, newline: &str, indent: &str) -> String {
    let after_value = between.trim_start();
    let Some(after_comma) = after_value.strip_prefix(',') else {
        return ", ".into();
    };
    if after_comma.trim().is_empty() {
        return between.to_string();
    }
    let before_comma = &between[..between.len() - after_value.len()];
    if between.contains('\n') {
        format!("{before_comma},{newline}{indent}")
    } else {
        format!("{before_comma}, ")
    }
}

pub fn layout(text: &str, container: &Container, removed: &[Span], newline: &str) -> Layout {
    let at = container.span;
    let kept: Vec<Span> = container
        .members
        .iter()
        .copied()
        .filter(|m| !removed.contains(m))
        .collect();
    let multiline = text[at.start..at.end].contains('\n');
    let (separator, indent) = match (container.members.as_slice(), kept.last()) {
        ([.., a, b], Some(last)) => {
            let indent = indentation_at(text, last.start).to_string();
            (
                separator_like(&text[a.end..b.start], newline, &indent),
                indent,
            )
        }
        (_, Some(last)) if multiline => {
            let indent = indentation_at(text, last.start).to_string();
            (format!(",{newline}{indent}"), indent)
        }
        _ => (", ".to_string(), indentation_at(text, at.start).to_string()),
    };
    Layout {
        after: kept.last().copied(),
        separator,
        indent,
        multiline,
    }
}

#[cfg(test)]
mod tests {
    use super::separator_like;

    #[test]
    fn a_separator_keeps_the_spacing_of_the_members_and_none_of_their_comments() {
        assert_eq!(separator_like(",\n    ", "\n", "    "), ",\n    ");
        assert_eq!(separator_like(",\n\n    ", "\n", "    "), ",\n\n    ");
        assert_eq!(separator_like(", ", "\n", ""), ", ");
        assert_eq!(
            separator_like(
                ",\n    // pick another model\n    //model: \"x\",\n    ",
                "\n",
                "    "
            ),
            ",\n    "
        );
        assert_eq!(separator_like(", // why\r\n  ", "\r\n", "  "), ",\r\n  ");
        assert_eq!(separator_like(", /* why */ ", "\n", ""), ", ");
        assert_eq!(separator_like(" ", "\n", ""), ", ");
    }
}
