//! The officer profile: who is working on this device. Later issues stamp every change with the
//! officer's name and the device id, so the id is made once and never changes.

use crate::i18n::Msg;
use crate::model::FieldError;
use serde::{Deserialize, Serialize};

pub const NAME_MAX: usize = 100;
pub const OFFICE_MAX: usize = 120;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub name: String,
    /// The office's name as the officer writes it ("Disperindag Provinsi Bengkulu"); its area
    /// (a province or a kabupaten/kota) is the working area, kept with the settings.
    pub office: String,
    /// Made on the device at first start (a random UUID), kept for good.
    pub device_id: String,
}

impl Profile {
    /// Applies what the officer typed, trimmed. Returns every reason it cannot be saved; on error
    /// `self` is unchanged.
    pub fn update(&mut self, name: &str, office: &str) -> Result<(), Vec<FieldError>> {
        let name = name.trim();
        let office = office.trim();
        let mut errors = Vec::new();
        check_text("name", name, NAME_MAX, Msg::ErrNameRequired, &mut errors);
        check_text(
            "office",
            office,
            OFFICE_MAX,
            Msg::ErrOfficeRequired,
            &mut errors,
        );
        if !errors.is_empty() {
            return Err(errors);
        }
        self.name = name.to_string();
        self.office = office.to_string();
        Ok(())
    }

    /// True once the officer has filled in who they are.
    pub fn is_complete(&self) -> bool {
        !self.name.is_empty() && !self.office.is_empty()
    }
}

fn check_text(
    field: &'static str,
    value: &str,
    max: usize,
    required: Msg,
    errors: &mut Vec<FieldError>,
) {
    if value.is_empty() {
        errors.push(FieldError {
            field,
            msg: required,
            args: vec![],
        });
    } else if value.chars().count() > max {
        errors.push(FieldError {
            field,
            msg: Msg::ErrTooLong,
            args: vec![("max", max.to_string())],
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile() -> Profile {
        Profile {
            device_id: "dev-1".into(),
            ..Profile::default()
        }
    }

    #[test]
    fn valid_input_is_trimmed_and_saved() {
        let mut p = profile();
        assert!(!p.is_complete());
        p.update("  Siti Rahma ", " Kabupaten Sumenep").unwrap();
        assert_eq!(p.name, "Siti Rahma");
        assert_eq!(p.office, "Kabupaten Sumenep");
        assert_eq!(p.device_id, "dev-1");
        assert!(p.is_complete());
    }

    #[test]
    fn every_reason_is_reported_and_nothing_changes() {
        let mut p = profile();
        p.update("Siti", "Sumenep").unwrap();
        let errors = p.update("   ", "").unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| (e.field, e.msg)).collect();
        assert_eq!(
            fields,
            vec![
                ("name", Msg::ErrNameRequired),
                ("office", Msg::ErrOfficeRequired)
            ]
        );
        assert_eq!((p.name.as_str(), p.office.as_str()), ("Siti", "Sumenep"));
    }

    #[test]
    fn length_limit_counts_characters_at_its_boundary() {
        let mut p = profile();
        // Multi-byte characters count once each.
        let at_limit = "é".repeat(NAME_MAX);
        assert!(p.update(&at_limit, "Sumenep").is_ok());
        let over = "é".repeat(NAME_MAX + 1);
        let errors = p.update(&over, &"x".repeat(OFFICE_MAX + 1)).unwrap_err();
        assert_eq!(errors.len(), 2);
        assert!(errors.iter().all(|e| e.msg == Msg::ErrTooLong));
        assert_eq!(errors[0].args, vec![("max", NAME_MAX.to_string())]);
        assert_eq!(errors[1].args, vec![("max", OFFICE_MAX.to_string())]);
    }

    #[test]
    fn hostile_text_is_kept_as_text() {
        let mut p = profile();
        p.update("<script>alert(1)</script> \u{202E}👩‍🌾", "Sumenep")
            .unwrap();
        assert_eq!(p.name, "<script>alert(1)</script> \u{202E}👩‍🌾");
    }
}
