//! `--select` / `--ignore` resolved against the rule catalogue: which rules a run checks.

use super::{all, by_name, RuleMeta};
use crate::settings::Settings;
use std::collections::BTreeSet;

impl Default for Settings {
    fn default() -> Self {
        Settings::new(&[], &[]).expect("the default selection is valid")
    }
}

impl Settings {
    /// Resolve `--select` / `--ignore`. `ALL` selects every rule, opt-in ones included.
    pub fn new(select: &[String], ignore: &[String]) -> Result<Settings, String> {
        let known = |name: &str| -> Result<&'static RuleMeta, String> {
            by_name(name)
                .map(|r| r.meta())
                .ok_or_else(|| format!("unknown rule `{name}` (see `responsify rules`)"))
        };
        let mut selected: BTreeSet<&'static str> = if select.is_empty() {
            all()
                .iter()
                .map(|r| r.meta())
                .filter(|m| !m.opt_in)
                .map(|m| m.name)
                .collect()
        } else {
            let mut set = BTreeSet::new();
            for name in select {
                if name == "ALL" {
                    set.extend(all().iter().map(|r| r.meta().name));
                } else {
                    set.insert(known(name)?.name);
                }
            }
            set
        };
        for name in ignore {
            if name == "ALL" {
                selected.clear();
            } else {
                selected.remove(known(name)?.name);
            }
        }
        Ok(Settings::with_selection(selected))
    }
}
