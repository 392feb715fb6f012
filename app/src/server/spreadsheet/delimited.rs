//! CSV (and tab-separated text) as Japanese offices save it: UTF-8 with or without a BOM,
//! UTF-16 with a BOM ("Unicode text" in Excel), or Shift_JIS / CP932 (Excel's plain
//! "CSV"). Anything else is refused instead of turned into mojibake.

use super::budget::Budget;
use super::error::SpreadsheetError;
use super::model::Sheet;
use super::sheet_builder::SheetBuilder;
use crate::domain::roster::Cell;
use encoding_rs::{EUC_JP, SHIFT_JIS, UTF_16BE, UTF_16LE};
use std::borrow::Cow;

/// A text file becomes one sheet named after the file.
pub(super) fn read(
    bytes: &[u8],
    file_name: &str,
    budget: &mut Budget<'_>,
) -> Result<Sheet, SpreadsheetError> {
    let text = decode(bytes)?;
    let delimiter = delimiter(&text, extension(file_name).as_deref());
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut sheet = SheetBuilder::new(stem(file_name));
    let mut record = csv::StringRecord::new();
    // Excel counts a blank line as a row, csv skips it: the row number is rebuilt from
    // the line breaks before each record, less those quoted inside earlier records.
    let mut breaks_before = 0u32;
    let mut quoted_breaks = 0u32;
    let mut last_start = 0usize;
    loop {
        budget.tick()?;
        let from = (reader.position().byte() as usize).min(text.len());
        let more = reader.read_record(&mut record).map_err(|error| {
            tracing::info!(%error, "spreadsheet: unreadable csv");
            SpreadsheetError::Corrupt
        })?;
        if !more {
            break;
        }
        // csv may stop between the `\r` and `\n` of a line end, and counts the blank lines
        // before a record as part of it: the record's content starts after them.
        let start = from
            + text.as_bytes()[from..]
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
        breaks_before += line_breaks(&text[last_start..start]);
        last_start = start;
        let row = breaks_before.saturating_sub(quoted_breaks);
        for (column, field) in record.iter().enumerate() {
            quoted_breaks += line_breaks(field);
            let cell = if field.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(field.to_owned())
            };
            let column = u32::try_from(column).unwrap_or(u32::MAX);
            sheet.put(row, column, cell, budget)?;
        }
    }
    Ok(sheet.finish())
}

/// UTF-8 (BOM or not) first, UTF-16 only with its BOM, then Shift_JIS.
fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, SpreadsheetError> {
    let text: Cow<'_, str> = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Cow::Borrowed(std::str::from_utf8(rest).map_err(|_| SpreadsheetError::UnknownEncoding)?)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        strict(UTF_16LE.decode_without_bom_handling_and_without_replacement(rest))?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        strict(UTF_16BE.decode_without_bom_handling_and_without_replacement(rest))?
    } else if bytes.contains(&0) {
        // Text never holds NUL; UTF-16 without a BOM and binary files do.
        return Err(SpreadsheetError::UnknownEncoding);
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        Cow::Borrowed(text)
    } else {
        let text = strict(SHIFT_JIS.decode_without_bom_handling_and_without_replacement(bytes))?;
        if looks_like_euc_jp(bytes, &text) {
            return Err(SpreadsheetError::UnknownEncoding);
        }
        text
    };
    // Control characters other than tab and line breaks mean a binary file that happened
    // to decode (a trailing Ctrl-Z is an old DOS end-of-file marker).
    let body = text.strip_suffix('\u{1A}').unwrap_or(&text);
    if body
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        return Err(SpreadsheetError::UnknownEncoding);
    }
    Ok(text)
}

fn strict(decoded: Option<Cow<'_, str>>) -> Result<Cow<'_, str>, SpreadsheetError> {
    decoded.ok_or(SpreadsheetError::UnknownEncoding)
}

/// EUC-JP kanji and kana bytes (0xA1–0xFE pairs) are mostly valid Shift_JIS too, where
/// they read as half-width katakana. A file that is valid EUC-JP and reads as half-width
/// katakana in Shift_JIS is taken for EUC-JP. (A Shift_JIS file of nothing but half-width
/// katakana and ASCII could be refused by this; real rosters have kanji, whose Shift_JIS
/// lead bytes 0x81–0x9F are invalid in EUC-JP.)
fn looks_like_euc_jp(bytes: &[u8], shift_jis: &str) -> bool {
    let half_width_kana = shift_jis
        .chars()
        .any(|c| ('\u{FF61}'..='\u{FF9F}').contains(&c));
    half_width_kana
        && EUC_JP
            .decode_without_bom_handling_and_without_replacement(bytes)
            .is_some()
}

/// `\r\n`, `\n` and a lone `\r` each end a line, as in csv.
fn line_breaks(text: &str) -> u32 {
    let bytes = text.as_bytes();
    let mut count = 0u32;
    for (i, byte) in bytes.iter().enumerate() {
        match byte {
            b'\n' => count += 1,
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => count += 1,
            _ => {}
        }
    }
    count
}

/// Tab for .tsv, and for a .txt whose first line has tabs but no commas (Excel's
/// "Unicode text"); comma otherwise.
fn delimiter(text: &str, extension: Option<&str>) -> u8 {
    let first_line = text.lines().next().unwrap_or_default();
    match extension {
        Some("tsv") => b'\t',
        Some("txt") if first_line.contains('\t') && !first_line.contains(',') => b'\t',
        _ => b',',
    }
}

/// The lower-case extension of an uploaded file's name.
pub(super) fn extension(file_name: &str) -> Option<String> {
    let base = base_name(file_name);
    let (_, extension) = base.rsplit_once('.')?;
    Some(extension.to_ascii_lowercase())
}

/// The name without folders (browsers may send `C:\fakepath\名簿.csv`) and extension.
fn stem(file_name: &str) -> &str {
    let base = base_name(file_name);
    match base.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => base,
    }
}

fn base_name(file_name: &str) -> &str {
    file_name.rsplit(['/', '\\']).next().unwrap_or(file_name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::spreadsheet::Limits;

    fn read_csv(bytes: &[u8]) -> Result<Sheet, SpreadsheetError> {
        let limits = Limits::default();
        read(bytes, "名簿.csv", &mut Budget::new(&limits, None))
    }

    fn texts(sheet: &Sheet) -> Vec<(u32, Vec<String>)> {
        sheet
            .rows
            .iter()
            .map(|row| (row.number, row.cells.iter().map(Cell::as_text).collect()))
            .collect()
    }

    #[test]
    fn blank_lines_and_quoted_line_breaks_keep_excel_row_numbers() {
        let sheet = read_csv(b"a,b\r\n\r\n\"x\r\ny\",z\r\nlast,\r\n").expect("valid csv");
        assert_eq!(
            texts(&sheet),
            vec![
                (1, vec!["a".into(), "b".into()]),
                (3, vec!["x\r\ny".into(), "z".into()]),
                (4, vec!["last".into()]),
            ]
        );
    }

    #[test]
    fn leading_blank_lines_count_as_rows() {
        let sheet = read_csv(b"\n\nheader\n").expect("valid csv");
        assert_eq!(texts(&sheet), vec![(3, vec!["header".into()])]);
    }

    #[test]
    fn shift_jis_is_detected_and_decoded() {
        let (bytes, _, _) = SHIFT_JIS.encode("企業名,電話番号\n株式会社テスト,0270-12-3456\n");
        let sheet = read_csv(&bytes).expect("shift_jis csv");
        assert_eq!(texts(&sheet)[1].1[0], "株式会社テスト");
    }

    #[test]
    fn utf16_with_a_bom_is_read_and_without_one_refused() {
        let mut with_bom = vec![0xFF, 0xFE];
        with_bom.extend(
            "名前\t電話\n山田\t1\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        let limits = Limits::default();
        let sheet = read(&with_bom, "list.txt", &mut Budget::new(&limits, None)).expect("utf-16");
        assert_eq!(texts(&sheet)[1].1, vec!["山田".to_string(), "1".into()]);
        assert_eq!(
            read_csv(&with_bom[2..]).err(),
            Some(SpreadsheetError::UnknownEncoding)
        );
    }

    #[test]
    fn euc_jp_is_refused_rather_than_read_as_mojibake() {
        let (bytes, _, _) = EUC_JP.encode("山田太郎,伊勢崎市\n鈴木花子,前橋市\n");
        assert_eq!(
            read_csv(&bytes).err(),
            Some(SpreadsheetError::UnknownEncoding)
        );
    }

    #[test]
    fn binary_bytes_are_refused() {
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        assert_eq!(
            read_csv(&noise).err(),
            Some(SpreadsheetError::UnknownEncoding)
        );
        assert_eq!(
            read_csv(b"a,b\x01c\n").err(),
            Some(SpreadsheetError::UnknownEncoding)
        );
    }

    #[test]
    fn file_names_give_sheet_names_and_extensions() {
        assert_eq!(stem("C:\\fakepath\\名簿 2026.csv"), "名簿 2026");
        assert_eq!(stem("/tmp/roster"), "roster");
        assert_eq!(extension("ROSTER.CSV").as_deref(), Some("csv"));
        assert_eq!(extension("roster"), None);
    }
}
