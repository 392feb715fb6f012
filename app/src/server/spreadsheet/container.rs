//! The zip container of .xlsx and .ods, checked before calamine opens it.
//!
//! Only the central directory is trusted for sizes, and that is enough: zip 9.8 stops a
//! read with an error once an entry yields more than its declared uncompressed size
//! (`Crc32Reader::with_size_limit`, zip-9.8.2 `src/types.rs:125-127`,
//! `src/crc32.rs:37-52`). So the sum of declared sizes bounds every byte that calamine
//! or our pre-scans can ever unpack, and a zip bomb is refused from its directory alone.

use super::error::SpreadsheetError;
use super::limits::Limits;
use quick_xml::Reader as XmlReader;
use std::collections::HashMap;
use std::io::{BufReader, Cursor, Read};
use zip::ZipArchive;
use zip::read::ZipFile;
use zip::result::ZipError;

pub(super) const SIGNATURE: [u8; 4] = *b"PK\x03\x04";

pub(super) type PartReader<'z, 'a> = XmlReader<BufReader<ZipFile<'z, Cursor<&'a [u8]>>>>;

pub(super) struct Container<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    /// Lower-cased entry name to index: calamine looks parts up ignoring case.
    names: HashMap<String, usize>,
}

impl<'a> Container<'a> {
    pub(super) fn open(bytes: &'a [u8], limits: &Limits) -> Result<Self, SpreadsheetError> {
        // zip bounds its own directory allocation by the file size (zip-9.8.2
        // `src/read/zip_archive.rs:346-360`), so a forged entry count costs nothing here.
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|error| {
            tracing::info!(%error, "spreadsheet: unreadable zip directory");
            SpreadsheetError::Corrupt
        })?;
        if zip.len() > limits.max_zip_entries {
            return Err(SpreadsheetError::ContainerTooLarge);
        }
        let mut names = HashMap::with_capacity(zip.len());
        let mut total: u64 = 0;
        for index in 0..zip.len() {
            let entry = zip
                .by_index_data(index)
                .map_err(|_| SpreadsheetError::Corrupt)?;
            total = total.saturating_add(entry.size());
            if total > limits.max_uncompressed_bytes {
                return Err(SpreadsheetError::ContainerTooLarge);
            }
            let name = entry.name().map_err(|_| SpreadsheetError::Corrupt)?;
            names.insert(name.to_lowercase(), index);
        }
        Ok(Container { zip, names })
    }

    /// Whether the container has an entry of this (lower-case) name.
    pub(super) fn has(&self, name: &str) -> bool {
        self.names.contains_key(name)
    }

    /// Lower-cased entry names.
    pub(super) fn names(&self) -> impl Iterator<Item = &str> {
        self.names.keys().map(String::as_str)
    }

    /// Up to `max_bytes` of an entry, for sniffing small parts (`mimetype`,
    /// `[Content_Types].xml`, the ODF manifest).
    pub(super) fn head(
        &mut self,
        name: &str,
        max_bytes: u64,
    ) -> Result<Option<Vec<u8>>, SpreadsheetError> {
        let Some(&index) = self.names.get(name) else {
            return Ok(None);
        };
        let file = self.zip.by_index(index).map_err(zip_error)?;
        let mut bytes = Vec::new();
        file.take(max_bytes)
            .read_to_end(&mut bytes)
            .map_err(|_| SpreadsheetError::Corrupt)?;
        Ok(Some(bytes))
    }

    /// A streaming XML reader over an entry, configured the way calamine configures its
    /// own (`xlsx/mod.rs:3019-3024`), so both see the same events.
    pub(super) fn xml(
        &mut self,
        name: &str,
    ) -> Result<Option<PartReader<'_, 'a>>, SpreadsheetError> {
        let Some(&index) = self.names.get(name) else {
            return Ok(None);
        };
        let file = self.zip.by_index(index).map_err(zip_error)?;
        let mut reader = XmlReader::from_reader(BufReader::new(file));
        let config = reader.config_mut();
        config.check_end_names = false;
        config.trim_text(false);
        config.check_comments = false;
        config.expand_empty_elements = true;
        Ok(Some(reader))
    }
}

fn zip_error(error: ZipError) -> SpreadsheetError {
    match error {
        ZipError::UnsupportedArchive(message) if message == ZipError::PASSWORD_REQUIRED => {
            SpreadsheetError::PasswordProtected
        }
        error => {
            tracing::info!(%error, "spreadsheet: unreadable zip entry");
            SpreadsheetError::Corrupt
        }
    }
}

/// An XML read error inside a part: the part is damaged (or lied about its size).
pub(super) fn xml_error(error: quick_xml::Error) -> SpreadsheetError {
    tracing::info!(%error, "spreadsheet: unreadable xml part");
    SpreadsheetError::Corrupt
}

#[cfg(test)]
pub(super) mod testing {
    //! Hand-made zips for the tests.

    use std::io::{Cursor, Write};
    use zip::CompressionMethod;
    use zip::write::{SimpleFileOptions, ZipWriter};

    /// A zip of `(name, content)` entries, deflated.
    pub(crate) fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        for (name, content) in entries {
            writer.start_file(*name, options).expect("zip entry");
            writer.write_all(content).expect("zip write");
        }
        writer.finish().expect("zip finish").into_inner()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::zip;
    use super::*;

    #[test]
    fn a_zip_that_unpacks_past_the_limit_is_refused_from_its_directory() {
        let big = vec![0u8; 2 * 1024 * 1024];
        let bytes = zip(&[("a.xml", &big), ("b.xml", &big)]);
        assert!(bytes.len() < 100 * 1024, "deflate squeezes zeros");
        let limits = Limits {
            max_uncompressed_bytes: 3 * 1024 * 1024,
            ..Limits::default()
        };
        assert_eq!(
            Container::open(&bytes, &limits).err(),
            Some(SpreadsheetError::ContainerTooLarge)
        );
    }

    #[test]
    fn a_zip_with_too_many_entries_is_refused() {
        let names: Vec<String> = (0..20).map(|i| format!("f{i}.xml")).collect();
        let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
        let limits = Limits {
            max_zip_entries: 10,
            ..Limits::default()
        };
        assert_eq!(
            Container::open(&zip(&entries), &limits).err(),
            Some(SpreadsheetError::ContainerTooLarge)
        );
    }

    /// The zip-bomb guard rests on this: an entry whose directory under-states its size
    /// fails when read past that size instead of unpacking it all.
    #[test]
    fn an_entry_that_lies_about_its_size_stops_at_the_declared_size() {
        let content = vec![b'a'; 1024 * 1024];
        let mut bytes = zip(&[("a.xml", &content)]);
        // Rewrite the declared uncompressed size (offset 24 in the central directory
        // header, 22 in the local header) to 100 bytes.
        let central = find(&bytes, b"PK\x01\x02").expect("central directory");
        bytes[central + 24..central + 28].copy_from_slice(&100u32.to_le_bytes());
        bytes[22..26].copy_from_slice(&100u32.to_le_bytes());
        let mut container = Container::open(&bytes, &Limits::default()).expect("directory ok");
        assert_eq!(
            container.head("a.xml", u64::MAX).err(),
            Some(SpreadsheetError::Corrupt)
        );
    }

    fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
        haystack.windows(needle.len()).position(|w| w == needle)
    }

    #[test]
    fn names_are_looked_up_ignoring_case() {
        let bytes = zip(&[("XL/Workbook.xml", b"<x/>")]);
        let mut container = Container::open(&bytes, &Limits::default()).expect("valid zip");
        assert!(container.has("xl/workbook.xml"));
        assert_eq!(
            container.head("xl/workbook.xml", 2).expect("readable"),
            Some(b"<x".to_vec())
        );
    }
}
