package invite

import (
	"errors"
	"fmt"
	"net/mail"
	"runtime"
	"strings"
	"unicode/utf8"

	"github.com/provisiond/provisiond/password"
)

// Field codes of InputError, for translated messages.
const (
	CodeRequired = "required"
	CodeInvalid  = "invalid"
	CodeTooLong  = "too_long"
)

// InputError says which sign-up field is wrong and why. It matches ErrInvalidInput.
type InputError struct {
	Field string // "name" or "email"
	Code  string // CodeRequired, CodeInvalid, CodeTooLong
}

func (e *InputError) Error() string { return fmt.Sprintf("invite: %s: %s", e.Field, e.Code) }

// Is makes errors.Is(err, ErrInvalidInput) true.
func (e *InputError) Is(target error) bool { return target == ErrInvalidInput }

// checkSignUp validates and normalises the name and email of a sign-up.
func checkSignUp(in SignUpInput) (email, name string, err error) {
	name = strings.Join(strings.Fields(in.Name), " ")
	email = strings.TrimSpace(in.Email)
	switch {
	case name == "":
		return "", "", &InputError{Field: "name", Code: CodeRequired}
	case utf8.RuneCountInString(name) > 200:
		return "", "", &InputError{Field: "name", Code: CodeTooLong}
	case email == "":
		return "", "", &InputError{Field: "email", Code: CodeRequired}
	case len(email) > 254:
		return "", "", &InputError{Field: "email", Code: CodeTooLong}
	}
	addr, perr := mail.ParseAddress(email)
	if perr != nil || addr.Address != email || !strings.Contains(email[strings.LastIndexByte(email, '@'):], ".") {
		return "", "", &InputError{Field: "email", Code: CodeInvalid}
	}
	return email, name, nil
}

// hashSlots bounds concurrent argon2id hashes (19 MiB each), so a burst of
// sign-ups cannot exhaust memory.
var hashSlots = make(chan struct{}, max(2, runtime.GOMAXPROCS(0)))

func hashPassword(pw string) (string, error) {
	hashSlots <- struct{}{}
	defer func() { <-hashSlots }()
	return password.Hash(pw)
}

// IsPolicyError returns the password policy error in err's chain, if any.
func IsPolicyError(err error) (*password.PolicyError, bool) {
	var pe *password.PolicyError
	ok := errors.As(err, &pe)
	return pe, ok
}
