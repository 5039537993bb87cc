//! Findings grouped by the request they are about: the unit a person migrates, and the unit
//! SARIF results and the HTML report's cards are made of.

use super::{request_ids, Message};

/// The findings of one request, in the order the report gives them (file order, then source
/// order), or a single finding about no request (a whole file's, a stale baseline entry).
pub struct Request<'a> {
    /// The stable [`request_ids`] id; `None` for a finding about no request.
    pub id: Option<String>,
    /// Indices into the report's messages.
    pub members: Vec<usize>,
    pub messages: Vec<&'a Message>,
}

/// Every finding in exactly one group, groups ordered by their first finding.
pub fn group(messages: &[Message]) -> Vec<Request<'_>> {
    let mut groups: Vec<Request> = Vec::new();
    // Request ids are unique per report, so a map from id to group is enough; the groups
    // keep the order of first appearance so the output stays deterministic.
    let mut by_id: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, (m, id)) in messages.iter().zip(request_ids(messages)).enumerate() {
        match id {
            Some(id) => match by_id.get(&id) {
                Some(&g) => {
                    groups[g].members.push(i);
                    groups[g].messages.push(m);
                }
                None => {
                    by_id.insert(id.clone(), groups.len());
                    groups.push(Request {
                        id: Some(id),
                        members: vec![i],
                        messages: vec![m],
                    });
                }
            },
            None => groups.push(Request {
                id: None,
                members: vec![i],
                messages: vec![m],
            }),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;
    use crate::report::tests::message;

    #[test]
    fn findings_of_one_request_share_a_group_and_others_stand_alone() {
        let src = "a = create(n=2, stop=1)\nb = create(n=2)\n";
        let request = |m: &mut Message, start: usize, end: usize| {
            m.request = Some((Span::new(start, end), vec![]));
        };
        let mut first_n = message("n-parameter", "a.py", src, "n=2");
        request(&mut first_n, 4, 23);
        let mut first_stop = message("stop-parameter", "a.py", src, "stop=1");
        request(&mut first_stop, 4, 23);
        let mut second = message("n-parameter", "a.py", src, "b = ");
        request(&mut second, 28, 39);
        let file = message("legacy-openai-sdk", "a.py", src, "a");
        let messages = vec![first_n, file, first_stop, second];
        let groups = group(&messages);
        let members: Vec<&[usize]> = groups.iter().map(|g| g.members.as_slice()).collect();
        assert_eq!(members, [&[0, 2][..], &[1], &[3]]);
        assert!(groups[0].id.is_some() && groups[1].id.is_none());
        assert_ne!(groups[0].id, groups[2].id);
        assert_eq!(groups[0].messages[1].rule, "stop-parameter");
    }
}
