//! The crate's modules point one way: each may use only the layers below it, so no
//! import cycle can come back. A module that reaches up (or sideways, into a module of
//! its own layer) fails this test with the file and the module it reached.
//!
//! From the bottom: `i18n`, `secret` ← `domain` ← `error` ← `secrets`, `csv_io`, `ovh`
//! ← `store` ← `sync` ← `state`, `cli`, `rules`, `backup`, `logs`, `placement` ← `commands`,
//! `headless` ← `app`, `bindings`.
//! The OVHcloud simulator is a crate of its own (`src-tauri/simulator`) that knows
//! nothing of Seatkeeper.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn layer(module: &str) -> Option<u32> {
    Some(match module {
        "i18n" | "secret" => 0,
        "domain" => 1,
        "error" => 2,
        "secrets" | "csv_io" | "ovh" => 3,
        "store" => 4,
        "sync" => 5,
        "state" | "cli" | "rules" | "backup" | "logs" | "placement" => 6,
        "commands" | "headless" => 7,
        "app" | "bindings" => 8,
        _ => return None,
    })
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The crate modules a file names: `crate::x`, `crate::{x, y::z}`, `$crate::x`.
fn uses(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                found.push(name);
            }
        } else {
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            // `crate::name!` is an exported macro, not a module.
            if !rest[name.len()..].starts_with('!') {
                found.push(name);
            }
        }
    }
    found.into_iter().filter(|n| !n.is_empty()).collect()
}

#[test]
fn no_module_reaches_above_its_layer() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut problems = BTreeMap::new();
    for file in files {
        let relative = file.strip_prefix(&root).unwrap();
        let first = relative.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
        let module = first.trim_end_matches(".rs").to_string();
        if module == "simulator" {
            continue; // its own crate, checked below
        }
        let Some(own) = layer(&module) else { continue }; // lib.rs, main.rs, build.rs
        let text = std::fs::read_to_string(&file).unwrap();
        for used in uses(&text) {
            if used == module {
                continue;
            }
            match layer(&used) {
                Some(l) if l < own => {}
                Some(_) => {
                    problems.entry(relative.display().to_string()).or_insert_with(Vec::new).push(used);
                }
                // Not a module of the crate (a macro, `crate::Result`…): a new module must be given a layer.
                None if used.chars().next().is_some_and(char::is_lowercase) => {
                    problems
                        .entry(relative.display().to_string())
                        .or_insert_with(Vec::new)
                        .push(format!("{used} (no layer)"));
                }
                None => {}
            }
        }
    }
    assert!(problems.is_empty(), "modules reaching above (or beside) their layer: {problems:#?}");
}

#[test]
fn the_checker_sees_every_form_of_use() {
    let text = "use crate::store::Store;\nuse crate::{domain::X, error};\nlet _ = $crate::commands::f;\ncrate::app_invoke_handler!()";
    assert_eq!(uses(text), ["store", "domain", "error", "commands"]);
}

#[test]
fn the_simulator_crate_knows_nothing_of_seatkeeper() {
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/simulator/Cargo.toml")).unwrap();
    let deps = manifest.split("[dependencies]").nth(1).unwrap_or_default();
    assert!(
        !deps.lines().any(|l| l.trim_start().starts_with("seatkeeper ") || l.trim_start().starts_with("seatkeeper=")),
        "{deps}"
    );
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/simulator"), &mut files);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(!text.contains("seatkeeper::"), "{} uses the app", file.display());
    }
}
