//! One field's text, as the form holds it, into the value a record stores (or the reason it is
//! refused), by the field's type.

use super::*;

/// One non-empty field's text to its stored value.
pub(super) fn parse(spec: &FieldSpec, raw: &str, today: &Today) -> Result<Value, FieldError> {
    let key = spec.key;
    let too_long = |max: usize| FieldError {
        field: key,
        msg: Msg::ErrTooLong,
        args: vec![("max", max.to_string())],
    };
    let number = |parsed: Result<Option<u64>, Msg>| {
        parsed
            .map(|n| n.map_or(Value::Null, |n| json!(n)))
            .map_err(|m| err(key, m))
    };
    match spec.ty {
        Ty::Text(max) => {
            if raw.chars().count() > max {
                Err(too_long(max))
            } else {
                Ok(json!(raw))
            }
        }
        Ty::Komoditas => {
            if raw.chars().count() > 200 {
                Err(too_long(200))
            } else {
                Ok(json!(raw))
            }
        }
        Ty::Note => {
            if raw.chars().count() > 5000 {
                Err(too_long(5000))
            } else {
                Ok(json!(raw))
            }
        }
        Ty::Phone if valid_phone(raw) => Ok(json!(raw)),
        Ty::Phone => Err(err(key, Msg::ErrPhone)),
        Ty::Choice(options) if options.iter().any(|c| c.key == raw) => Ok(json!(raw)),
        Ty::Choice(_) => Err(err(key, Msg::ErrChoice)),
        Ty::Flags(options) => {
            let chosen = split_list(raw);
            if chosen.iter().all(|k| options.iter().any(|c| c.key == *k)) {
                // Stored in the options' order, so the same choice is always the same value.
                Ok(json!(options
                    .iter()
                    .filter(|c| chosen.contains(&c.key))
                    .map(|c| c.key)
                    .collect::<Vec<_>>()))
            } else {
                Err(err(key, Msg::ErrChoice))
            }
        }
        Ty::YesNo => match raw {
            "ya" => Ok(json!(true)),
            "tidak" => Ok(json!(false)),
            _ => Err(err(key, Msg::ErrChoice)),
        },
        Ty::Rupiah => number(rupiah(raw)),
        Ty::Count => number(whole_number(raw, 0, 10_000_000).map_err(|_| Msg::ErrCount)),
        Ty::Year { ahead } => {
            let max = today.year + ahead;
            whole_number(raw, 1900, max as u64)
                .map(|n| n.map_or(Value::Null, |n| json!(n)))
                .map_err(|_| FieldError {
                    field: key,
                    msg: Msg::ErrYear,
                    args: vec![("max", max.to_string())],
                })
        }
        Ty::Date { future } => {
            let limit = if future {
                Today {
                    year: today.year + 5,
                    iso: format!("{}-12-31", today.year + 5),
                    clock_ms: today.clock_ms,
                }
            } else {
                today.clone()
            };
            if plausible_date(raw, &limit) {
                Ok(json!(raw))
            } else {
                Err(FieldError {
                    field: key,
                    msg: if future {
                        Msg::ErrDatePlanned
                    } else {
                        Msg::ErrDate
                    },
                    args: vec![],
                })
            }
        }
        Ty::Hectare => hectares(raw)
            .map(|v| v.map_or(Value::Null, |v| json!(v)))
            .map_err(|m| err(key, m)),
        Ty::Desa if is_code(raw, 4) => Ok(json!(raw)),
        Ty::Desa => Err(err(key, Msg::ErrDesaCode)),
        Ty::Kecamatan if is_code(raw, 3) => Ok(json!(raw)),
        Ty::Kabupaten if is_code(raw, 2) => Ok(json!(raw)),
        Ty::Kecamatan | Ty::Kabupaten => Err(err(key, Msg::ErrRegionCode)),
        Ty::Link(_) if valid_id(raw) => Ok(json!(raw)),
        Ty::Links(_) if split_list(raw).into_iter().all(valid_id) => {
            let mut ids: Vec<&str> = split_list(raw);
            let mut seen = std::collections::BTreeSet::new();
            ids.retain(|id| seen.insert(*id));
            Ok(json!(ids))
        }
        Ty::Link(_) | Ty::Links(_) => Err(err(key, Msg::ErrPickRequired)),
        Ty::Gps => unreachable!("checked with its pair above"),
    }
}

pub(super) fn non_null(values: &[(&'static str, Value)]) -> Values {
    values
        .iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}
