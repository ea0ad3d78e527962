package questions

import (
	"regexp"
	"strings"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// Role is what an account may do.
type Role string

// The roles.
const (
	Student Role = "student"
	Teacher Role = "teacher"
)

// Account is a signed-up user.
type Account struct {
	ID        int64
	Username  string
	Role      Role
	CreatedAt time.Time
	LearnerID int64 // the learner whose progress is this account's
}

// NewAccount is what creating an account needs.
type NewAccount struct {
	Username     string
	PasswordHash []byte
	Role         Role
	// ClaimLearner is the anonymous learner whose progress the account takes
	// over; 0 makes a fresh learner.
	ClaimLearner int64
	// Invite is a teacher invitation token to use up, if any.
	Invite string
}

// Limits on credentials. bcrypt reads at most 72 bytes of a password.
const (
	MinPassword = 8
	MaxPassword = 72
)

// Session and throttling rules.
const (
	SessionLifetime = 30 * 24 * time.Hour
	InviteLifetime  = 7 * 24 * time.Hour
	// After MaxLoginFailures failed log-ins within LoginWindow, for a
	// username or from an address, further attempts wait.
	MaxLoginFailures = 5
	LoginWindow      = 15 * time.Minute
)

var usernameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{2,31}$`)

// ValidateCredentials checks a new username and password (typed twice).
func ValidateCredentials(username, password, again string) FieldErrors {
	errs := FieldErrors{}
	if !usernameRE.MatchString(username) {
		errs["username"] = "Use 3 to 32 letters, digits, dots, dashes or underscores, starting with a letter or digit."
	}
	if msg := ValidatePassword(password, again); msg != "" {
		errs["password"] = msg
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// ValidatePassword checks a new password, returning what is wrong or "".
func ValidatePassword(password, again string) string {
	switch {
	case len(password) < MinPassword:
		return "Choose a password of at least 8 characters."
	case len(password) > MaxPassword:
		return "Choose a password of at most 72 bytes."
	case strings.TrimSpace(password) == "":
		return "A password cannot be only spaces."
	case password != again:
		return "The two passwords are not the same."
	}
	return ""
}

// HashPassword hashes a password with bcrypt at its default cost.
func HashPassword(password string) ([]byte, error) {
	return bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
}

// CheckPassword reports whether password matches the hash.
func CheckPassword(hash []byte, password string) bool {
	return bcrypt.CompareHashAndPassword(hash, []byte(password)) == nil
}

// dummyHash is compared against when a username does not exist, so that a
// log-in takes as long whether or not the account exists.
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("not a real password"), bcrypt.DefaultCost)

// CheckNoPassword spends the time a password check takes, and fails.
func CheckNoPassword(password string) bool {
	bcrypt.CompareHashAndPassword(dummyHash, []byte(password))
	return false
}
