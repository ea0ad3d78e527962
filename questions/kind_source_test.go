package questions

import (
	"slices"
	"strings"
	"testing"
)

func TestSource_AtLeastOnePerRecordedDispute(t *testing.T) {
	eachTimeline(t, func(t *testing.T, tl *Timeline) {
		per := map[string]int{}
		for _, q := range bankOf(tl, KindSource) {
			per[q.EventIDs[0]]++
		}
		for _, e := range tl.Events {
			n := 0
			for _, d := range e.Disputes {
				if len(d.Claims) > 0 {
					n++
				}
			}
			if per[e.ID] < n {
				t.Errorf("%s: %d disputes with claims but %d source questions", e.ID, n, per[e.ID])
			}
		}
	})
}

func TestSource_AnswersWhoSaysWhatNeverTheClaimAsFact(t *testing.T) {
	eachTimeline(t, func(t *testing.T, tl *Timeline) {
		names := documentNames()
		for _, q := range bankOf(tl, KindSource) {
			e := mustEvent(t, tl, q.EventIDs[0])
			switch {
			case strings.HasPrefix(q.Prompt, "Which source "):
				// Every option is a document, and none but the answer makes the claim.
				for _, o := range q.Options {
					if !slices.Contains(names, o) {
						t.Errorf("%s: option %q is not a document", q.ID, o)
					}
				}
				says := strings.TrimSuffix(strings.TrimPrefix(q.Prompt, "Which source "), "?")
				for _, d := range e.Disputes {
					for _, c := range d.Claims {
						if strings.TrimSuffix(c.Says, ".") == says && Documents[c.Doc] != q.Answer[0] {
							t.Errorf("%s: %s also %s", q.ID, Documents[c.Doc], says)
						}
					}
				}
			case strings.HasSuffix(q.Prompt, "What does the record show?"):
				if !slices.ContainsFunc(names, func(n string) bool { return strings.HasPrefix(q.Prompt, n+" ") }) {
					t.Errorf("%s: the claim is not attributed: %q", q.ID, q.Prompt)
				}
				if !slices.ContainsFunc(e.Disputes, func(d Dispute) bool { return d.Record == q.Answer[0] }) {
					t.Errorf("%s: keyed %q, which is no dispute's record", q.ID, q.Answer[0])
				}
			default:
				t.Errorf("%s: unknown source question form %q", q.ID, q.Prompt)
			}
		}
	})
}
