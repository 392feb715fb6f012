//! CSV of a response table: UTF-8 with a byte order mark (so Excel opens it as UTF-8),
//! or Shift_JIS (CP932) for older tools, where characters the encoding lacks become 〓
//! (the geta mark, as Japanese typesetting marks a missing glyph) and are reported.

use crate::domain::aggregate::{ResponseTable, neutralise};
use encoding_rs::{EncoderResult, SHIFT_JIS};

const BOM: &[u8] = "\u{feff}".as_bytes();
/// 〓 in Shift_JIS.
const GETA: &[u8] = &[0x81, 0xAC];

/// A character Shift_JIS cannot hold, with the row (0 = headers) and column it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lost {
    pub character: char,
    pub row: usize,
    pub column: usize,
}

pub fn utf8(table: &ResponseTable) -> Vec<u8> {
    let mut bytes = BOM.to_vec();
    bytes.extend_from_slice(text(table).as_bytes());
    bytes
}

/// The table in Shift_JIS, and every character that had to be replaced.
pub fn shift_jis(table: &ResponseTable) -> (Vec<u8>, Vec<Lost>) {
    let mut bytes = Vec::new();
    let mut lost = Vec::new();
    for (row, line) in lines(table).enumerate() {
        for (column, field) in line.iter().enumerate() {
            if column > 0 {
                bytes.push(b',');
            }
            let (encoded, missing) = encode(field);
            bytes.extend_from_slice(&encoded);
            lost.extend(missing.into_iter().map(|character| Lost {
                character,
                row,
                column,
            }));
        }
        bytes.extend_from_slice(b"\r\n");
    }
    (bytes, lost)
}

/// The characters of `text` that Shift_JIS cannot hold. Nothing is kept of the
/// encoding: the summary asks this of every text of a campaign.
pub fn unmappable(text: &str) -> Vec<char> {
    let mut encoder = SHIFT_JIS.new_encoder();
    let mut buffer = [0u8; 1024];
    let mut missing = Vec::new();
    let mut rest = text;
    loop {
        let (result, read, _) =
            encoder.encode_from_utf8_without_replacement(rest, &mut buffer, true);
        rest = &rest[read..];
        match result {
            EncoderResult::InputEmpty => break,
            EncoderResult::OutputFull => {}
            EncoderResult::Unmappable(character) => missing.push(character),
        }
    }
    missing
}

/// Which characters Shift_JIS holds, learnt once per character: encoding_rs looks each
/// kanji up in its tables, and a campaign's 100,000 responses repeat the same few
/// thousand characters. Shift_JIS maps every character on its own, so a text loses
/// exactly the characters that lose alone.
#[derive(Debug, Clone)]
pub struct ShiftJisChars {
    /// One bit per character of the Basic Multilingual Plane: already tried, and held.
    tried: Vec<u64>,
    held: Vec<u64>,
}

impl Default for ShiftJisChars {
    fn default() -> Self {
        const WORDS: usize = 0x1_0000 / 64;
        Self {
            tried: vec![0; WORDS],
            held: vec![0; WORDS],
        }
    }
}

impl ShiftJisChars {
    /// The characters of `text` that Shift_JIS cannot hold, as [`unmappable`] finds them.
    pub fn unmappable(&mut self, text: &str) -> Vec<char> {
        let mut missing = Vec::new();
        for character in text.chars().filter(|c| !c.is_ascii()) {
            if !self.holds(character) {
                missing.push(character);
            }
        }
        missing
    }

    fn holds(&mut self, character: char) -> bool {
        let code = usize::try_from(u32::from(character)).unwrap_or(usize::MAX);
        let (word, bit) = (code / 64, 1u64 << (code % 64));
        let Some(tried) = self.tried.get_mut(word) else {
            // Beyond the BMP: tried each time (Shift_JIS holds none of them).
            return unmappable(character.encode_utf8(&mut [0; 4])).is_empty();
        };
        if *tried & bit == 0 {
            *tried |= bit;
            if unmappable(character.encode_utf8(&mut [0; 4])).is_empty() {
                self.held[word] |= bit;
            }
        }
        self.held[word] & bit != 0
    }
}

fn text(table: &ResponseTable) -> String {
    let mut out = String::new();
    for line in lines(table) {
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The header line, then one line per row, each field neutralised and quoted.
fn lines(table: &ResponseTable) -> impl Iterator<Item = Vec<String>> + '_ {
    let headers = table
        .headers
        .iter()
        .map(|header| quote(&neutralise(header)))
        .collect();
    std::iter::once(headers).chain(table.rows.iter().map(|row| {
        row.iter()
            .map(|cell| match cell {
                crate::domain::aggregate::Cell::Text(text) => quote(&neutralise(text)),
                other => other.as_text(),
            })
            .collect()
    }))
}

/// RFC 4180: a field with a comma, a quote or a line break is quoted, quotes doubled.
fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

fn encode(field: &str) -> (Vec<u8>, Vec<char>) {
    let mut encoder = SHIFT_JIS.new_encoder();
    let mut out = Vec::with_capacity(field.len() * 2 + 8);
    let mut missing = Vec::new();
    let mut rest = field;
    loop {
        let mut buffer = [0u8; 1024];
        let (result, read, written) =
            encoder.encode_from_utf8_without_replacement(rest, &mut buffer, true);
        out.extend_from_slice(&buffer[..written]);
        rest = &rest[read..];
        match result {
            EncoderResult::InputEmpty => break,
            EncoderResult::OutputFull => {}
            EncoderResult::Unmappable(character) => {
                out.extend_from_slice(GETA);
                missing.push(character);
            }
        }
    }
    (out, missing)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::aggregate::Cell;
    use crate::domain::aggregate::exact::Exact;

    fn table() -> ResponseTable {
        ResponseTable {
            headers: vec!["企業名".into(), "商談件数".into(), "意見".into()],
            rows: vec![vec![
                Cell::Text("株式会社𠮷野家工業".into()),
                Cell::Number(Exact::from_integer(-3)),
                Cell::Text("=HYPERLINK(\"x\"), \"引用\"\n改行".into()),
            ]],
        }
    }

    #[test]
    fn utf8_starts_with_a_bom_and_quotes_what_needs_it() {
        let bytes = utf8(&table());
        assert!(bytes.starts_with(BOM));
        let text = std::str::from_utf8(&bytes[BOM.len()..]).expect("utf-8");
        assert_eq!(
            text,
            "企業名,商談件数,意見\r\n株式会社𠮷野家工業,-3,\"'=HYPERLINK(\"\"x\"\"), \"\"引用\"\"\n改行\"\r\n"
        );
    }

    #[test]
    fn shift_jis_replaces_and_reports_what_it_cannot_hold() {
        let (bytes, lost) = shift_jis(&table());
        let (decoded, _, had_errors) = SHIFT_JIS.decode(&bytes);
        assert!(!had_errors);
        assert!(decoded.starts_with("企業名,商談件数,意見\r\n株式会社〓野家工業,-3,"));
        assert_eq!(
            lost,
            [Lost {
                character: '𠮷',
                row: 1,
                column: 0
            }]
        );
    }

    #[test]
    fn cp932_characters_survive_shift_jis() {
        // NEC and IBM extensions that plain Shift_JIS lacks: ① ㈱ 髙 﨑.
        let table = ResponseTable {
            headers: vec!["①㈱髙﨑".into()],
            rows: vec![],
        };
        let (bytes, lost) = shift_jis(&table);
        assert!(lost.is_empty(), "{lost:?}");
        assert_eq!(SHIFT_JIS.decode(&bytes).0, "①㈱髙﨑\r\n");
    }

    #[test]
    fn unmappable_characters_are_found_in_a_long_text() {
        let text = format!("{}𠮷{}", "あ".repeat(3000), "い".repeat(3000));
        assert_eq!(unmappable(&text), ['𠮷']);
        assert!(unmappable("①㈱髙﨑").is_empty());
    }

    #[test]
    fn characters_learnt_once_are_judged_as_the_whole_text_is() {
        let mut chars = ShiftJisChars::default();
        for text in [
            "株式会社𠮷野家工業",
            "①㈱髙﨑",
            "𠮷と鷗外と𩸽",
            "ascii only",
            "〜～‖",
        ] {
            assert_eq!(chars.unmappable(text), unmappable(text), "{text}");
            assert_eq!(chars.unmappable(text), unmappable(text), "{text}, again");
        }
    }

    #[test]
    fn a_long_field_is_encoded_whole() {
        let long = "あ".repeat(5000);
        let (bytes, lost) = encode(&long);
        assert!(lost.is_empty());
        assert_eq!(bytes.len(), 10_000);
    }
}
