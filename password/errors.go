package password

import "fmt"

// Stable codes of PolicyError, for API responses and translated messages.
const (
	CodeTooShort        = "too_short"
	CodeTooLong         = "too_long"
	CodeCommon          = "common"
	CodeContainsContext = "contains_context"
)

// Sentinels for errors.Is; they match any PolicyError with the same code.
var (
	ErrTooShort        = &PolicyError{Code: CodeTooShort}
	ErrTooLong         = &PolicyError{Code: CodeTooLong}
	ErrCommon          = &PolicyError{Code: CodeCommon}
	ErrContainsContext = &PolicyError{Code: CodeContainsContext}
)

// PolicyError says why Policy.Check refused a password. It never carries the password.
type PolicyError struct {
	Code     string // one of the Code constants
	Min, Max int    // the bounds in force, for messages such as "at least 15 characters"
}

func (e *PolicyError) Error() string {
	switch e.Code {
	case CodeTooShort:
		return fmt.Sprintf("password: shorter than %d characters", e.Min)
	case CodeTooLong:
		return fmt.Sprintf("password: longer than %d characters", e.Max)
	case CodeCommon:
		return "password: too common"
	case CodeContainsContext:
		return "password: contains the account's name or address"
	}
	return "password: rejected (" + e.Code + ")"
}

// Is makes errors.Is(err, ErrTooShort) and friends match on the code alone.
func (e *PolicyError) Is(target error) bool {
	t, ok := target.(*PolicyError)
	return ok && t.Code == e.Code
}
