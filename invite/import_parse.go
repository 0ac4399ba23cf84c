package invite

import (
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

func parseXLSX(data []byte) ([][]string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrImportFormat, err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, ErrImportFormat
	}
	rows, err := f.GetRows(sheets[0])
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrImportFormat, err)
	}
	if len(rows) > MaxImportRows+1 {
		return nil, fmt.Errorf("%w: more than %d rows", ErrImportFormat, MaxImportRows)
	}
	return rows, nil
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
