//! Files companies attach to their answers (the seminar report's 資料): which kinds are
//! accepted — judged by the content's magic bytes (`infer`), never by the name a browser
//! sends — how large they may be, and how a download names itself. A file that claims to
//! be a PDF but is HTML is refused; a download is always `attachment` with the type we
//! found, so nothing a company uploads is ever rendered from our origin.
//!
//! Kept files live in a [`Store`] (content-addressed, written while hashing, refused
//! files leave nothing). Groundwork for the file question type: its upload path and
//! download route build on this.

/// The kinds of file accepted: PDF, images, and Office documents (OOXML, the older
/// binary formats, OpenDocument).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Pdf,
    Png,
    Jpeg,
    Gif,
    Webp,
    Docx,
    Xlsx,
    Pptx,
    Doc,
    Xls,
    Ppt,
    Odt,
    Ods,
    Odp,
}

impl FileKind {
    const ALL: [FileKind; 14] = [
        FileKind::Pdf,
        FileKind::Png,
        FileKind::Jpeg,
        FileKind::Gif,
        FileKind::Webp,
        FileKind::Docx,
        FileKind::Xlsx,
        FileKind::Pptx,
        FileKind::Doc,
        FileKind::Xls,
        FileKind::Ppt,
        FileKind::Odt,
        FileKind::Ods,
        FileKind::Odp,
    ];

    /// What the file's first bytes say it is, if it is a kind we accept. Office formats
    /// are containers: the head must include their first entries (a few KiB suffice).
    pub fn sniff(head: &[u8]) -> Option<FileKind> {
        use infer::{archive, doc, image, odf};
        Self::ALL.into_iter().find(|kind| match kind {
            FileKind::Pdf => head.starts_with(b"%PDF-"),
            FileKind::Png => image::is_png(head),
            FileKind::Jpeg => image::is_jpeg(head),
            FileKind::Gif => image::is_gif(head),
            FileKind::Webp => image::is_webp(head),
            FileKind::Docx => archive::is_zip(head) && doc::is_docx(head),
            FileKind::Xlsx => archive::is_zip(head) && doc::is_xlsx(head),
            FileKind::Pptx => archive::is_zip(head) && doc::is_pptx(head),
            FileKind::Doc => doc::is_doc(head),
            FileKind::Xls => doc::is_xls(head),
            FileKind::Ppt => doc::is_ppt(head),
            FileKind::Odt => odf::is_odt(head),
            FileKind::Ods => odf::is_ods(head),
            FileKind::Odp => odf::is_odp(head),
        })
    }

    pub fn mime(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Png => "image/png",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Gif => "image/gif",
            FileKind::Webp => "image/webp",
            FileKind::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            FileKind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileKind::Pptx => {
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
            FileKind::Doc => "application/msword",
            FileKind::Xls => "application/vnd.ms-excel",
            FileKind::Ppt => "application/vnd.ms-powerpoint",
            FileKind::Odt => "application/vnd.oasis.opendocument.text",
            FileKind::Ods => "application/vnd.oasis.opendocument.spreadsheet",
            FileKind::Odp => "application/vnd.oasis.opendocument.presentation",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Png => "png",
            FileKind::Jpeg => "jpg",
            FileKind::Gif => "gif",
            FileKind::Webp => "webp",
            FileKind::Docx => "docx",
            FileKind::Xlsx => "xlsx",
            FileKind::Pptx => "pptx",
            FileKind::Doc => "doc",
            FileKind::Xls => "xls",
            FileKind::Ppt => "ppt",
            FileKind::Odt => "odt",
            FileKind::Ods => "ods",
            FileKind::Odp => "odp",
        }
    }
}

/// How large attachments may be; the defaults are the (20 MiB a file, 50 MiB a
/// response), to be made settings with the upload path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub per_file: u64,
    pub per_response: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            per_file: 20 * 1024 * 1024,
            per_response: 50 * 1024 * 1024,
        }
    }
}

/// Why a file is not kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Not a PDF, an image or an Office document, whatever its name says.
    UnknownKind,
    TooLarge {
        max: u64,
    },
    ResponseTooLarge {
        max: u64,
    },
}

impl Limits {
    /// Whether one more file of `size` bytes fits, with `already` bytes attached to the
    /// same response.
    pub fn check(&self, size: u64, already: u64) -> Result<(), Refusal> {
        if size > self.per_file {
            Err(Refusal::TooLarge { max: self.per_file })
        } else if already.saturating_add(size) > self.per_response {
            Err(Refusal::ResponseTooLarge {
                max: self.per_response,
            })
        } else {
            Ok(())
        }
    }
}

/// The name a file is kept and downloaded under: the last part of what the browser sent
/// (no folders), without control characters or quotes, at most 120 characters, ending
/// with the extension of the kind we found.
pub fn stored_name(sent: &str, kind: FileKind) -> String {
    let base = sent.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | ';'))
        .collect();
    let stem = match cleaned.rsplit_once('.') {
        Some((stem, _)) => stem,
        None => cleaned.as_str(),
    };
    let stem: String = stem.trim().chars().take(120).collect();
    let stem = if stem.is_empty() {
        "file".to_owned()
    } else {
        stem
    };
    format!("{stem}.{}", kind.extension())
}

/// `Content-Disposition` for a download: always an attachment; an ASCII fallback name and
/// the real one percent-encoded (RFC 6266 / 5987), so Japanese names survive.
pub fn content_disposition(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// Where attachments are kept: `$KOTAE_DATA_DIR/attachments/<sha-256>`, one file per
/// distinct content (two companies attaching the same brochure keep one copy). The
/// database holds each attachment's name, size, kind and sha-256.
#[derive(Debug, Clone)]
pub struct Store {
    dir: std::path::PathBuf,
}

/// A file kept in the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub sha256: String,
    pub size: u64,
    pub kind: FileKind,
    /// The name to show and to download under ([`stored_name`]).
    pub name: String,
}

/// Why an upload was not kept.
#[derive(Debug)]
pub enum KeepError {
    Refused(Refusal),
    Io(std::io::Error),
}

impl From<std::io::Error> for KeepError {
    fn from(error: std::io::Error) -> Self {
        KeepError::Io(error)
    }
}

/// Bytes read before the kind is judged: enough for the first entries of an Office file.
const HEAD: usize = 8 * 1024;

impl Store {
    pub fn new(dir: std::path::PathBuf) -> Self {
        Self { dir }
    }

    /// Reads `body` into the store, hashing as it goes, and stops reading as soon as the
    /// file is too large (memory stays bounded whatever is sent). The kind is judged on
    /// the first bytes; nothing of a refused file is kept.
    pub async fn keep(
        &self,
        sent_name: &str,
        mut body: impl tokio::io::AsyncRead + Unpin,
        limits: &Limits,
        already: u64,
    ) -> Result<Kept, KeepError> {
        use sha2::{Digest, Sha256};
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        tokio::fs::create_dir_all(&self.dir).await?;
        let partial = self.dir.join(format!(".upload-{}", rand::random::<u64>()));
        let result = async {
            let mut file = tokio::fs::File::create(&partial).await?;
            let mut hasher = Sha256::new();
            let mut head = Vec::with_capacity(HEAD);
            let mut size: u64 = 0;
            let mut buffer = vec![0u8; 64 * 1024];
            loop {
                let read = body.read(&mut buffer).await?;
                if read == 0 {
                    break;
                }
                size += read as u64;
                limits.check(size, already).map_err(KeepError::Refused)?;
                let chunk = &buffer[..read];
                if head.len() < HEAD {
                    let take = (HEAD - head.len()).min(chunk.len());
                    head.extend_from_slice(&chunk[..take]);
                }
                hasher.update(chunk);
                file.write_all(chunk).await?;
            }
            file.sync_all().await?;
            let kind = FileKind::sniff(&head).ok_or(KeepError::Refused(Refusal::UnknownKind))?;
            let sha256: String = hasher
                .finalize()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            tokio::fs::rename(&partial, self.dir.join(&sha256)).await?;
            Ok(Kept {
                sha256,
                size,
                kind,
                name: stored_name(sent_name, kind),
            })
        }
        .await;
        if result.is_err() {
            let _ = tokio::fs::remove_file(&partial).await;
        }
        result
    }

    /// The kept file with this sha-256, for a download; `None` for anything that is not
    /// a sha-256 in hex (no path can be smuggled in) or not kept.
    /// Deletes the kept file with this sha-256, if there is one; a failure is only logged
    /// (the next clean-up tries again only if a row still names it, so it is left behind).
    pub async fn forget(&self, sha256: &str) {
        if let Some(path) = self.path_of(sha256)
            && let Err(error) = tokio::fs::remove_file(&path).await
        {
            tracing::warn!(%error, path = %path.display(), "deleting an unused attachment");
        }
    }

    pub fn path_of(&self, sha256: &str) -> Option<std::path::PathBuf> {
        let valid = sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_hexdigit());
        let path = self.dir.join(sha256.to_ascii_lowercase());
        (valid && path.is_file()).then_some(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_with(entries: &[&str]) -> Vec<u8> {
        let mut bytes = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut bytes);
        for name in entries {
            let stored = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            zip.start_file(*name, stored).expect("an entry");
            zip.write_all(b"<xml/>").expect("written");
        }
        zip.finish().expect("a zip");
        bytes.into_inner()
    }

    #[test]
    fn kinds_are_judged_by_content_not_by_name() {
        assert_eq!(FileKind::sniff(b"%PDF-1.7\n%\xe2\xe3"), Some(FileKind::Pdf));
        assert_eq!(
            FileKind::sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some(FileKind::Png)
        );
        assert_eq!(
            FileKind::sniff(b"\xff\xd8\xff\xe0\0\x10JFIF"),
            Some(FileKind::Jpeg)
        );
        // An HTML page named report.pdf is not a PDF.
        assert_eq!(
            FileKind::sniff(b"<!DOCTYPE html><html><script>alert(1)</script>"),
            None
        );
        assert_eq!(FileKind::sniff(b""), None);
    }

    #[test]
    fn office_documents_are_told_from_other_zip_files() {
        // A workbook as a spreadsheet program writes it.
        let mut workbook = rust_xlsxwriter::Workbook::new();
        workbook
            .add_worksheet()
            .write_string(0, 0, "資料")
            .expect("a cell");
        let xlsx = workbook.save_to_buffer().expect("an xlsx");
        assert_eq!(FileKind::sniff(&xlsx), Some(FileKind::Xlsx));
        let other = zip_with(&["readme.txt"]);
        assert_eq!(
            FileKind::sniff(&other),
            None,
            "a plain zip is not an Office file"
        );
    }

    #[test]
    fn sizes_are_limited_per_file_and_per_response() {
        let limits = Limits::default();
        assert_eq!(limits.check(20 * 1024 * 1024, 0), Ok(()));
        assert_eq!(
            limits.check(20 * 1024 * 1024 + 1, 0),
            Err(Refusal::TooLarge {
                max: 20 * 1024 * 1024
            })
        );
        assert_eq!(
            limits.check(10 * 1024 * 1024, 45 * 1024 * 1024),
            Err(Refusal::ResponseTooLarge {
                max: 50 * 1024 * 1024
            })
        );
    }

    #[test]
    fn names_lose_folders_and_quotes_and_take_the_kind_they_really_are() {
        assert_eq!(
            stored_name("C:\\Users\\佐藤\\セミナー資料.pdf", FileKind::Pdf),
            "セミナー資料.pdf"
        );
        assert_eq!(stored_name("../../etc/passwd", FileKind::Pdf), "passwd.pdf");
        assert_eq!(
            stored_name("report\".html", FileKind::Pdf),
            "report.pdf",
            "a file that is a PDF downloads as one"
        );
        assert_eq!(stored_name("", FileKind::Png), "file.png");
    }

    #[test]
    fn downloads_are_attachments_and_keep_japanese_names() {
        assert_eq!(
            content_disposition("資料 1.pdf"),
            "attachment; filename=\"__ 1.pdf\"; filename*=UTF-8''%E8%B3%87%E6%96%99%201.pdf"
        );
    }

    fn store() -> Store {
        Store::new(
            std::env::temp_dir().join(format!("kotae-attachments-{}", rand::random::<u64>())),
        )
    }

    #[tokio::test]
    async fn a_pdf_is_kept_under_its_hash_and_found_again() {
        let store = store();
        let pdf = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n".to_vec();
        let kept = store
            .keep("セミナー資料.pdf", &pdf[..], &Limits::default(), 0)
            .await
            .expect("kept");
        assert_eq!(kept.kind, FileKind::Pdf);
        assert_eq!(kept.size, pdf.len() as u64);
        assert_eq!(kept.name, "セミナー資料.pdf");
        let path = store.path_of(&kept.sha256).expect("kept on disk");
        assert_eq!(std::fs::read(path).expect("read"), pdf);
        assert_eq!(store.path_of("../../etc/passwd"), None);
    }

    #[tokio::test]
    async fn refused_uploads_leave_nothing_behind() {
        let store = store();
        let html = b"<!DOCTYPE html><title>x</title>".to_vec();
        let refused = store
            .keep("report.pdf", &html[..], &Limits::default(), 0)
            .await;
        assert!(matches!(
            refused,
            Err(KeepError::Refused(Refusal::UnknownKind))
        ));
        let small = Limits {
            per_file: 1024,
            per_response: 4096,
        };
        let big = [b"%PDF-1.7\n".as_slice(), &[b' '; 2048]].concat();
        let refused = store.keep("big.pdf", &big[..], &small, 0).await;
        assert!(matches!(
            refused,
            Err(KeepError::Refused(Refusal::TooLarge { max: 1024 }))
        ));
        let leftovers = std::fs::read_dir(&store.dir).expect("the store").count();
        assert_eq!(leftovers, 0, "no partial file stays");
    }
}
