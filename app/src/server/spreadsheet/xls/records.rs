//! BIFF records as calamine's `RecordIter` (`src/xls.rs:1383-1427`) cuts the stream
//! into them.

use crate::server::spreadsheet::error::SpreadsheetError;
use std::collections::VecDeque;

pub(super) const BOF: u16 = 0x0809;
pub(super) const EOF: u16 = 0x000A;
const CONTINUE: u16 = 0x003C;
/// Far above the ~1,300 CONTINUE parts a 10 MiB shared-string table needs, far below
/// where calamine's quadratic `Vec::remove(0)` would matter.
const MAX_CONTINUES: usize = 8_192;

/// A record as calamine's `RecordIter` yields it: the CONTINUE records that follow are
/// gathered into `continues`.
pub(super) struct Record<'s> {
    pub(super) typ: u16,
    /// Offset of `data` in the stream.
    pub(super) offset: usize,
    pub(super) data: &'s [u8],
    pub(super) continues: VecDeque<&'s [u8]>,
}

pub(super) struct Records<'s> {
    stream: &'s [u8],
    offset: usize,
}

pub(super) fn records(stream: &[u8], start: usize) -> Result<Records<'_>, SpreadsheetError> {
    Ok(Records {
        stream: stream.get(start..).ok_or(SpreadsheetError::Corrupt)?,
        offset: start,
    })
}

impl<'s> Iterator for Records<'s> {
    type Item = Result<Record<'s>, SpreadsheetError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.stream.is_empty() {
            return None;
        }
        Some(self.next_record())
    }
}

impl<'s> Records<'s> {
    fn next_record(&mut self) -> Result<Record<'s>, SpreadsheetError> {
        let (typ, data) = self.take()?;
        let mut record = Record {
            typ,
            offset: self.offset - data.len(),
            data,
            continues: VecDeque::new(),
        };
        // The same strict `> 4` as calamine: a CONTINUE header that ends the stream is
        // left for the next call.
        while self.stream.len() > 4 && u16_at(self.stream, 0)? == CONTINUE {
            let (_, part) = self.take()?;
            record.continues.push_back(part);
            if record.continues.len() > MAX_CONTINUES {
                return Err(SpreadsheetError::Corrupt);
            }
        }
        Ok(record)
    }

    fn take(&mut self) -> Result<(u16, &'s [u8]), SpreadsheetError> {
        if self.stream.len() < 4 {
            return Err(SpreadsheetError::Corrupt);
        }
        let typ = u16_at(self.stream, 0)?;
        let len = u16_at(self.stream, 2)? as usize;
        let data = self
            .stream
            .get(4..4 + len)
            .ok_or(SpreadsheetError::Corrupt)?;
        self.stream = &self.stream[4 + len..];
        self.offset += 4 + len;
        Ok((typ, data))
    }
}

pub(super) fn u16_at(bytes: &[u8], at: usize) -> Result<u16, SpreadsheetError> {
    bytes
        .get(at..at + 2)
        .map(|b| u16::from_le_bytes([b[0], b[1]]))
        .ok_or(SpreadsheetError::Corrupt)
}

pub(super) fn u32_at(bytes: &[u8], at: usize) -> Result<u32, SpreadsheetError> {
    bytes
        .get(at..at + 4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .ok_or(SpreadsheetError::Corrupt)
}
