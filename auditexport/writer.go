package auditexport

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/provisiond/provisiond/csvexport"
	"github.com/provisiond/provisiond/store"
)

// Formats are the export formats, by the name a request gives.
var Formats = map[string]string{"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson"}

// Header is the CSV header row.
var Header = []string{"id", "at", "actor", "action", "targetType", "target", "details"}

// Writer writes events in one format.
type Writer struct {
	csv  *csvexport.Writer
	json *json.Encoder
}

// New returns a Writer of format ("csv" or "jsonl") to w; a CSV starts with
// its header row.
func New(w io.Writer, format string) (*Writer, error) {
	switch format {
	case "csv":
		c := csvexport.NewWriter(w)
		if err := c.Write(Header); err != nil {
			return nil, err
		}
		return &Writer{csv: c}, nil
	case "jsonl":
		return &Writer{json: json.NewEncoder(w)}, nil
	}
	return nil, fmt.Errorf("auditexport: format %q: use csv or jsonl", format)
}

// Event is an audit event as the admin API shows it: a JSON Lines line of
// the export, and an item of GET /api/v1/audit-events.
type Event struct {
	ID         int64           `json:"id"`
	At         time.Time       `json:"at"`
	Actor      string          `json:"actor"`
	Action     string          `json:"action"`
	TargetType string          `json:"targetType"`
	Target     string          `json:"target"`
	Details    json.RawMessage `json:"details"`
}

// From is e as the API shows it (details that are not JSON become {}).
func From(e *store.AuditEvent) Event {
	details := json.RawMessage(e.Details)
	if !json.Valid(details) {
		details = json.RawMessage("{}")
	}
	return Event{ID: e.ID, At: e.At.UTC(), Actor: e.Actor, Action: e.Action,
		TargetType: e.TargetType, Target: e.TargetID, Details: details}
}

// Event writes one event.
func (w *Writer) Event(e *store.AuditEvent) error {
	if w.json != nil {
		return w.json.Encode(From(e))
	}
	return w.csv.Write([]string{strconv.FormatInt(e.ID, 10), e.At.UTC().Format(time.RFC3339Nano), e.Actor, e.Action,
		e.TargetType, e.TargetID, e.Details})
}

// Close flushes what is buffered and reports a write error.
func (w *Writer) Close() error {
	if w.csv == nil {
		return nil
	}
	w.csv.Flush()
	return w.csv.Error()
}

// ParseTime reads a time bound as an export takes it: an RFC 3339 time, or
// a date (YYYY-MM-DD, midnight UTC).
func ParseTime(v string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.DateOnly, v)
	if err != nil {
		return t, fmt.Errorf("auditexport: %q is neither an RFC 3339 time nor a date (YYYY-MM-DD)", v)
	}
	return t, nil
}
