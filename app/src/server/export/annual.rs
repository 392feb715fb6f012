//! The annual review workbook of a fiscal year, for the review council's packet: a
//! summary sheet (the year's totals, the KPIs against their targets, the events with a
//! chart of their 商談件数 and 成約件数), then one sheet per event with its campaigns.

use crate::api::dashboard_dto::{EventDashboardDto, Figures, FiscalYearDashboardDto};
use crate::api::kpi_dto::KpiDto;
use crate::domain::FiscalYear;
use crate::domain::aggregate::{Exact, Percent, neutralise};
use crate::domain::kpi::achievement_tenths;
use crate::i18n::*;
use rust_xlsxwriter::{Chart, ChartType, Format, Workbook, Worksheet, XlsxError};
use std::collections::BTreeSet;

/// Excel's limit on a sheet name.
const SHEET_NAME_MAX: usize = 31;

pub fn workbook(
    year: &FiscalYearDashboardDto,
    events: &[EventDashboardDto],
    locale: Locale,
) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let percent = Format::new().set_num_format("0.0%");
    let label = FiscalYear::new(year.year);
    let year_label = match locale {
        Locale::en => label.english_label(),
        Locale::ja => format!("{}年度（{}）", label.start_year(), label.wareki()),
    };

    let summary_name = sheet_name(td_string!(locale, dashboards.totals), &mut BTreeSet::new());
    let mut used = BTreeSet::from([summary_name.clone()]);
    let sheet = workbook.add_worksheet();
    sheet.set_name(&summary_name)?;
    sheet.write_string_with_format(
        0,
        0,
        td_string!(locale, dashboards.year_heading, year = year_label.clone()).to_string(),
        &title,
    )?;

    // The year's totals.
    let headers = [
        td_string!(locale, dashboards.events).to_string(),
        td_string!(locale, dashboards.companies).to_string(),
    ];
    let mut row = 2u32;
    write_headers(sheet, row, 0, &headers, &bold)?;
    write_figure_headers(sheet, row, 2, locale, &bold)?;
    row += 1;
    sheet.write_number(row, 0, f64::from(year.totals.events))?;
    sheet.write_number(row, 1, f64::from(year.totals.companies))?;
    write_figures(sheet, row, 2, &year.totals.figures, &percent)?;

    // The KPIs of this year.
    row += 2;
    sheet.write_string_with_format(row, 0, td_string!(locale, kpis.title).to_string(), &bold)?;
    row += 1;
    let kpi_headers = [
        "KPI".to_owned(),
        td_string!(locale, kpis.baseline).to_string(),
        td_string!(locale, kpis.target).to_string(),
        td_string!(locale, kpis.actual).to_string(),
        td_string!(locale, kpis.achievement).to_string(),
        td_string!(locale, kpis.cumulative_target).to_string(),
        td_string!(locale, kpis.cumulative_actual).to_string(),
        td_string!(locale, kpis.cumulative_achievement).to_string(),
    ];
    write_headers(sheet, row, 0, &kpi_headers, &bold)?;
    for kpi in &year.kpis {
        row += 1;
        write_kpi(sheet, row, kpi, year.year, &percent)?;
    }

    // The events, and a chart of their totals.
    row += 2;
    sheet.write_string_with_format(
        row,
        0,
        td_string!(locale, dashboards.by_event).to_string(),
        &bold,
    )?;
    row += 1;
    let header_row = row;
    let event_headers = [
        td_string!(locale, dashboards.event).to_string(),
        td_string!(locale, dashboards.participants).to_string(),
    ];
    write_headers(sheet, row, 0, &event_headers, &bold)?;
    write_figure_headers(sheet, row, 2, locale, &bold)?;
    for event in &year.events {
        row += 1;
        sheet.write_string(row, 0, text(&event.name))?;
        sheet.write_number(row, 1, f64::from(event.participants))?;
        write_figures(sheet, row, 2, &event.figures, &percent)?;
    }
    if !year.events.is_empty() {
        let name = summary_name.as_str();
        let mut chart = Chart::new(ChartType::Column);
        for column in [4u16, 5] {
            chart
                .add_series()
                .set_categories((name, header_row + 1, 0, row, 0))
                .set_values((name, header_row + 1, column, row, column))
                .set_name((name, header_row, column));
        }
        chart
            .title()
            .set_name(&td_string!(locale, dashboards.by_event).to_string());
        sheet.insert_chart(row + 2, 0, &chart)?;
    }
    sheet.set_column_width(0, 36)?;
    for column in 1..10 {
        sheet.set_column_width(column, 14)?;
    }

    for event in events {
        let name = sheet_name(&event.event_name, &mut used);
        let sheet = workbook.add_worksheet();
        sheet.set_name(&name)?;
        sheet.write_string_with_format(0, 0, text(&event.event_name), &title)?;
        sheet.write_string(
            1,
            0,
            format!(
                "{} - {}",
                event.start_date.format("%Y/%m/%d"),
                event.end_date.format("%Y/%m/%d")
            ),
        )?;
        sheet.write_string(
            2,
            0,
            td_string!(locale, dashboards.participants).to_string(),
        )?;
        sheet.write_number(2, 1, f64::from(event.participants))?;
        write_headers(
            sheet,
            4,
            0,
            &[td_string!(locale, dashboards.campaign).to_string()],
            &bold,
        )?;
        write_figure_headers(sheet, 4, 1, locale, &bold)?;
        let mut row = 4u32;
        for campaign in &event.campaigns {
            row += 1;
            sheet.write_string(row, 0, text(&campaign.title))?;
            write_figures(sheet, row, 1, &campaign.figures, &percent)?;
        }
        row += 1;
        sheet.write_string_with_format(
            row,
            0,
            td_string!(locale, dashboards.totals).to_string(),
            &bold,
        )?;
        write_figures(sheet, row, 1, &event.totals, &percent)?;
        sheet.set_column_width(0, 36)?;
        for column in 1..8 {
            sheet.set_column_width(column, 14)?;
        }
    }
    workbook.save_to_buffer()
}

fn write_headers(
    sheet: &mut Worksheet,
    row: u32,
    first: u16,
    headers: &[String],
    bold: &Format,
) -> Result<(), XlsxError> {
    for (offset, header) in (first..).zip(headers) {
        sheet.write_string_with_format(row, offset, text(header), bold)?;
    }
    Ok(())
}

/// 回答率, 提出数, 依頼数, 商談件数, 成約件数, 満足度, セミナー報告.
fn write_figure_headers(
    sheet: &mut Worksheet,
    row: u32,
    first: u16,
    locale: Locale,
    bold: &Format,
) -> Result<(), XlsxError> {
    let headers = [
        td_string!(locale, dashboards.response_rate).to_string(),
        td_string!(locale, dashboards.submitted).to_string(),
        td_string!(locale, dashboards.negotiations).to_string(),
        td_string!(locale, dashboards.contracts).to_string(),
        td_string!(locale, dashboards.satisfaction).to_string(),
        td_string!(locale, dashboards.seminar_reports).to_string(),
    ];
    write_headers(sheet, row, first, &headers, bold)
}

fn write_figures(
    sheet: &mut Worksheet,
    row: u32,
    first: u16,
    figures: &Figures,
    percent: &Format,
) -> Result<(), XlsxError> {
    if let Some(rate) = Percent::of(figures.submitted, figures.invited) {
        sheet.write_number_with_format(row, first, rate.as_fraction(), percent)?;
    }
    sheet.write_string(
        row,
        first + 1,
        format!("{} / {}", figures.submitted, figures.invited),
    )?;
    sheet.write_number(row, first + 2, figures.negotiations().to_f64())?;
    sheet.write_number(row, first + 3, figures.contracts().to_f64())?;
    if let Some(mean) = figures.satisfaction() {
        sheet.write_number(row, first + 4, mean.to_f64())?;
    }
    sheet.write_number(row, first + 5, f64::from(figures.seminar_reports))?;
    Ok(())
}

fn write_kpi(
    sheet: &mut Worksheet,
    row: u32,
    kpi: &KpiDto,
    year: i32,
    percent: &Format,
) -> Result<(), XlsxError> {
    let name = if kpi.unit.is_empty() {
        kpi.name.clone()
    } else {
        format!("{}（{}）", kpi.name, kpi.unit)
    };
    sheet.write_string(row, 0, text(&name))?;
    let number = |sheet: &mut Worksheet, column: u16, value: Option<Exact>| match value {
        Some(value) => sheet.write_number(row, column, value.to_f64()).map(|_| ()),
        None => Ok(()),
    };
    number(sheet, 1, kpi.baseline)?;
    let Some(this) = kpi.years.iter().find(|y| y.year == year) else {
        return Ok(());
    };
    number(sheet, 2, this.target)?;
    number(sheet, 3, this.actual)?;
    if let Some(tenths) = achievement_tenths(this.actual, this.target) {
        sheet.write_number_with_format(row, 4, tenths as f64 / 1000.0, percent)?;
    }
    number(sheet, 5, this.cumulative_target)?;
    number(sheet, 6, this.cumulative_actual)?;
    if let Some(tenths) = achievement_tenths(this.cumulative_actual, this.cumulative_target) {
        sheet.write_number_with_format(row, 7, tenths as f64 / 1000.0, percent)?;
    }
    Ok(())
}

/// A sheet name Excel accepts and no other sheet has: without `[]:*?/\`, at most 31
/// characters, numbered when two events share a name.
fn sheet_name(name: &str, used: &mut BTreeSet<String>) -> String {
    let clean: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect();
    let clean = clean.trim_matches('\'').trim();
    let clean = if clean.is_empty() { "sheet" } else { clean };
    let mut candidate: String = clean.chars().take(SHEET_NAME_MAX).collect();
    let mut n = 2;
    while used.contains(&candidate.to_lowercase()) {
        let suffix = format!(" ({n})");
        candidate = clean
            .chars()
            .take(SHEET_NAME_MAX - suffix.chars().count())
            .chain(suffix.chars())
            .collect();
        n += 1;
    }
    used.insert(candidate.to_lowercase());
    candidate
}

fn text(value: &str) -> String {
    neutralise(value).into_owned()
}

#[cfg(test)]
mod tests {
    use super::sheet_name;
    use std::collections::BTreeSet;

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut used = BTreeSet::new();
        assert_eq!(
            sheet_name("メッセナゴヤ 2026 [共同出展]", &mut used),
            "メッセナゴヤ 2026 _共同出展_"
        );
        assert_eq!(
            sheet_name("メッセナゴヤ 2026 [共同出展]", &mut used),
            "メッセナゴヤ 2026 _共同出展_ (2)"
        );
        let long = "あ".repeat(40);
        let first = sheet_name(&long, &mut used);
        assert_eq!(first.chars().count(), 31);
        let second = sheet_name(&long, &mut used);
        assert_eq!(second.chars().count(), 31);
        assert!(second.ends_with(" (2)"));
        assert_eq!(sheet_name("''", &mut used), "sheet");
    }
}
