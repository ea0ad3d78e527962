package handlers

// PasswordHashes is how many bcrypt hashes the handlers have made, for the
// tests that check a refused sign-up made none.
func PasswordHashes() int64 { return passwordHashes.Load() }
