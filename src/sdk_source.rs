//! The SDKs' own source: the package that defines `chat.completions`, with its tests and
//! examples, is not a user of the API it implements.
//!
//! Checked like any other code, the openai-python and openai-node repositories are hundreds
//! of findings on the code that sends Chat Completions requests on behalf of every user, and
//! their tests of the chat endpoint would be "migrated" into tests of another endpoint. A
//! file whose nearest package manifest names one of the SDKs is left alone, as code that is
//! not an OpenAI request at all is.

use std::path::Path;

use crate::folder_files::{FolderFiles, GIT};

/// The manifests that name a package, nearest first in each folder.
pub const MANIFESTS: [&str; 3] = ["pyproject.toml", "package.json", "Cargo.toml"];

/// The packages that implement the API for their users, by the manifest that names them.
const SDK_PACKAGES: [(&str, &str); 3] = [
    ("pyproject.toml", "openai"),
    ("package.json", "openai"),
    ("Cargo.toml", "async-openai"),
];

/// The SDK package whose source `dir` is in, if any: the nearest folder, from `dir` up to
/// the repository's root, with a package manifest decides. `files` lists a folder.
pub fn sdk_package_of(
    dir: &Path,
    files: &dyn Fn(&Path) -> std::sync::Arc<FolderFiles>,
) -> Option<&'static str> {
    let mut at = Some(dir);
    while let Some(folder) = at {
        let listed = files(folder);
        let mut has_manifest = false;
        for manifest in MANIFESTS.iter().filter(|m| listed.has(m)) {
            let Ok(text) = std::fs::read_to_string(folder.join(manifest)) else {
                continue;
            };
            has_manifest = true;
            let name = package_name(manifest, text.trim_start_matches('\u{feff}'));
            if let Some((_, sdk)) = SDK_PACKAGES
                .iter()
                .find(|(m, sdk)| m == manifest && name.as_deref() == Some(sdk))
            {
                return Some(sdk);
            }
        }
        if has_manifest || listed.has(GIT) {
            return None;
        }
        at = folder.parent();
    }
    None
}

/// The name a manifest gives its package (`[project] name`, `"name"`, `[package] name`).
fn package_name(manifest: &str, text: &str) -> Option<String> {
    match manifest {
        "package.json" => {
            let value: serde_json::Value = serde_json::from_str(text).ok()?;
            Some(value.get("name")?.as_str()?.to_string())
        }
        _ => {
            let doc: toml_edit::DocumentMut = text.parse().ok()?;
            let table = if manifest == "Cargo.toml" {
                "package"
            } else {
                "project"
            };
            let name = doc.get(table)?.get("name")?.as_str()?;
            Some(name.to_string())
        }
    }
}

/// Why a request in the SDK's own source is left alone.
pub fn why(sdk: &str) -> String {
    format!("this is the source of the `{sdk}` SDK, which implements the API for its users")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(dir: &Path) -> std::sync::Arc<FolderFiles> {
        std::sync::Arc::new(FolderFiles::list(dir))
    }

    #[test]
    fn the_nearest_manifest_says_whether_a_file_is_in_an_sdk() {
        let root = tempfile::tempdir().unwrap();
        let sdk = root.path().join("sdk");
        std::fs::create_dir_all(sdk.join("src/openai/resources")).unwrap();
        std::fs::create_dir_all(sdk.join("examples/app")).unwrap();
        std::fs::create_dir(sdk.join(".git")).unwrap();
        std::fs::write(
            sdk.join("pyproject.toml"),
            "[project]\nname = \"openai\"\nversion = \"2.0.0\"\n",
        )
        .unwrap();
        // A package of its own inside the SDK's tree is a user of it.
        std::fs::write(sdk.join("examples/app/package.json"), r#"{"name": "demo"}"#).unwrap();
        assert_eq!(
            sdk_package_of(&sdk.join("src/openai/resources"), &listed),
            Some("openai")
        );
        assert_eq!(sdk_package_of(&sdk.join("examples/app"), &listed), None);

        let node = root.path().join("node");
        std::fs::create_dir_all(node.join("tests")).unwrap();
        std::fs::write(
            node.join("package.json"),
            r#"{"name": "openai", "version": "6.0.0"}"#,
        )
        .unwrap();
        assert_eq!(sdk_package_of(&node.join("tests"), &listed), Some("openai"));

        let rust = root.path().join("rust");
        std::fs::create_dir_all(rust.join("src")).unwrap();
        std::fs::write(
            rust.join("Cargo.toml"),
            "[package]\nname = \"async-openai\"\n",
        )
        .unwrap();
        assert_eq!(
            sdk_package_of(&rust.join("src"), &listed),
            Some("async-openai")
        );

        // A package that only shares a word with the SDK, and a crate named `openai` (not
        // the async-openai SDK), are users.
        let app = root.path().join("app");
        std::fs::create_dir_all(&app).unwrap();
        std::fs::write(
            app.join("pyproject.toml"),
            "[project]\nname = \"openai-helpers\"\n",
        )
        .unwrap();
        assert_eq!(sdk_package_of(&app, &listed), None);
        std::fs::write(app.join("Cargo.toml"), "[package]\nname = \"openai\"\n").unwrap();
        assert_eq!(sdk_package_of(&app, &listed), None);
    }
}
