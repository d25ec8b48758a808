//! The checks each received record gets after the bundle's structure: its id, its stamps against
//! the receiver's clock, every field's JSON type, then the form's single-field rules.

use super::{fill, BundleError, Header, Lang, Msg, Record, Today};
use crate::model::hlc::{too_far_ahead, Stamp};
use crate::model::schema::valid_id;
use crate::model::usaha::UsahaForm;
use crate::model::{kinds, photo, shape_of};

/// A record as its kind's rules see it: the form it would show, each field checked. Rules across
/// fields are left out: merging field by field can combine two valid edits into a pair the form
/// would refuse (formed before planned; a latitude from one device and no longitude from
/// another), and such a record must still load; its form shows the reason when next edited.
///
/// Before the rules: the id must be one a device makes, no stamp may be too far ahead of the
/// receiver's clock, and every field this version knows must hold its kind of JSON value; a
/// photo field (`foto/<sha256>`) a photo's description the kind allows, or `false`.
pub(super) fn check(r: &Record, today: &Today) -> Result<(), BundleError> {
    const ACROSS_FIELDS: [Msg; 2] = [Msg::ErrKbliEdition, Msg::ErrCoordinate];
    if !valid_id(&r.id) {
        return Err(BundleError::BadId(r.id.to_string()));
    }
    check_clock(r, today)?;
    for (key, f) in r.fields.iter() {
        if photo::is_photo_field(key) {
            // `foto/<sha256>` (since 1.4): a photo's description, or `false` once removed.
            photo::check_field(r.kind, key, &f.value).map_err(|e| BundleError::Invalid {
                id: r.id.to_string(),
                kind: r.kind,
                field: key.to_string(),
                reason: e.text(Lang::Id),
            })?;
            continue;
        }
        let Some(shape) = shape_of(r.kind, key) else {
            continue; // a field of a newer minor version: tolerated, carried as it is
        };
        if !f.value.is_null() && !shape.fits(&f.value) {
            return Err(BundleError::Invalid {
                id: r.id.to_string(),
                kind: r.kind,
                field: key.to_string(),
                reason: fill(
                    Msg::ErrWrongShape.text(Lang::Id),
                    &[("shape", shape.label().text(Lang::Id))],
                ),
            });
        }
    }
    let reasons = match kinds::schema(r.kind) {
        Some(schema) => schema.record_errors(r, today),
        None => UsahaForm::from_record(r)
            .validate_all(today)
            .err()
            .unwrap_or_default(),
    };
    match reasons
        .into_iter()
        .find(|e| !ACROSS_FIELDS.contains(&e.msg))
    {
        None => Ok(()),
        Some(e) => Err(BundleError::Invalid {
            id: r.id.to_string(),
            kind: r.kind,
            field: e.field.to_string(),
            reason: e.text(Lang::Id),
        }),
    }
}

/// Every stamp of a record within `hlc::MAX_AHEAD_MS` of the receiver's clock: a clock takes in
/// what it receives, so one stamp in the year 2999 would carry every later edit on this device
/// past everyone's real ones. The first stamp too far ahead names its device and officer.
fn check_clock(r: &Record, today: &Today) -> Result<(), BundleError> {
    let ahead = |s: &Stamp| too_far_ahead(s.wall, today.clock_ms);
    let refuse = |s: &Stamp, officer: &str| BundleError::Ahead {
        device: s.device.to_string(),
        officer: officer.to_string(),
        wall: s.wall,
        now: today.clock_ms,
    };
    for f in r.fields.values() {
        if let Some(s) = std::iter::once(&f.stamp)
            .chain(f.replaced())
            .chain(f.settled())
            .find(|s| ahead(s))
        {
            return Err(refuse(s, &f.by));
        }
    }
    if ahead(&r.created) {
        let officer = r.fields.values().next().map_or("?", |f| &*f.by);
        return Err(refuse(&r.created, officer));
    }
    Ok(())
}

/// The file's own time, checked like its stamps (after them: a stamp names its officer).
pub(super) fn check_created(header: &Header, today: &Today) -> Result<(), BundleError> {
    if too_far_ahead(header.created_ms, today.clock_ms) {
        return Err(BundleError::Ahead {
            device: header.device.clone(),
            officer: header.officer.clone(),
            wall: header.created_ms,
            now: today.clock_ms,
        });
    }
    Ok(())
}
