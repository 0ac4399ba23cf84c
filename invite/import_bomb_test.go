package invite_test

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/provisiond/provisiond/invite"
)

// xlsxWithRows is a real xlsx file whose first sheet has a header and rows
// data rows (one address each), written as a stream: its sheet part
// expands to about 50 bytes a row while the file stays small.
func xlsxWithRows(t testing.TB, rows int) []byte {
	return xlsxWith(t, func(bw *bufio.Writer) {
		fmt.Fprint(bw, `<row r="1"><c r="A1" t="inlineStr"><is><t>Email</t></is></c></row>`)
		for range rows { // rows without numbers: a spreadsheet counts them
			fmt.Fprint(bw, `<row><c t="inlineStr"><is><t>p@x.io</t></is></c></row>`)
		}
	})
}

// xlsxWithSheet is a real xlsx file whose first sheet's sheetData is rows,
// its parts stored uncompressed: the fuzzers build one per input, and
// compressing was most of each run's time.
func xlsxWithSheet(t testing.TB, rows []byte) []byte {
	return xlsxBuild(t, zip.Store, func(bw *bufio.Writer) { bw.Write(rows) })
}

// xlsxWith is a real xlsx file whose first sheet's sheetData rows writes,
// compressed as a spreadsheet application does.
func xlsxWith(t testing.TB, rows func(*bufio.Writer)) []byte {
	return xlsxBuild(t, zip.Deflate, rows)
}

// xlsxPart is one part of the base workbook.
type xlsxPart struct {
	name string
	data []byte
}

// xlsxBase is the parts of a one-sheet workbook written by excelize, read
// once for every file the tests build on it.
var xlsxBase = sync.OnceValues(func() ([]xlsxPart, error) {
	x := excelize.NewFile()
	x.SetSheetRow("Sheet1", "A1", &[]any{"Email"})
	var base bytes.Buffer
	if err := x.Write(&base); err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(base.Bytes()), int64(base.Len()))
	if err != nil {
		return nil, err
	}
	var parts []xlsxPart
	for _, part := range zr.File {
		r, err := part.Open()
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			return nil, err
		}
		parts = append(parts, xlsxPart{part.Name, data})
	}
	return parts, nil
})

// xlsxBuild writes the base workbook with method (zip.Store or
// zip.Deflate), its first sheet's sheetData written by rows.
func xlsxBuild(t testing.TB, method uint16, rows func(*bufio.Writer)) []byte {
	t.Helper()
	parts, err := xlsxBase()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, part := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: part.name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		if part.name == "xl/worksheets/sheet1.xml" {
			bw := bufio.NewWriterSize(w, 1<<16)
			fmt.Fprint(bw, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+
				`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
			rows(bw)
			fmt.Fprint(bw, `</sheetData></worksheet>`)
			if err := bw.Flush(); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if _, err := w.Write(part.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// allocated is how many bytes parse allocates (in all, garbage included).
func allocated(parse func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	parse()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// A small xlsx file that claims 3 million rows is refused before its rows
// are read, with bounded memory: it was read whole (43 s, +340 MB). Both
// parsers read xlsx the same way (invite files and account imports).
func TestXLSXBombRefusedEarly(t *testing.T) {
	data := xlsxWithRows(t, 3_000_000)
	if len(data) > 1<<20 {
		t.Fatalf("the bomb is %d KiB, not small", len(data)>>10)
	}
	t.Logf("file: %d KiB", len(data)>>10)
	for name, parse := range map[string]func() error{
		"invite":  func() error { _, err := invite.ParseImport("bomb.xlsx", data); return err },
		"account": func() error { _, err := invite.ParseAccountImport("bomb.xlsx", data); return err },
	} {
		var err error
		n := allocated(func() { err = parse() })
		if !errors.Is(err, invite.ErrImportFormat) || !strings.Contains(err.Error(), "expands to more than") {
			t.Fatalf("%s: %v", name, err)
		}
		if n > 16<<20 {
			t.Errorf("%s: refusing the file allocated %d MiB", name, n>>20)
		}
	}
}

// A file within the expansion limit but over the row cap is refused as
// soon as the cap is passed, streaming: its rows are not all read first.
func TestXLSXRowCapStreams(t *testing.T) {
	data := xlsxWithRows(t, 400_000)
	var err error
	n := allocated(func() { _, err = invite.ParseImport("many.xlsx", data) })
	if !errors.Is(err, invite.ErrImportFormat) || !strings.Contains(err.Error(), "more than 100000 rows") {
		t.Fatalf("400,000 rows: %v", err)
	}
	t.Logf("refusing 400,000 rows allocated %d MiB", n>>20)
	if n > 512<<20 {
		t.Errorf("refusing 400,000 rows allocated %d MiB", n>>20)
	}
}

// A row of more cells than an import has columns is refused.
func TestXLSXColumnCap(t *testing.T) {
	x := excelize.NewFile()
	x.SetSheetRow("Sheet1", "A1", &[]any{"Email"})
	x.SetCellValue("Sheet1", "ZZ2", "far")
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if _, err := invite.ParseImport("wide.xlsx", buf.Bytes()); !errors.Is(err, invite.ErrImportFormat) || !strings.Contains(err.Error(), "columns") {
		t.Fatalf("a 702-column row: %v", err)
	}
}

// BenchmarkXLSXBomb times the refusal of a small xlsx file claiming
// 3,000,000 rows (make bench: the xlsx-bomb suite), with what it allocated.
func BenchmarkXLSXBomb(b *testing.B) {
	data := xlsxWithRows(b, 3_000_000)
	b.Run("3M-rows", func(b *testing.B) {
		var n uint64
		start := time.Now()
		for range b.N {
			n = allocated(func() {
				if _, err := invite.ParseImport("bomb.xlsx", data); !errors.Is(err, invite.ErrImportFormat) {
					b.Fatal(err)
				}
			})
		}
		b.ReportMetric(float64(time.Since(start).Milliseconds())/float64(b.N), "refuse_ms")
		b.ReportMetric(float64(n)/(1<<20), "alloc_MiB")
		b.ReportMetric(float64(len(data))/1024, "file_KiB")
	})
}
