package invite

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// ImportRow is one data row of an import file.
type ImportRow struct {
	Row   int    // the row number a spreadsheet shows: the header is row 1
	Value string // the email address or external ID
}

// ImportFile is a parsed import: which column it keys on and its rows.
type ImportFile struct {
	By   string // "email" or "externalId"
	Rows []ImportRow
}

// ErrImportFormat means the file is not a csv/xlsx with an Email or External ID column.
var ErrImportFormat = errors.New("invite: import file needs a header row with an \"Email\" or \"External ID\" column")

// MaxImportRows bounds one import, so a huge file cannot hold a request for hours.
const MaxImportRows = 100000

// ParseImport reads a csv (`,` or `;`, UTF-8 with or without BOM) or, when
// name ends in .xlsx or data is a zip, the first sheet of an xlsx file.
func ParseImport(name string, data []byte) (*ImportFile, error) {
	records, err := readRecords(name, data)
	if err != nil {
		return nil, err
	}
	return fromRecords(records)
}

// readRecords returns the cells of a csv or xlsx file (see ParseImport),
// header row first; account_import_parse.go reads them too.
func readRecords(name string, data []byte) ([][]string, error) {
	if strings.HasSuffix(strings.ToLower(name), ".xlsx") || bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return parseXLSX(data)
	}
	return parseCSV(data)
}

func parseCSV(data []byte) ([][]string, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	first, _, _ := bytes.Cut(data, []byte("\n"))
	r := csv.NewReader(bufio.NewReader(bytes.NewReader(data)))
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		r.Comma = ';'
	}
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var records [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrImportFormat, err)
		}
		records = append(records, rec)
		if len(records) > MaxImportRows+1 {
			return nil, fmt.Errorf("%w: more than %d rows", ErrImportFormat, MaxImportRows)
		}
	}
	return records, nil
}

// Limits of an xlsx import: the zip may expand to at most xlsxUnzipLimit
// in all (excelize checks the sizes the zip declares, and archive/zip that
// no part expands beyond its declared size), a sheet part larger than
// xlsxXMLInMemory is read from a temporary file rather than memory, and a
// row may have at most MaxImportColumns cells.
const (
	xlsxUnzipLimit   = 64 << 20
	xlsxXMLInMemory  = 4 << 20
	MaxImportColumns = 500
)

// parseXLSX streams the first sheet's rows, refusing a file over the limits
// as soon as it shows it: a small file that expands to millions of rows is
// refused before its rows are read.
func parseXLSX(data []byte) (records [][]string, err error) {
	defer func() {
		if p := recover(); p != nil { // a hostile file excelize does not expect
			records, err = nil, fmt.Errorf("%w: unreadable xlsx file", ErrImportFormat)
		}
	}()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrImportFormat, err)
	}
	var expands uint64
	for _, part := range zr.File {
		expands += part.UncompressedSize64
	}
	if expands > xlsxUnzipLimit {
		return nil, fmt.Errorf("%w: the xlsx file expands to more than %d MiB", ErrImportFormat, xlsxUnzipLimit>>20)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: xlsxUnzipLimit, UnzipXMLSizeLimit: xlsxXMLInMemory})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrImportFormat, err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, ErrImportFormat
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrImportFormat, err)
	}
	defer rows.Close()
	for rows.Next() {
		if len(records) > MaxImportRows {
			return nil, fmt.Errorf("%w: more than %d rows", ErrImportFormat, MaxImportRows)
		}
		cols, err := rows.Columns()
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrImportFormat, err)
		}
		if len(cols) > MaxImportColumns {
			return nil, fmt.Errorf("%w: row %d has more than %d columns", ErrImportFormat, len(records)+1, MaxImportColumns)
		}
		records = append(records, cols)
	}
	if err := rows.Error(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrImportFormat, err)
	}
	return records, nil
}

// fromRecords finds the key column in the header (case-insensitive, spaces,
// dashes and underscores ignored) and keeps the non-blank rows.
func fromRecords(records [][]string) (*ImportFile, error) {
	if len(records) == 0 {
		return nil, ErrImportFormat
	}
	col, by := -1, ""
	for i, h := range records[0] {
		switch normHeader(h) {
		case "email", "emailaddress", "mail":
			if by != "email" {
				col, by = i, "email"
			}
		case "externalid":
			if by == "" {
				col, by = i, "externalId"
			}
		}
	}
	if col < 0 {
		return nil, ErrImportFormat
	}
	f := &ImportFile{By: by, Rows: make([]ImportRow, 0, len(records)-1)}
	for i, rec := range records[1:] {
		v := ""
		if col < len(rec) {
			v = strings.TrimSpace(rec[col])
		}
		if v == "" && blank(rec) {
			continue // empty lines at the end of spreadsheets
		}
		f.Rows = append(f.Rows, ImportRow{Row: i + 2, Value: v})
	}
	return f, nil
}

func normHeader(h string) string {
	h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
	return strings.NewReplacer(" ", "", "_", "", "-", "").Replace(h)
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
