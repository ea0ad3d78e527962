package db

import (
	"sync"
	"time"

	"sabaq/questions"
)

// identityCache keeps who a cookie belongs to: every request starts by
// asking, and the answer rarely changes. An entry is good while no write
// has counted for everyone since it was read (log-outs, password changes,
// sign-ups claiming a learner, deletions all do) and, for a log-in session,
// until the session expires. Keys are the tokens' SHA-256 hashes, as stored,
// so the tokens themselves are kept nowhere.
type identityCache struct {
	mu sync.Mutex
	m  map[identityKey]identity
}

type identityKey struct {
	session bool // a log-in session's token, else an anonymous learner's
	hash    [32]byte
}

type identity struct {
	generation uint64
	expires    time.Time // zero for anonymous learners
	account    questions.Account
	learner    questions.Learner
}

// maxIdentities bounds the memory: an entry is about 200 bytes.
const maxIdentities = 50_000

func newIdentityCache() *identityCache {
	return &identityCache{m: map[identityKey]identity{}}
}

func (c *identityCache) get(k identityKey, generation uint64, now time.Time) (identity, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	id, ok := c.m[k]
	if !ok {
		return id, false
	}
	if id.generation != generation || (!id.expires.IsZero() && !now.Before(id.expires)) {
		delete(c.m, k)
		return id, false
	}
	return id, true
}

func (c *identityCache) put(k identityKey, id identity) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= maxIdentities {
		// Full: start again rather than track use; the entries come back
		// at one query each.
		clear(c.m)
	}
	c.m[k] = id
}
