//! A validator for OVHcloud's schema format (the api.ovh.com JSON of
//! `shared/ovh/schema/*.json`): finds the operation of a request and checks JSON values
//! against its types — primitives and their formats, enums, arrays, maps, nested
//! models, nullable and required fields, read-only fields in request bodies.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Whose value is checked: a response must carry every non-nullable field; a request
/// body must carry the required ones and no read-only one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Response,
    Request,
}

#[derive(Debug, Clone)]
pub enum Body {
    /// One body parameter whose type is a model.
    Model(String),
    /// Named body fields: `(name, type, required)`.
    Fields(Vec<(String, String, bool)>),
}

#[derive(Debug, Clone)]
pub struct Operation {
    pub file: String,
    pub method: String,
    /// `/license/office/{serviceName}/user`.
    pub path: String,
    pub response_type: String,
    pub body: Option<Body>,
}

/// Schema files: their operations and, per file, their models.
pub struct Schemas {
    models: BTreeMap<String, serde_json::Map<String, Value>>,
    pub operations: Vec<Operation>,
}

/// OVHcloud's official schemas, copied from `shared/ovh/schema/` into the repository so
/// a clone anywhere passes its tests (`tests/fixtures/ovh-schema/README.md`).
pub fn schema_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures").join("ovh-schema")
}

impl Schemas {
    /// Loads files of the schema directory (names without the directory).
    pub fn load(files: &[&str]) -> Schemas {
        let mut models = BTreeMap::new();
        let mut operations = Vec::new();
        for file in files {
            let text = std::fs::read_to_string(schema_dir().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
            let doc: Value = serde_json::from_str(&text).unwrap();
            models.insert(file.to_string(), doc["models"].as_object().unwrap().clone());
            for api in doc["apis"].as_array().unwrap() {
                for op in api["operations"].as_array().unwrap() {
                    let params = op["parameters"].as_array().unwrap();
                    let body_params: Vec<&Value> = params.iter().filter(|p| p["paramType"] == "body").collect();
                    let body = match body_params.as_slice() {
                        [] => None,
                        [single] if single.get("name").is_none_or(Value::is_null) => {
                            Some(Body::Model(single["dataType"].as_str().unwrap().to_string()))
                        }
                        fields => Some(Body::Fields(
                            fields
                                .iter()
                                .map(|p| {
                                    (
                                        p["name"].as_str().unwrap().to_string(),
                                        p["dataType"].as_str().unwrap().to_string(),
                                        p["required"].as_bool().unwrap_or(false),
                                    )
                                })
                                .collect(),
                        )),
                    };
                    operations.push(Operation {
                        file: file.to_string(),
                        method: op["httpMethod"].as_str().unwrap().to_string(),
                        path: api["path"].as_str().unwrap().to_string(),
                        response_type: op["responseType"].as_str().unwrap().to_string(),
                        body,
                    });
                }
            }
        }
        Schemas { models, operations }
    }

    /// The operation serving `method path`; literal segments beat `{parameters}`.
    pub fn find(&self, method: &str, path: &str) -> Option<&Operation> {
        let segments: Vec<&str> = path.split('/').collect();
        self.operations
            .iter()
            .filter(|op| op.method.eq_ignore_ascii_case(method))
            .filter_map(|op| {
                let template: Vec<&str> = op.path.split('/').collect();
                if template.len() != segments.len() {
                    return None;
                }
                let mut literal = 0;
                for (t, s) in template.iter().zip(&segments) {
                    if t.starts_with('{') && t.ends_with('}') {
                        if s.is_empty() {
                            return None;
                        }
                    } else if t == s {
                        literal += 1;
                    } else {
                        return None;
                    }
                }
                Some((literal, op))
            })
            .max_by_key(|(literal, _)| *literal)
            .map(|(_, op)| op)
    }

    /// Checks an answer against the operation's `responseType`.
    pub fn check_response(&self, op: &Operation, value: &Value) -> Result<(), Vec<String>> {
        self.check(&op.file, &op.response_type, value, Direction::Response)
    }

    /// Checks a request body against the operation's body parameter(s).
    pub fn check_request(&self, op: &Operation, value: &Value) -> Result<(), Vec<String>> {
        match &op.body {
            None => Err(vec![format!("{} {} takes no body", op.method, op.path)]),
            Some(Body::Model(model)) => self.check(&op.file, model, value, Direction::Request),
            Some(Body::Fields(fields)) => {
                let mut errors = Vec::new();
                let Some(obj) = value.as_object() else { return Err(vec!["body: an object expected".into()]) };
                for k in obj.keys() {
                    if !fields.iter().any(|(name, _, _)| name == k) {
                        errors.push(format!("body.{k}: unknown field"));
                    }
                }
                for (name, ty, required) in fields {
                    match obj.get(name) {
                        None | Some(Value::Null) if *required => errors.push(format!("body.{name}: required")),
                        None | Some(Value::Null) => {}
                        Some(v) => {
                            self.check_at(&op.file, ty, v, Direction::Request, &format!("body.{name}"), &mut errors)
                        }
                    }
                }
                if errors.is_empty() { Ok(()) } else { Err(errors) }
            }
        }
    }

    /// Checks `value` against the type `ty` of `file`.
    pub fn check(&self, file: &str, ty: &str, value: &Value, dir: Direction) -> Result<(), Vec<String>> {
        let mut errors = Vec::new();
        self.check_at(file, ty, value, dir, "$", &mut errors);
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }

    fn check_at(&self, file: &str, ty: &str, value: &Value, dir: Direction, at: &str, errors: &mut Vec<String>) {
        let mut fail = |what: &str| errors.push(format!("{at}: {what}, got {value}"));
        if let Some(inner) = ty.strip_suffix("[]") {
            match value.as_array() {
                Some(items) => {
                    for (i, item) in items.iter().enumerate() {
                        self.check_at(file, inner, item, dir, &format!("{at}[{i}]"), errors);
                    }
                }
                None => fail(&format!("an array of {inner} expected")),
            }
            return;
        }
        if let Some(inner) = ty.strip_prefix("map[string]") {
            match value.as_object() {
                Some(map) => {
                    let inner = inner.strip_prefix("[]").map(|t| format!("{t}[]")).unwrap_or(inner.to_string());
                    for (k, v) in map {
                        self.check_at(file, &inner, v, dir, &format!("{at}.{k}"), errors);
                    }
                }
                None => fail("an object (map) expected"),
            }
            return;
        }
        // `coreTypes.AccountId:string` is an alias of its base type.
        let ty = ty.rsplit_once(':').map_or(ty, |(_, base)| base);
        match ty {
            "void" => {
                if !value.is_null() {
                    fail("nothing (void) expected");
                }
            }
            "string" | "text" | "password" | "phoneNumber" | "ipBlock" | "ip" | "duration" => {
                if !value.is_string() {
                    fail("a string expected");
                } else if ty == "duration" && !value.as_str().unwrap().starts_with('P') {
                    fail("an ISO-8601 duration expected");
                }
            }
            "uuid" => {
                let ok = value.as_str().is_some_and(|s| {
                    let parts: Vec<&str> = s.split('-').collect();
                    parts.iter().map(|p| p.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
                        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_hexdigit()))
                });
                if !ok {
                    fail("a uuid expected");
                }
            }
            "long" | "int" => {
                if value.as_i64().is_none() {
                    fail("an integer expected");
                }
            }
            "double" | "float" => {
                if !value.is_number() {
                    fail("a number expected");
                }
            }
            "boolean" => {
                if !value.is_boolean() {
                    fail("a boolean expected");
                }
            }
            "datetime" => {
                if value.as_str().is_none_or(|s| OffsetDateTime::parse(s, &Rfc3339).is_err()) {
                    fail("a datetime with an offset expected");
                }
            }
            "date" => {
                let format = time::macros::format_description!("[year]-[month]-[day]");
                if !value.as_str().is_some_and(|s| s.len() == 10 && time::Date::parse(s, format).is_ok()) {
                    fail("a date YYYY-MM-DD expected");
                }
            }
            model => {
                let Some(def) = self.models.get(file).and_then(|m| m.get(model)) else {
                    fail(&format!("unknown type {model} in {file}"));
                    return;
                };
                if let Some(values) = def.get("enum").and_then(Value::as_array) {
                    if !values.contains(value) {
                        fail(&format!("one of the {model} values expected"));
                    }
                    return;
                }
                let Some(obj) = value.as_object() else {
                    fail(&format!("a {model} object expected"));
                    return;
                };
                let props = def["properties"].as_object().unwrap();
                for k in obj.keys() {
                    if !props.contains_key(k) {
                        errors.push(format!("{at}.{k}: not a field of {model}"));
                    }
                }
                for (name, prop) in props {
                    let here = format!("{at}.{name}");
                    let nullable = prop["canBeNull"].as_bool().unwrap_or(false);
                    let required = prop["required"].as_bool().unwrap_or(false);
                    let read_only = prop["readOnly"].as_bool().unwrap_or(false);
                    match (obj.get(name), dir) {
                        (Some(_), Direction::Request) if read_only => {
                            errors.push(format!("{here}: read-only, not to be sent"))
                        }
                        (None, Direction::Response) if !nullable => errors.push(format!("{here}: missing")),
                        (None, Direction::Request) if required => errors.push(format!("{here}: required")),
                        (None, _) => {}
                        (Some(Value::Null), _) if nullable && !(required && dir == Direction::Request) => {}
                        (Some(Value::Null), _) => {
                            errors.push(format!("{here}: null where {model}.{name} cannot be null"))
                        }
                        (Some(v), _) => self.check_at(file, prop["type"].as_str().unwrap(), v, dir, &here, errors),
                    }
                }
            }
        }
    }
}
