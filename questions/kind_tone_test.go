package questions

import (
	"strings"
	"testing"
)

func TestTone_OnlyWhereTheSourcesAgree(t *testing.T) {
	eachTimeline(t, func(t *testing.T, tl *Timeline) {
		for _, q := range Generate(tl) {
			if q.Kind != KindTone && !strings.HasSuffix(q.ID, ":tone-true") && !strings.HasSuffix(q.ID, ":tone-false") {
				continue
			}
			e := mustEvent(t, tl, q.EventIDs[0])
			if e.ToneReason == "" || !strings.Contains(q.Explanation, e.ToneReason) {
				t.Errorf("%s: tone asked without the reason the sources agree (%q)", q.ID, e.ToneReason)
			}
		}
	})
}
