//! Masking personal data (UU 27/2022): lists and exports show phone numbers and NIKs masked
//! unless the officer asks for them.

/// Keeps the first 4 and last 3 digits: "0812-3456-7890" → "0812•••••890".
pub fn mask_phone(phone: &str) -> String {
    mask_digits(phone, 4, 3)
}

/// Keeps the region part (6 digits) and the last 2: "3529014501900001" → "352901••••••••01".
pub fn mask_nik(nik: &str) -> String {
    mask_digits(nik, 6, 2)
}

fn mask_digits(text: &str, keep_start: usize, keep_end: usize) -> String {
    let digits: Vec<char> = text.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return String::new();
    }
    if digits.len() <= keep_start + keep_end {
        return "•".repeat(digits.len());
    }
    let hidden = digits.len() - keep_start - keep_end;
    digits[..keep_start]
        .iter()
        .chain(std::iter::repeat_n(&'•', hidden))
        .chain(&digits[digits.len() - keep_end..])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_and_niks_are_masked() {
        assert_eq!(mask_phone("0812-3456-7890"), "0812•••••890");
        assert_eq!(mask_phone("+62 812 3456 7890"), "6281••••••890");
        assert_eq!(
            mask_phone("0812345"),
            "•••••••",
            "too short to show any part"
        );
        assert_eq!(mask_phone(""), "");
        assert_eq!(mask_nik("3529014501900001"), "352901••••••••01");
        assert!(
            !mask_nik("3529014501900001").contains("450190"),
            "birth date hidden"
        );
    }
}
