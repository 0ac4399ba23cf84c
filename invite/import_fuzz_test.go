package invite_test

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/provisiond/provisiond/invite"
)

// smallXLSX is a valid xlsx file of rows, a seed for the fuzzers.
func smallXLSX(f *testing.F, rows ...[]any) []byte {
	x := excelize.NewFile()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		x.SetSheetRow("Sheet1", cell, &r)
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		f.Fatal(err)
	}
	return buf.Bytes()
}

// FuzzXLSX: no xlsx file, however mangled, panics the parser or passes the
// limits; what it returns keeps its rows in order.
func FuzzXLSX(f *testing.F) {
	f.Add(smallXLSX(f, []any{"Email"}, []any{"a@example.com"}))
	f.Add(smallXLSX(f, []any{"Name", "External ID"}, []any{"Ann", "42"}, nil, []any{"Cid", "43"}))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := invite.ParseImport("fuzz.xlsx", data)
		if err != nil {
			return
		}
		if len(file.Rows) > invite.MaxImportRows {
			t.Fatalf("%d rows", len(file.Rows))
		}
		rowsInOrder(t, file.Rows)
	})
}

// FuzzAccountImport: the account-import parser (csv and xlsx) never panics
// and never returns more rows than the cap.
func FuzzAccountImport(f *testing.F) {
	f.Add("people.csv", []byte("userName,email,givenName,familyName,roles\nada,ada@example.com,Ada,Lovelace,\"editor;admin\"\n"))
	f.Add("people.csv", []byte("\ufeffExternal ID;userName\n42;bob\n"))
	f.Add("people.xlsx", smallXLSX(f, []any{"userName", "email"}, []any{"ada", "ada@example.com"}))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		rows, err := invite.ParseAccountImport(name, data)
		if err != nil {
			return
		}
		if len(rows) > invite.MaxImportRows {
			t.Fatalf("%d rows", len(rows))
		}
	})
}

// FuzzXLSXSheet mutates the sheet's XML inside a well-formed xlsx file
// (mutating the compressed bytes rarely gets past the zip's checksums).
func FuzzXLSXSheet(f *testing.F) {
	f.Add([]byte(`<row r="1"><c r="A1" t="inlineStr"><is><t>Email</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>a@example.com</t></is></c></row>`))
	f.Add([]byte(`<row><c t="inlineStr"><is><t>External ID</t></is></c></row><row r="9"><c r="XFD9"><v>1</v></c></row>`))
	f.Fuzz(func(t *testing.T, sheet []byte) {
		data := xlsxWithSheet(t, sheet)
		file, err := invite.ParseImport("fuzz.xlsx", data)
		if err != nil {
			return
		}
		if len(file.Rows) > invite.MaxImportRows {
			t.Fatalf("%d rows", len(file.Rows))
		}
	})
}
