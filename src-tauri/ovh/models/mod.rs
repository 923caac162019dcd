//! Typed wire models, named after OVHcloud's schemas (`shared/ovh/schema/*.json`).
//!
//! One struct covers each object across model generations — EU 2026 `*Native` and the
//! CA/US classic models — because their JSON agrees on the shared fields; fields only
//! one generation has are `Option` or defaulted. Unknown fields are ignored, and every
//! enum has an `Other(String)` variant, so a value OVHcloud adds later never makes a
//! whole list fail to parse.

mod auth;
mod catalog;
mod common;
mod office;
mod order;
mod prepaid;

pub use auth::*;
pub use catalog::*;
pub use common::*;
pub use office::*;
pub use order::*;
pub use prepaid::*;

/// Declares a wire enum with a fallback `Other(String)` variant for values added later.
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value this client does not know yet, kept verbatim.
            Other(String),
        }

        impl $name {
            /// The value as OVHcloud writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)+
                    $name::Other(s) => s,
                }
            }

            pub fn parse(s: &str) -> $name {
                match s {
                    $($wire => $name::$variant,)+
                    other => $name::Other(other.to_string()),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<$name, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                Ok($name::parse(&s))
            }
        }
    };
}
pub(crate) use wire_enum;

/// `date` values: `2025-02-12`.
pub mod date_format {
    time::serde::format_description!(pub date, Date, "[year]-[month]-[day]");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_enum_values_do_not_break_a_list() {
        let users: Vec<OfficeUser> = serde_json::from_value(serde_json::json!([
            {"activationEmail":"a@x.o365.ovh.com","firstName":"A","lastName":"B","licences":["officeBusiness"],
             "status":"ok","taskPendingId":0,"isVirtual":false,"deleteAtExpiration":false,"usageLocation":"fr"},
            {"activationEmail":"b@x.o365.ovh.com","firstName":"C","lastName":"D","licences":["copilotPro"],
             "status":"migrating","taskPendingId":3,"isVirtual":false,"deleteAtExpiration":false,"brandNewField":1}
        ]))
        .unwrap();
        assert_eq!(users[0].licences, vec![LicenceKind::OfficeBusiness]);
        assert_eq!(users[1].licences, vec![LicenceKind::Other("copilotPro".into())]);
        assert_eq!(users[1].status, UserState::Other("migrating".into()));
        assert_eq!(users[1].usage_location, None, "classic CA users may lack usageLocation");
        assert_eq!(serde_json::to_value(&users[1].status).unwrap(), "migrating");
    }

    #[test]
    fn tasks_read_both_generations() {
        let task: Task = serde_json::from_value(serde_json::json!({
            "id": 581553, "function": "deleteOffice365UserPaygNCE", "status": "todo",
            "todoDate": "2025-01-09T11:20:52+01:00", "finishDate": null
        }))
        .unwrap();
        assert_eq!(task.status, TaskStatus::Todo);
        assert!(!task.status.is_finished());
        assert_eq!(task.todo_date.offset().whole_hours(), 1);
    }

    #[test]
    fn statistics_dates_parse() {
        let stats: Vec<Statistics> = serde_json::from_value(serde_json::json!([
            {"date":"2025-02-12","lines":[{"licenceType":"officeBusiness","endOfDayCount":3,"peakCount":3}]}
        ]))
        .unwrap();
        assert_eq!(stats[0].date, time::macros::date!(2025 - 02 - 12));
        assert_eq!(serde_json::to_value(&stats[0]).unwrap()["date"], "2025-02-12");
    }

    #[test]
    fn change_password_never_prints_the_password() {
        let body = ChangePassword {
            password: Some(crate::secret::Secret::new("S3cret!pw")),
            should_send_mail: true,
            notify_email: Some("admin@example.com".into()),
        };
        assert!(!format!("{body:?}").contains("S3cret"));
        let json = serde_json::to_string(&body).unwrap();
        assert_eq!(json, r#"{"password":"S3cret!pw","shouldSendMail":true,"notifyEmail":"admin@example.com"}"#);
    }
}
