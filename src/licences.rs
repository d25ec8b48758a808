//! Software shown on the Tentang page with its licence. A test keeps this list in step with the
//! direct dependencies in Cargo.toml, so a new crate cannot ship unlisted.

pub struct Component {
    pub name: &'static str,
    pub licence: &'static str,
}

pub const COMPONENTS: &[Component] = &[
    Component {
        name: "sentra",
        licence: "MIT",
    },
    Component {
        name: "leptos",
        licence: "MIT",
    },
    Component {
        name: "leptos_router",
        licence: "MIT",
    },
    Component {
        name: "serde",
        licence: "MIT OR Apache-2.0",
    },
    Component {
        name: "serde_json",
        licence: "MIT OR Apache-2.0",
    },
    Component {
        name: "postcard",
        licence: "MIT OR Apache-2.0",
    },
    Component {
        name: "sha2",
        licence: "MIT OR Apache-2.0",
    },
    Component {
        name: "base64",
        licence: "MIT OR Apache-2.0",
    },
    Component {
        name: "flate2",
        licence: "MIT OR Apache-2.0",
    },
    Component {
        name: "calamine",
        licence: "MIT",
    },
    Component {
        name: "chrono",
        licence: "MIT OR Apache-2.0",
    },
    Component {
        name: "wasm-bindgen",
        licence: "MIT OR Apache-2.0",
    },
    Component {
        name: "wasm-bindgen-futures",
        licence: "MIT OR Apache-2.0",
    },
    Component {
        name: "js-sys",
        licence: "MIT OR Apache-2.0",
    },
    Component {
        name: "web-sys",
        licence: "MIT OR Apache-2.0",
    },
    Component {
        name: "gloo-storage",
        licence: "MIT OR Apache-2.0",
    },
    Component {
        name: "console_error_panic_hook",
        licence: "MIT OR Apache-2.0",
    },
];

#[cfg(test)]
mod tests {
    use super::COMPONENTS;

    /// Names of the runtime dependencies (not dev-dependencies) declared in Cargo.toml.
    fn runtime_dependencies(manifest: &str) -> Vec<String> {
        let mut names = Vec::new();
        let mut in_runtime_deps = false;
        for line in manifest.lines() {
            let line = line.trim();
            if line.starts_with('[') {
                in_runtime_deps =
                    line.ends_with("dependencies]") && !line.contains("dev-dependencies");
                continue;
            }
            if in_runtime_deps {
                if let Some((name, _)) = line.split_once('=') {
                    let name = name.trim();
                    if !name.is_empty() && !name.starts_with('#') && !name.starts_with('"') {
                        names.push(name.to_string());
                    }
                }
            }
        }
        names
    }

    #[test]
    fn every_runtime_dependency_is_listed_with_a_licence() {
        let deps = runtime_dependencies(include_str!("../Cargo.toml"));
        assert!(
            deps.contains(&"leptos".to_string()),
            "parser found {deps:?}"
        );
        for dep in &deps {
            let entry = COMPONENTS.iter().find(|c| c.name == dep);
            let entry = entry.unwrap_or_else(|| panic!("{dep} is missing from src/licences.rs"));
            assert!(!entry.licence.is_empty());
        }
    }
}
