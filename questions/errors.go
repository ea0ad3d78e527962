package questions

import (
	"errors"
	"fmt"
)

// Code classifies an application error so that the web layer can map it to a
// status in one place.
type Code string

// The error codes the application uses.
const (
	ENOTFOUND Code = "not_found" // no such thing, or not the asker's
	EINVALID  Code = "invalid"   // bad input
	ECONFLICT Code = "conflict"  // the request clashes with the current state
	EINTERNAL Code = "internal"  // a bug or an outside failure
)

// Error is an application error with a message fit to show a user.
type Error struct {
	Code    Code
	Message string
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Code, e.Message) }

// Errorf makes an application error.
func Errorf(code Code, format string, a ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, a...)}
}

// ErrNotFound is returned when a looked-up thing does not exist.
var ErrNotFound = &Error{Code: ENOTFOUND, Message: "Not found."}

// ErrorCode reports the code of the first application error in err's chain,
// ENOTFOUND for ErrNotFound, and EINTERNAL for anything else.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage reports the user-facing message of err, or a generic one for
// internal errors (whose text may hold details a user must not see).
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Something went wrong on our side. Please try again."
}

// EFORBIDDEN is for a request the asker may not make, such as a form
// without a valid CSRF token.
const EFORBIDDEN Code = "forbidden"

// EUNAUTHORIZED is for a request that needs a logged-in account.
const EUNAUTHORIZED Code = "unauthorized"
