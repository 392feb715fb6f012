//! A tripwire on memory: the hostile files above are refused without the allocations
//! calamine alone would make (hundreds of MB to terabytes). The peak resident size of the
//! whole test process (Linux `VmHWM`, all tests running in parallel) stays small.

use super::*;

/// Peak resident set size of this process, in bytes, where /proc tells it.
fn peak_resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

#[test]
fn hostile_files_are_refused_within_a_small_memory_footprint() {
    let ods_box = ods_package(concat!(
        r#"<table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row>"#,
        r#"<table:table-row table:number-rows-repeated="49997"><table:table-cell/></table:table-row>"#,
        r#"<table:table-row><table:table-cell table:number-columns-repeated="255"/>"#,
        r#"<table:table-cell office:value-type="float" office:value="1"/></table:table-row>"#,
    ));
    let xlsx_corner = {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_number(0, 0, 1.0).expect("write");
        sheet.write_number(1_048_575, 16_383, 1.0).expect("write");
        book.save_to_buffer().expect("xlsx")
    };
    for (bytes, name) in [(&ods_box, "box.ods"), (&xlsx_corner, "corner.xlsx")] {
        assert!(read_default(bytes, name).is_err(), "{name} is refused");
    }
    if let Some(peak) = peak_resident_bytes() {
        assert!(
            peak < 256 * 1024 * 1024,
            "peak resident size {} MiB",
            peak / (1024 * 1024)
        );
    }
}
