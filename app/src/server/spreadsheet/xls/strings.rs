//! The sizes of the strings calamine decodes from BIFF, computed without decoding them.

use super::records::{Record, u16_at};
use crate::server::spreadsheet::budget::Budget;
use crate::server::spreadsheet::error::SpreadsheetError;
use std::collections::VecDeque;

/// How strings are decoded: precise sizes for UTF-16 (every BIFF8 file Excel writes),
/// an upper bound of 4 bytes of UTF-8 per stored byte for legacy code pages.
#[derive(Clone, Copy)]
pub(super) enum Encoding {
    Utf16,
    Legacy { codepage: u16 },
}

/// The UTF-8 size bound of each string of an SST record, walking it as calamine's
/// `parse_sst` / `read_rich_extended_string` / `read_dbcs` do.
pub(super) fn shared_string_sizes(
    record: Record<'_>,
    encoding: Encoding,
    budget: &mut Budget<'_>,
) -> Result<Vec<u64>, SpreadsheetError> {
    let limit = budget.limits().max_shared_strings;
    let mut cursor = RecordCursor {
        data: record.data.get(8..).ok_or(SpreadsheetError::Corrupt)?,
        continues: record.continues,
    };
    let mut sizes = Vec::new();
    while !cursor.data.is_empty() || cursor.next_part() {
        budget.tick()?;
        if sizes.len() >= limit {
            return Err(SpreadsheetError::TooManyStrings { limit });
        }
        sizes.push(cursor.rich_string_size(encoding)?);
    }
    Ok(sizes)
}

struct RecordCursor<'s> {
    data: &'s [u8],
    continues: VecDeque<&'s [u8]>,
}

impl RecordCursor<'_> {
    fn next_part(&mut self) -> bool {
        match self.continues.pop_front() {
            Some(part) => {
                self.data = part;
                true
            }
            None => false,
        }
    }

    fn advance(&mut self, n: usize) -> Result<(), SpreadsheetError> {
        self.data = self.data.get(n..).ok_or(SpreadsheetError::Corrupt)?;
        Ok(())
    }

    fn skip(&mut self, mut len: usize) -> Result<(), SpreadsheetError> {
        while len > 0 {
            if self.data.is_empty() && !self.next_part() {
                return Err(SpreadsheetError::Corrupt);
            }
            let n = len.min(self.data.len());
            self.advance(n)?;
            len -= n;
        }
        Ok(())
    }

    fn rich_string_size(&mut self, encoding: Encoding) -> Result<u64, SpreadsheetError> {
        if self.data.is_empty() {
            return Ok(0);
        }
        let mut chars = u16_at(self.data, 0)? as usize;
        let flags = *self.data.get(2).ok_or(SpreadsheetError::Corrupt)?;
        self.advance(3)?;
        let mut high_byte = flags & 0x1 != 0;
        let mut runs = 0usize;
        let mut extension = 0usize;
        if flags & 0x8 != 0 {
            runs = u16_at(self.data, 0)? as usize;
            self.advance(2)?;
        }
        if flags & 0x4 != 0 {
            // calamine reads an i32 and casts it: a negative size skips "forever" and fails.
            extension = i32::from_le_bytes(
                self.data
                    .get(..4)
                    .and_then(|b| b.try_into().ok())
                    .ok_or(SpreadsheetError::Corrupt)?,
            ) as usize;
            self.advance(4)?;
        }
        let mut size: u64 = 0;
        while chars > 0 {
            let (taken, used) = if high_byte {
                let taken = (self.data.len() / 2).min(chars);
                (taken, taken * 2)
            } else {
                let taken = self.data.len().min(chars);
                (taken, taken)
            };
            size = size.saturating_add(utf8_size(&self.data[..used], high_byte, encoding));
            self.advance(used)?;
            chars -= taken;
            if chars > 0 {
                if !self.next_part() {
                    return Err(SpreadsheetError::Corrupt);
                }
                high_byte = *self.data.first().ok_or(SpreadsheetError::Corrupt)? & 0x1 != 0;
                self.advance(1)?;
            }
        }
        self.skip(runs * 4)?;
        self.skip(extension)?;
        Ok(size)
    }
}

/// Bytes of UTF-8 that calamine's `XlsEncoding::decode_to` produces from `bytes`.
fn utf8_size(bytes: &[u8], high_byte: bool, encoding: Encoding) -> u64 {
    match encoding {
        Encoding::Utf16 if !high_byte => bytes.iter().map(|b| if *b < 0x80 { 1 } else { 2 }).sum(),
        // `Encoding::decode` sniffs a BOM: EF BB BF switches to UTF-8, up to 3 bytes each.
        Encoding::Utf16 if bytes.starts_with(&[0xEF, 0xBB]) => 3 * bytes.len() as u64,
        Encoding::Utf16 => bytes
            .chunks_exact(2)
            .map(|unit| match u16::from_le_bytes([unit[0], unit[1]]) {
                0..0x80 => 1,
                0x80..0x800 => 2,
                _ => 3,
            })
            .sum(),
        Encoding::Legacy { .. } => 4 * bytes.len() as u64,
    }
}

/// The sheet's name from its BoundSheet8 record, for messages only.
pub(super) fn sheet_name(data: &[u8], encoding: Encoding, biff8: bool) -> String {
    let Some(&chars) = data.get(6) else {
        return String::new();
    };
    let chars = chars as usize;
    let (high_byte, text) = if biff8 {
        let flags = data.get(7).copied().unwrap_or(0);
        (flags & 0x1 != 0, data.get(8..).unwrap_or_default())
    } else {
        (false, data.get(7..).unwrap_or_default())
    };
    if high_byte {
        let bytes = text.get(..2 * chars).unwrap_or(text);
        return encoding_rs::UTF_16LE
            .decode_without_bom_handling(bytes)
            .0
            .into_owned();
    }
    let bytes = text.get(..chars).unwrap_or(text);
    let legacy = match encoding {
        Encoding::Legacy { codepage: 932 } => encoding_rs::SHIFT_JIS,
        _ => encoding_rs::WINDOWS_1252,
    };
    legacy.decode_without_bom_handling(bytes).0.into_owned()
}
