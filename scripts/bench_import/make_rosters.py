"""Writes a 10,000-row, 10-column participant roster as .xlsx, .xls and .csv.

Fictional companies on the reserved example.jp domains, with the mess real rosters have:
full-width digits in some booth numbers, phone numbers stored as numbers, a title row
above the header, one invalid e-mail in every 500 rows.
"""

import csv
import sys
from pathlib import Path

import openpyxl
import xlwt

HEADER = ["小間番号", "企業名", "法人番号", "業種", "担当者名", "部署", "メールアドレス", "電話番号", "所在地", "地域未来牽引企業"]
INDUSTRIES = ["金属製品製造業", "電子部品製造業", "食料品製造業", "医療機器製造業", "生産用機械器具製造業"]


def check_digit(base12: str) -> int:
    total = sum(int(d) * (1 if i % 2 == 0 else 2) for i, d in enumerate(reversed(base12)))
    return 9 - total % 9


def rows(n: int):
    for i in range(n):
        base = f"{100000000000 + i * 7919:012d}"[-12:]
        number = f"{check_digit(base)}{base}"
        booth = f"{'ABCDEFGH'[i % 8]}-{i % 100:02d}"
        if i % 3 == 0:
            booth = booth.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        email = f"contact{i}@company{i}.example.jp" if i % 500 != 7 else f"contact{i}@"
        yield [
            booth,
            f"株式会社テスト製作所{i:05d}",
            number,
            INDUSTRIES[i % len(INDUSTRIES)],
            f"担当 太郎{i}",
            "営業部",
            email,
            270000000 + i,  # a phone number typed into Excel: the leading 0 is gone
            f"伊勢崎市テスト町{i}",
            "○" if i % 10 == 0 else "",
        ]


def main(out: Path, n: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    data = list(rows(n))
    title = [f"令和8年度 ベンチマーク用名簿 ({n}社)"]

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("名簿")
    sheet.append(title)
    sheet.append(HEADER)
    for row in data:
        sheet.append(row)
    book.save(out / f"roster_{n}.xlsx")

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("名簿")
    for r, row in enumerate([title, HEADER] + data):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.save(str(out / f"roster_{n}.xls"))

    with open(out / f"roster_{n}.csv", "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        writer.writerows(data)


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 10_000)
