//! XML attributes read exactly as calamine 0.38 reads them (`src/attrs.rs`, its
//! `RawAttrIter`): raw values, first match wins, no entity decoding. The pre-scans must
//! see the same repeat counts and value types as calamine, or a file could pass the
//! scan and still make calamine expand it.

use quick_xml::events::BytesStart;

/// A malformed attribute list; calamine refuses the element too.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Malformed;

/// `(key, raw value)` pairs of an element, in order.
pub(super) fn attrs<'a>(
    element: &'a BytesStart<'_>,
) -> impl Iterator<Item = Result<(&'a str, &'a str), Malformed>> + 'a {
    RawAttrs {
        raw: element.attributes_raw(),
        pos: 0,
    }
}

/// The first value of `key`, as calamine's `raw_attr`.
pub(super) fn attr<'a>(
    element: &'a BytesStart<'_>,
    key: &str,
) -> Result<Option<&'a str>, Malformed> {
    for item in attrs(element) {
        let (k, v) = item?;
        if k == key {
            return Ok(Some(v));
        }
    }
    Ok(None)
}

/// A count attribute (`uniqueCount`, a repeat): digits only, saturating, so a number too
/// large for any integer type reads as "huge" and is refused rather than ignored.
pub(super) fn count(value: &str) -> Option<u64> {
    let digits = value.strip_prefix('+').unwrap_or(value);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(digits.bytes().fold(0u64, |n, b| {
        n.saturating_mul(10).saturating_add(u64::from(b - b'0'))
    }))
}

struct RawAttrs<'a> {
    raw: &'a str,
    pos: usize,
}

impl<'a> Iterator for RawAttrs<'a> {
    type Item = Result<(&'a str, &'a str), Malformed>;

    fn next(&mut self) -> Option<Self::Item> {
        let raw = self.raw;
        let bytes = raw.as_bytes();
        let len = bytes.len();
        let mut pos = self.pos;
        while pos < len && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        if pos >= len {
            self.pos = pos;
            return None;
        }
        let key_start = pos;
        while pos < len && bytes[pos] != b'=' {
            pos += 1;
        }
        if pos >= len {
            self.pos = len;
            return Some(Err(Malformed));
        }
        let key = raw[key_start..pos].trim_ascii_end();
        pos += 1;
        while pos < len && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let quote = match bytes.get(pos) {
            Some(&q) if q == b'"' || q == b'\'' => q,
            _ => {
                self.pos = len;
                return Some(Err(Malformed));
            }
        };
        pos += 1;
        let value_start = pos;
        while pos < len && bytes[pos] != quote {
            pos += 1;
        }
        let value = &raw[value_start..pos];
        if pos < len {
            pos += 1;
        }
        self.pos = pos;
        Some(Ok((key, value)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_of_two_equal_keys_wins_as_in_calamine() {
        let element = BytesStart::from_content(r#"c a="1" b = '2' a="3""#, 1);
        assert_eq!(attr(&element, "a"), Ok(Some("1")));
        assert_eq!(attr(&element, "b"), Ok(Some("2")));
        assert_eq!(attr(&element, "z"), Ok(None));
    }

    #[test]
    fn counts_saturate_instead_of_wrapping() {
        assert_eq!(count("1048576"), Some(1_048_576));
        assert_eq!(count("99999999999999999999999"), Some(u64::MAX));
        assert_eq!(count("12a"), None);
        assert_eq!(count(""), None);
    }
}
