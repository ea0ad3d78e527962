package written

import (
	"strings"
	"unicode"
)

// Credited says, for each of q's points, whether an answer that mentions
// the events in found earns it. Finding a point's event is not enough
// where several points share that event (the 1965 war links Soviet
// neutrality, the Tashkent talks and Shastri's death): a point is then
// credited only if the answer also uses one of the point's own words, a
// word of four letters or more that no other point sharing a found event
// has. A point never mentioned is never credited: precision comes first.
func (q Question) Credited(found map[string]bool, answer string) []bool {
	said := wordSet(answer)
	words := make([]map[string]bool, len(q.Points))
	for i, p := range q.Points {
		words[i] = wordSet(p.Text)
	}
	out := make([]bool, len(q.Points))
	for i, p := range q.Points {
		shared := map[string]bool{} // found events p shares with another point
		hit := false
		for _, e := range p.Events {
			if !found[e] {
				continue
			}
			hit = true
			for j, o := range q.Points {
				if j != i && contains(o.Events, e) {
					shared[e] = true
				}
			}
		}
		if !hit {
			continue
		}
		if len(shared) == 0 {
			out[i] = true
			continue
		}
		for w := range words[i] {
			if !said[w] || sharedWord(q, i, w, shared, words) {
				continue
			}
			out[i] = true
			break
		}
	}
	return out
}

// sharedWord reports whether another point linked to one of the events
// also has word w.
func sharedWord(q Question, i int, w string, events map[string]bool, words []map[string]bool) bool {
	for j, o := range q.Points {
		if j == i || !words[j][w] {
			continue
		}
		for _, e := range o.Events {
			if events[e] {
				return true
			}
		}
	}
	return false
}

func contains(s []string, x string) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}

// stopWords are common words of four letters or more that say nothing
// about a point.
var stopWords = map[string]bool{"that": true, "this": true, "with": true, "from": true, "were": true, "when": true,
	"after": true, "before": true, "which": true, "their": true, "there": true, "they": true, "them": true,
	"have": true, "into": true, "also": true, "than": true, "then": true, "both": true, "while": true, "would": true}

// wordSet is the lower-case words of four letters or more in s, but the
// stop words.
func wordSet(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len([]rune(w)) >= 4 && !stopWords[w] {
			out[w] = true
		}
	}
	return out
}
