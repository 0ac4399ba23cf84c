package web

import (
	"testing"

	"github.com/provisiond/provisiond/ui"
)

// Every status the console shows has a label (the templates build these keys
// at run time, so ui's scan of literal keys cannot see them).
func TestConsoleStatusLabels(t *testing.T) {
	for _, group := range [][]string{accountStatuses, invitationStatuses} {
		for _, st := range group {
			if !ui.Has("status." + st) {
				t.Errorf("no label for status %s", st)
			}
		}
	}
}
