package mail

import (
	"errors"
	"net/textproto"

	gomail "github.com/wneessen/go-mail"
)

// permanentError marks failures no retry can fix, such as an invalid recipient address.
type permanentError struct{ err error }

func (e permanentError) Error() string { return e.err.Error() }
func (e permanentError) Unwrap() error { return e.err }

func permanent(err error) error { return permanentError{err} }

// IsPermanent reports whether retrying err is pointless: the server answered with a 5xx
// reply (rejected recipient, refused message, failed authentication) or the message could
// not be built. Everything else (connection refused, timeouts, 4xx replies, TLS trouble) is
// temporary: the delivery job retries it with backoff.
func IsPermanent(err error) bool {
	if err == nil {
		return false
	}
	if errors.As(err, new(permanentError)) {
		return true
	}
	// go-mail's SendError does not unwrap to the server reply; it keeps the code itself.
	var se *gomail.SendError
	if errors.As(err, &se) {
		if code := se.ErrorCode(); code != 0 {
			return code >= 500 && code < 600
		}
		return !se.IsTemp() && se.Reason == gomail.ErrNoUnencoded
	}
	// Replies during the dial (greeting, EHLO, STARTTLS, AUTH) arrive as textproto errors.
	var te *textproto.Error
	if errors.As(err, &te) {
		return te.Code >= 500 && te.Code < 600
	}
	return false
}
