//! OLE2 compound files (the container of .xls, and of password-protected .xlsx).
//!
//! calamine 0.38's own reader (`src/cfb.rs`) trusts the file: a FAT chain that loops
//! back on itself makes `Sectors::get_chain` append sectors until memory runs out
//! (the directory chain is read with no length bound at all), and a DIFAT listing the
//! same FAT sector thousands of times multiplies the FAT. This module reads the
//! container the same way calamine does — same header fields, same DIFAT walk, same
//! chains, same "mini stream below 4,096 bytes" rule — but refuses every chain longer
//! than the file has sectors and every sector that lies outside the file. A file that
//! passes is one calamine reads with bounded work and exactly the bytes seen here.

use super::error::SpreadsheetError;

pub(super) const SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

const HEADER_LEN: usize = 512;
const DIRECTORY_ENTRY_LEN: usize = 128;
const MINI_SECTOR_LEN: usize = 64;
/// calamine stores streams shorter than this in the mini stream.
const MINI_STREAM_CUTOFF: usize = 4_096;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const DIFAT_SECTOR: u32 = 0xFFFF_FFFC;
const RESERVED_SECTORS: u32 = 0xFFFF_FFFA;

/// A directory entry: what calamine's `Directory::from_slice` keeps.
#[derive(Debug, Clone)]
struct Entry {
    name: String,
    start: u32,
    len: u64,
}

/// A stream's bytes and, for each byte, where it lies in the file (so the caller can
/// patch the file calamine will read).
pub(super) struct Stream {
    pub(super) bytes: Vec<u8>,
    file_offsets: Vec<usize>,
}

impl Stream {
    /// The file offset of the stream's byte at `offset`.
    pub(super) fn file_offset(&self, offset: usize) -> Option<usize> {
        self.file_offsets.get(offset).copied()
    }
}

pub(super) struct CompoundFile<'a> {
    bytes: &'a [u8],
    sector_len: usize,
    /// Sectors wholly inside the file; calamine would zero-fill the others, we refuse them.
    sector_count: usize,
    fat: Vec<u32>,
    entries: Vec<Entry>,
    mini_fat: Vec<u32>,
    /// The root entry's stream, with the file offset of each of its bytes.
    mini_stream: Stream,
}

impl<'a> CompoundFile<'a> {
    pub(super) fn parse(bytes: &'a [u8]) -> Result<Self, SpreadsheetError> {
        let header = bytes.get(..HEADER_LEN).ok_or(SpreadsheetError::Corrupt)?;
        if header[..8] != SIGNATURE {
            return Err(SpreadsheetError::NotASpreadsheet);
        }
        let version = u16_at(header, 26)?;
        let sector_len = match u16_at(header, 30)? {
            0x0009 => 512,
            0x000C => 4_096,
            _ => return Err(SpreadsheetError::Corrupt),
        };
        if u16_at(header, 32)? != 0x0006 {
            return Err(SpreadsheetError::Corrupt);
        }
        // Sector 0 starts right after the header sector (calamine reads the rest of a
        // 4,096-byte header before its first sector).
        let sector_count = bytes.len().saturating_sub(sector_len) / sector_len;
        let mut file = CompoundFile {
            bytes,
            sector_len,
            sector_count,
            fat: Vec::new(),
            entries: Vec::new(),
            mini_fat: Vec::new(),
            mini_stream: Stream {
                bytes: Vec::new(),
                file_offsets: Vec::new(),
            },
        };
        let mut difat: Vec<u32> = u32s(&header[76..HEADER_LEN]).collect();
        let mut difat_sector = u32_at(header, 68)?;
        let mut difat_sectors = 0usize;
        while difat_sector < RESERVED_SECTORS {
            difat_sectors += 1;
            if difat_sectors > sector_count {
                return Err(SpreadsheetError::Corrupt);
            }
            difat.extend(u32s(file.sector(difat_sector)?));
            difat_sector = difat.pop().ok_or(SpreadsheetError::Corrupt)?;
        }
        let fat_sectors: Vec<u32> = difat.into_iter().filter(|id| *id < DIFAT_SECTOR).collect();
        // A FAT cannot need more sectors than the file has; calamine would read them all.
        if fat_sectors.len() > sector_count {
            return Err(SpreadsheetError::Corrupt);
        }
        let mut fat = Vec::with_capacity(fat_sectors.len() * sector_len / 4);
        for id in fat_sectors {
            fat.extend(u32s(file.sector(id)?));
        }
        file.fat = fat;

        let directory = file.chain(u32_at(header, 48)?, u64::MAX)?;
        file.entries = directory
            .bytes
            .chunks_exact(DIRECTORY_ENTRY_LEN)
            .map(|raw| entry(raw, sector_len))
            .collect::<Result<_, _>>()?;
        let root = file
            .entries
            .first()
            .ok_or(SpreadsheetError::Corrupt)?
            .clone();
        if version != 3 && root.start == END_OF_CHAIN {
            return Err(SpreadsheetError::Corrupt);
        }
        let mini_fat_sectors = u32_at(header, 64)? as u64;
        if mini_fat_sectors > 0 {
            file.mini_stream = file.chain(root.start, root.len)?;
            let mini_fat = file.chain(
                u32_at(header, 60)?,
                mini_fat_sectors.saturating_mul(sector_len as u64),
            )?;
            file.mini_fat = u32s(&mini_fat.bytes).collect();
        }
        Ok(file)
    }

    /// True if some entry has this name (ASCII case ignored, as calamine compares).
    pub(super) fn has(&self, name: &str) -> bool {
        self.entry(name).is_some()
    }

    /// The named stream, read as calamine's `Cfb::get_stream` reads it.
    pub(super) fn stream(&self, name: &str) -> Result<Stream, SpreadsheetError> {
        let entry = self.entry(name).ok_or(SpreadsheetError::Corrupt)?;
        if entry.len < MINI_STREAM_CUTOFF as u64 {
            self.mini_chain(entry.start, entry.len)
        } else {
            self.chain(entry.start, entry.len)
        }
    }

    fn entry(&self, name: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|entry| entry.name.as_bytes().eq_ignore_ascii_case(name.as_bytes()))
    }

    fn sector(&self, id: u32) -> Result<&'a [u8], SpreadsheetError> {
        let id = id as usize;
        if id >= self.sector_count {
            return Err(SpreadsheetError::Corrupt);
        }
        let start = self.sector_len + id * self.sector_len;
        self.bytes
            .get(start..start + self.sector_len)
            .ok_or(SpreadsheetError::Corrupt)
    }

    /// Follows a FAT chain like calamine's `Sectors::get_chain`, but never for more steps
    /// than the file has sectors: a longer chain loops.
    fn chain(&self, mut id: u32, len: u64) -> Result<Stream, SpreadsheetError> {
        let mut stream = Stream {
            bytes: Vec::new(),
            file_offsets: Vec::new(),
        };
        let mut steps = 0usize;
        while id != END_OF_CHAIN {
            steps += 1;
            if steps > self.sector_count {
                return Err(SpreadsheetError::Corrupt);
            }
            let sector = self.sector(id)?;
            let start = self.sector_len + id as usize * self.sector_len;
            let remaining = len.saturating_sub(stream.bytes.len() as u64);
            let take = sector
                .len()
                .min(usize::try_from(remaining).unwrap_or(usize::MAX));
            stream.bytes.extend_from_slice(&sector[..take]);
            stream.file_offsets.extend(start..start + take);
            if stream.bytes.len() as u64 >= len {
                break;
            }
            id = *self.fat.get(id as usize).ok_or(SpreadsheetError::Corrupt)?;
        }
        Ok(stream)
    }

    /// The same walk over the mini FAT, inside the mini stream. calamine reads a mini
    /// sector beyond the mini stream from wherever its file cursor happens to be, so such
    /// a sector is refused rather than guessed.
    fn mini_chain(&self, mut id: u32, len: u64) -> Result<Stream, SpreadsheetError> {
        let mut stream = Stream {
            bytes: Vec::new(),
            file_offsets: Vec::new(),
        };
        let max_steps = self.mini_stream.bytes.len() / MINI_SECTOR_LEN;
        let mut steps = 0usize;
        while id != END_OF_CHAIN {
            steps += 1;
            if steps > max_steps {
                return Err(SpreadsheetError::Corrupt);
            }
            let start = id as usize * MINI_SECTOR_LEN;
            let sector = self
                .mini_stream
                .bytes
                .get(start..start + MINI_SECTOR_LEN)
                .ok_or(SpreadsheetError::Corrupt)?;
            let remaining = len.saturating_sub(stream.bytes.len() as u64);
            let take = sector
                .len()
                .min(usize::try_from(remaining).unwrap_or(usize::MAX));
            stream.bytes.extend_from_slice(&sector[..take]);
            stream
                .file_offsets
                .extend_from_slice(&self.mini_stream.file_offsets[start..start + take]);
            if stream.bytes.len() as u64 >= len {
                break;
            }
            id = *self
                .mini_fat
                .get(id as usize)
                .ok_or(SpreadsheetError::Corrupt)?;
        }
        Ok(stream)
    }
}

fn entry(raw: &[u8], sector_len: usize) -> Result<Entry, SpreadsheetError> {
    // `decode`, not `decode_without_bom_handling`: calamine sniffs a BOM here too, and the
    // names must match the ones it looks up.
    let (decoded, _, _) = encoding_rs::UTF_16LE.decode(&raw[..64]);
    let mut name = decoded.into_owned();
    if let Some(end) = name.as_bytes().iter().position(|b| *b == 0) {
        name.truncate(end);
    }
    let len = if sector_len == 512 {
        u32_at(raw, 120)? as u64
    } else {
        u64::from_le_bytes(
            raw[120..128]
                .try_into()
                .map_err(|_| SpreadsheetError::Corrupt)?,
        )
    };
    Ok(Entry {
        name,
        start: u32_at(raw, 116)?,
        len,
    })
}

fn u16_at(bytes: &[u8], at: usize) -> Result<u16, SpreadsheetError> {
    bytes
        .get(at..at + 2)
        .and_then(|b| b.try_into().ok())
        .map(u16::from_le_bytes)
        .ok_or(SpreadsheetError::Corrupt)
}

fn u32_at(bytes: &[u8], at: usize) -> Result<u32, SpreadsheetError> {
    bytes
        .get(at..at + 4)
        .and_then(|b| b.try_into().ok())
        .map(u32::from_le_bytes)
        .ok_or(SpreadsheetError::Corrupt)
}

fn u32s(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    bytes
        .chunks_exact(4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

#[cfg(test)]
pub(super) mod testing;

#[cfg(test)]
mod tests {
    use super::testing::Builder;
    use super::*;

    #[test]
    fn streams_read_back_with_their_file_offsets() {
        let payload: Vec<u8> = (0..5_000u32).map(|i| (i % 251) as u8).collect();
        let file = Builder::new().stream("Workbook", payload.clone()).build();
        let compound = CompoundFile::parse(&file).expect("valid compound file");
        assert!(compound.has("workbook"));
        let stream = compound.stream("Workbook").expect("stream");
        assert_eq!(stream.bytes, payload);
        let offset = stream.file_offset(600).expect("inside the stream");
        assert_eq!(file[offset], payload[600]);
    }

    #[test]
    fn a_fat_chain_that_loops_is_corrupt_not_endless() {
        let mut file = Builder::new().stream("Workbook", vec![1u8; 5_000]).build();
        // Sector 1 of the stream points back to sector 0 (the FAT is the last sector),
        // and the directory declares 2 GB, so only the loop check can stop the walk.
        let fat_at = file.len() - 512;
        file[fat_at + 4..fat_at + 8].copy_from_slice(&0u32.to_le_bytes());
        let workbook_entry = 512 + 10 * 512 + 128;
        file[workbook_entry + 120..workbook_entry + 124]
            .copy_from_slice(&0x7FFF_FFFFu32.to_le_bytes());
        let compound = CompoundFile::parse(&file).expect("directory still valid");
        assert_eq!(
            compound.stream("Workbook").err(),
            Some(SpreadsheetError::Corrupt)
        );
    }

    #[test]
    fn a_difat_that_repeats_one_fat_sector_is_refused() {
        let mut file = Builder::new().stream("Workbook", vec![1u8; 4_096]).build();
        let fat_sector = u32_at(&file, 76).expect("header");
        for slot in file[76..512].chunks_exact_mut(4) {
            slot.copy_from_slice(&fat_sector.to_le_bytes());
        }
        assert_eq!(
            CompoundFile::parse(&file).err(),
            Some(SpreadsheetError::Corrupt)
        );
    }

    #[test]
    fn a_truncated_compound_file_is_corrupt() {
        let file = Builder::new().stream("Workbook", vec![1u8; 5_000]).build();
        assert_eq!(
            CompoundFile::parse(&file[..file.len() / 2]).err(),
            Some(SpreadsheetError::Corrupt)
        );
        assert_eq!(
            CompoundFile::parse(&file[..100]).err(),
            Some(SpreadsheetError::Corrupt)
        );
    }
}
