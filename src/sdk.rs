//! What responsify knows about SDK releases, for the front ends that read manifests and the
//! rules that judge them: versions and the releases that matter.

/// A version as three numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version(pub u64, pub u64, pub u64);

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.0, self.1, self.2)
    }
}

/// async-openai's first Responses release, and the first with the names and feature
/// responsify writes.
pub const FIRST_RESPONSES: Version = Version(0, 28, 2);
pub const FIRST_FEATURE_GATED: Version = Version(0, 31, 0);

/// The first openai-python release with `client.responses` (1.66.0, March 2025), and the first
/// taken to have its structured-output helper `responses.parse` (kept high on purpose: a
/// project between the two is held, not broken).
pub const PYTHON_RESPONSES: Version = Version(1, 66, 0);
pub const PYTHON_RESPONSES_HELPERS: Version = Version(1, 86, 0);
/// The first openai-node release with `client.responses` and a working `output_text`
/// (4.87.2), and the first taken to have `responses.parse` / `zodTextFormat` (v5).
pub const NODE_RESPONSES: Version = Version(4, 87, 2);
pub const NODE_RESPONSES_HELPERS: Version = Version(5, 0, 0);

/// The lowest version a requirement allows (`"0.29"`, `"^0.31.1"`, `"=0.43.0"`, `">=0.30, <0.40"`).
pub fn minimum(requirement: &str) -> Option<Version> {
    let first = requirement.split(',').next()?.trim();
    let digits = first.trim_start_matches(['^', '~', '=', '>', ' ']);
    if first.starts_with('<') {
        return None;
    }
    let mut parts = digits.split('.').map(|p| p.trim().parse::<u64>());
    let major = parts.next()?.ok()?;
    let minor = parts.next().unwrap_or(Ok(0)).ok()?;
    let patch = parts.next().unwrap_or(Ok(0)).ok()?;
    Some(Version(major, minor, patch))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requirements_give_their_lowest_version() {
        assert_eq!(minimum("0.29"), Some(Version(0, 29, 0)));
        assert_eq!(minimum("^0.31.1"), Some(Version(0, 31, 1)));
        assert_eq!(minimum("=0.43.0"), Some(Version(0, 43, 0)));
        assert_eq!(minimum(">=0.30, <0.40"), Some(Version(0, 30, 0)));
        assert_eq!(minimum("<0.40"), None);
        assert_eq!(minimum("*"), None);
    }
}
