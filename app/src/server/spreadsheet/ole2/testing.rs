//! Builds small compound files in memory for the tests: one regular-sector stream
//! per entry, 512-byte sectors, no mini stream.

use super::{DIRECTORY_ENTRY_LEN, END_OF_CHAIN, HEADER_LEN, MINI_STREAM_CUTOFF, SIGNATURE};

pub(crate) struct Builder {
    streams: Vec<(String, Vec<u8>)>,
}

impl Builder {
    pub(crate) fn new() -> Self {
        Builder {
            streams: Vec::new(),
        }
    }

    /// Streams shorter than 4,096 bytes are padded up to it, so that calamine reads
    /// them from regular sectors too.
    pub(crate) fn stream(mut self, name: &str, mut bytes: Vec<u8>) -> Self {
        if bytes.len() < MINI_STREAM_CUTOFF {
            bytes.resize(MINI_STREAM_CUTOFF, 0);
        }
        self.streams.push((name.to_owned(), bytes));
        self
    }

    pub(crate) fn build(self) -> Vec<u8> {
        const SECTOR: usize = 512;
        let mut data_sectors: Vec<Vec<u8>> = Vec::new();
        let mut fat: Vec<u32> = Vec::new();
        let mut starts = Vec::new();
        for (_, bytes) in &self.streams {
            let first = data_sectors.len() as u32;
            starts.push(first);
            let chunks: Vec<&[u8]> = bytes.chunks(SECTOR).collect();
            for (i, chunk) in chunks.iter().enumerate() {
                let mut sector = chunk.to_vec();
                sector.resize(SECTOR, 0);
                data_sectors.push(sector);
                fat.push(if i + 1 == chunks.len() {
                    END_OF_CHAIN
                } else {
                    first + i as u32 + 1
                });
            }
        }
        // Directory: root + one entry per stream, 4 entries per sector.
        let dir_start = data_sectors.len() as u32;
        let mut directory = Vec::new();
        directory.extend(dir_entry("Root Entry", 5, END_OF_CHAIN, 0));
        for ((name, bytes), start) in self.streams.iter().zip(&starts) {
            directory.extend(dir_entry(name, 2, *start, bytes.len() as u32));
        }
        let dir_chunks: Vec<Vec<u8>> = directory
            .chunks(SECTOR)
            .map(|c| {
                let mut s = c.to_vec();
                s.resize(SECTOR, 0);
                s
            })
            .collect();
        for (i, chunk) in dir_chunks.iter().enumerate() {
            data_sectors.push(chunk.clone());
            fat.push(if i + 1 == dir_chunks.len() {
                END_OF_CHAIN
            } else {
                dir_start + i as u32 + 1
            });
        }
        // The FAT itself: one sector holds 128 entries, enough for these tests.
        let fat_sector = data_sectors.len() as u32;
        fat.push(0xFFFF_FFFD);
        assert!(fat.len() <= 128, "test compound file too large");
        fat.resize(128, 0xFFFF_FFFF);
        data_sectors.push(fat.iter().flat_map(|id| id.to_le_bytes()).collect());

        let mut header = vec![0u8; HEADER_LEN];
        header[..8].copy_from_slice(&SIGNATURE);
        header[24..26].copy_from_slice(&0x003Eu16.to_le_bytes());
        header[26..28].copy_from_slice(&3u16.to_le_bytes());
        header[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
        header[30..32].copy_from_slice(&9u16.to_le_bytes());
        header[32..34].copy_from_slice(&6u16.to_le_bytes());
        header[44..48].copy_from_slice(&1u32.to_le_bytes());
        header[48..52].copy_from_slice(&dir_start.to_le_bytes());
        header[56..60].copy_from_slice(&4096u32.to_le_bytes());
        header[60..64].copy_from_slice(&END_OF_CHAIN.to_le_bytes());
        header[64..68].copy_from_slice(&0u32.to_le_bytes());
        header[68..72].copy_from_slice(&END_OF_CHAIN.to_le_bytes());
        for slot in header[76..].chunks_exact_mut(4) {
            slot.copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
        }
        header[76..80].copy_from_slice(&fat_sector.to_le_bytes());

        let mut file = header;
        for sector in data_sectors {
            file.extend(sector);
        }
        file
    }
}

fn dir_entry(name: &str, kind: u8, start: u32, len: u32) -> Vec<u8> {
    let mut raw = vec![0u8; DIRECTORY_ENTRY_LEN];
    let units: Vec<u16> = name.encode_utf16().chain(std::iter::once(0)).collect();
    for (i, unit) in units.iter().enumerate() {
        raw[2 * i..2 * i + 2].copy_from_slice(&unit.to_le_bytes());
    }
    raw[64..66].copy_from_slice(&((units.len() * 2) as u16).to_le_bytes());
    raw[66] = kind;
    raw[67] = 1; // black
    raw[68..72].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
    raw[72..76].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
    raw[76..80].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
    raw[116..120].copy_from_slice(&start.to_le_bytes());
    raw[120..124].copy_from_slice(&len.to_le_bytes());
    raw
}
