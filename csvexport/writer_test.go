package csvexport

import (
	"bytes"
	"encoding/csv"
	"testing"
)

func TestWriterNeutralisesFormulaCells(t *testing.T) {
	in := []string{`=HYPERLINK("http://x","y")`, "+1", "-2", "@SUM(A1)", "\tx", "\rx", "plain", "", "a=b"}
	want := []string{`'=HYPERLINK("http://x","y")`, "'+1", "'-2", "'@SUM(A1)", "'\tx", "'\rx", "plain", "", "a=b"}
	var buf bytes.Buffer
	w := NewWriter(&buf)
	if err := w.Write(in); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	got, err := csv.NewReader(&buf).Read()
	if err != nil {
		t.Fatal(err)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("cell %d: got %q, want %q", i, got[i], want[i])
		}
	}
}
