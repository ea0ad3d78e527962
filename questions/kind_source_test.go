package questions

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestSource_AtLeastOnePerRecordedDispute(t *testing.T) {
	eachTimeline(t, func(t *testing.T, tl *Timeline) {
		var bank []Question
		for _, q := range bankOf(tl, KindSource) {
			bank = append(bank, q)
		}
		for _, e := range tl.Events {
			for _, d := range e.Disputes {
				asked := slices.ContainsFunc(bank, func(q Question) bool {
					return q.EventIDs[0] == e.ID && strings.Contains(q.Explanation, strings.TrimSpace(d.Note))
				})
				if !asked && strings.TrimSpace(d.Unasked) == "" {
					t.Errorf("%s: no source question on the dispute %q, and no reason given (unasked)", e.ID, d.Note)
				}
				if asked && d.Unasked != "" {
					t.Errorf("%s: the dispute %q is asked, yet says why it is not", e.ID, d.Note)
				}
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
			case strings.Contains(q.Prompt, ": which source "):
				// Every option is a document, none but the answer makes the
				// claim, and no citation name echoes the prompt.
				for _, o := range q.Options {
					if !slices.Contains(names, o) {
						t.Errorf("%s: option %q is not a document", q.ID, o)
					}
					if o == q.Answer[0] && echoes(q.Prompt, o) {
						t.Errorf("%s: the answer's citation %q echoes the prompt", q.ID, o)
					}
				}
				says := strings.TrimSuffix(q.Prompt[strings.Index(q.Prompt, ": which source ")+len(": which source "):], "?")
				for _, d := range e.Disputes {
					for _, c := range d.Claims {
						if strings.TrimSuffix(c.Says, ".") == says && Documents[c.Doc] != q.Answer[0] {
							t.Errorf("%s: %s also %s", q.ID, Documents[c.Doc], says)
						}
					}
				}
			case strings.HasSuffix(q.Prompt, "Which year does the record give?"):
				if q.Answer[0] != strconv.Itoa(e.Date.Year) || len(q.Options) != 4 {
					t.Errorf("%s: keyed %q of %d options; want the event's year of 4", q.ID, q.Answer[0], len(q.Options))
				}
				for _, o := range q.Options {
					if _, err := strconv.Atoi(o); err != nil {
						t.Errorf("%s: option %q is not a year", q.ID, o)
					}
				}
			default:
				t.Errorf("%s: unknown source question form %q", q.ID, q.Prompt)
			}
		}
	})
}

// documentNames are the five documents' citation names, in file order.
func documentNames() []string {
	files := make([]string, 0, len(Documents))
	for f := range Documents {
		files = append(files, f)
	}
	slices.Sort(files)
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = Documents[f]
	}
	return out
}
