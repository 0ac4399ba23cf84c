package mail

import (
	"errors"
	"net/textproto"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	gomail "github.com/wneessen/go-mail"
)

// MaxReply bounds the server reply kept for admins.
const MaxReply = 300

// replyRE finds an SMTP reply in go-mail's error text: the code, then the
// text (quoted by go-mail), up to the recipients or message id it appends.
var replyRE = regexp.MustCompile(`\b([45][0-9]{2}) "?(.*?)"?(?:, affected recipient|, affected message ID|$)`)

// Reply returns the SMTP server's own reply in err ("550 5.1.1 no such
// user"), for admins to read beside the delivery's state: at most MaxReply
// characters, control characters dropped, without the server's address or
// the recipients go-mail appends. "" when the server gave no reply (it could
// not be reached).
func Reply(err error) string {
	if err == nil {
		return ""
	}
	var te *textproto.Error
	if errors.As(err, &te) {
		return clip(strconv.Itoa(te.Code) + " " + te.Msg)
	}
	var se *gomail.SendError
	if !errors.As(err, &se) || se.ErrorCode() == 0 {
		return ""
	}
	m := replyRE.FindStringSubmatch(se.Error())
	if m == nil {
		return clip(strconv.Itoa(se.ErrorCode()))
	}
	return clip(m[1] + " " + m[2])
}

func clip(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > MaxReply {
		s = string(r[:MaxReply-1]) + "…"
	}
	return s
}
