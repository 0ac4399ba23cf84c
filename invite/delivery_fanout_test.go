package invite_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/provisiond/provisiond/invite"
)

// TestFanoutArgsPacked: a fan-out job's deliveries are stored as one string
// (one entry in PostgreSQL's GIN index on river_job.args, not three per
// delivery), and come back whole; a job queued in the earlier array form
// still reads.
func TestFanoutArgsPacked(t *testing.T) {
	in := invite.FanoutArgs{Deliveries: []invite.DeliveryArgs{
		{InvitationID: "inv-1", Token: []byte{1, 2, 3}},
		{InvitationID: "inv-2", Token: []byte("sealed")},
	}}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var stored map[string]any
	if err := json.Unmarshal(b, &stored); err != nil {
		t.Fatal(err)
	}
	if _, ok := stored["packed"].(string); !ok || len(stored) != 1 {
		t.Fatalf("stored as %s, want one packed string", b)
	}
	var out invite.FanoutArgs
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(out, in) {
		t.Fatalf("round trip: %+v, want %+v", out, in)
	}
	old := `{"deliveries":[{"invitationId":"inv-1","token":"AQID"},{"invitationId":"inv-2","token":"c2VhbGVk"}]}`
	out = invite.FanoutArgs{}
	if err := json.Unmarshal([]byte(old), &out); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(out, in) {
		t.Fatalf("array form: %+v, want %+v", out, in)
	}
	for _, bad := range []string{`{"packed":"bm90IGpzb24="}`, `{"packed":5}`, `[]`} {
		if err := json.Unmarshal([]byte(bad), &out); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}
