package mail

import (
	"errors"
	"fmt"
	"net/textproto"
	"strings"
	"testing"
)

// TestReply: the SMTP reply is found in a textproto error (dial-time
// replies), clipped, and stripped of control characters; an error without
// a reply gives "".
func TestReply(t *testing.T) {
	long := strings.Repeat("x", 1000)
	for _, c := range []struct {
		err  error
		want string
	}{
		{nil, ""},
		{errors.New("dial tcp 127.0.0.1:25: connect: connection refused"), ""},
		{fmt.Errorf("auth: %w", &textproto.Error{Code: 535, Msg: "5.7.8 bad credentials\r\nInjected: header"}), "535 5.7.8 bad credentials  Injected: header"},
		{&textproto.Error{Code: 554, Msg: long}, "554 " + long[:MaxReply-5] + "…"},
	} {
		if got := Reply(c.err); got != c.want {
			t.Errorf("Reply(%v) = %q, want %q", c.err, got, c.want)
		}
	}
}
