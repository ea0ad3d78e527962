package questions

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// seedsDir is where the seed documents live, relative to this package: the
// repository and shared/ sit side by side, locally and in CI.
const seedsDir = "../../shared/seeds"

func loadTimeline(t *testing.T) *Timeline {
	t.Helper()
	tl, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return tl
}

func TestLoad_BuiltInTimelineIsValidAndCoversTheWholePeriod(t *testing.T) {
	tl := loadTimeline(t)

	if n := len(tl.Events); n < 50 {
		t.Errorf("timeline has %d events, want at least 50", n)
	}
	if len(tl.Events) == 0 {
		t.Fatal("timeline has no events")
	}
	if first := tl.Events[0].Date.Year; first != 1947 {
		t.Errorf("first event is in %d, want 1947", first)
	}
	if last := tl.Events[len(tl.Events)-1].Date.Year; last != 2011 {
		t.Errorf("last event is in %d, want 2011", last)
	}

	perEra := map[string]int{}
	ids := map[string]bool{}
	for _, e := range tl.Events {
		perEra[e.Era]++
		if ids[e.ID] {
			t.Errorf("event id %q is used twice", e.ID)
		}
		ids[e.ID] = true
	}
	for _, era := range Eras {
		if perEra[era.ID] == 0 {
			t.Errorf("era %q (%s) has no events", era.ID, era.Span)
		}
	}
}

func TestLoad_ActorsSupportWhoQuestions(t *testing.T) {
	tl := loadTimeline(t)

	people := map[string]int{}
	for _, a := range tl.Actors {
		if a.Kind != Person {
			if a.Country != "" {
				t.Errorf("actor %q is a %s but has a country", a.ID, a.Kind)
			}
			continue
		}
		c, ok := tl.Actor(a.Country)
		if !ok || c.Kind != State {
			t.Errorf("person %q serves %q, which is not a state in the registry", a.ID, a.Country)
		}
		people[a.Country]++
	}
	if n := people["pakistan"]; n < 6 {
		t.Errorf("%d Pakistani people in the registry, want at least 6", n)
	}
	if n := people["soviet-union"] + people["russia"]; n < 6 {
		t.Errorf("%d Soviet or Russian people in the registry, want at least 6", n)
	}

	used := map[string]bool{}
	for _, e := range tl.Events {
		for _, a := range e.Actors {
			used[a] = true
		}
	}
	for _, a := range tl.Actors {
		if a.Kind == Person && !used[a.ID] {
			t.Errorf("person %q appears in no event", a.ID)
		}
	}
}

// validTimeline is a small timeline that passes Validate; the rejection
// cases each break one thing in a fresh copy of it.
func validTimeline() map[string]any {
	return map[string]any{
		"actors": []any{
			map[string]any{"id": "pakistan", "name": "Pakistan", "kind": "state", "role": "State"},
			map[string]any{"id": "ayub-khan", "name": "Ayub Khan", "kind": "person", "role": "President of Pakistan 1958–69", "country": "pakistan"},
		},
		"events": []any{
			map[string]any{
				"id": "first", "date": "1965-04-03", "era": "military",
				"title": "First", "summary": "Something happened.",
				"actors": []any{"ayub-khan"}, "themes": []any{"diplomacy"}, "tone": "warming",
				"sources":      []any{map[string]any{"doc": "001_911a79f62d7cfbda.txt", "quote": "a short quote"}},
				"led_to":       []any{"second"},
				"roles":        map[string]any{"ayub-khan": "visited Moscow"},
				"link_sources": map[string]any{"second": map[string]any{"doc": "001_911a79f62d7cfbda.txt", "quote": "a short quote"}},
			},
			map[string]any{
				"id": "second", "date": "1966-01-10", "era": "military",
				"title": "Second", "summary": "Something else happened.",
				"actors": []any{"pakistan"}, "themes": []any{"war"}, "tone": "neutral",
				"sources": []any{map[string]any{"doc": "000_247525f416ab8d2c.txt", "quote": "another quote"}},
				"roles":   map[string]any{"pakistan": "signed"},
			},
		},
	}
}

func event(tl map[string]any, i int) map[string]any {
	return tl["events"].([]any)[i].(map[string]any)
}

func TestParse_AcceptsTheValidFixture(t *testing.T) {
	b, err := json.Marshal(validTimeline())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse(b); err != nil {
		t.Fatalf("valid fixture rejected: %v", err)
	}
}

func TestValidate_RejectsBadData(t *testing.T) {
	tests := []struct {
		name    string
		mutate  func(tl map[string]any)
		wantErr string
	}{
		{"duplicate event id", func(tl map[string]any) {
			event(tl, 1)["id"] = "first"
			delete(event(tl, 0), "led_to")
			delete(event(tl, 0), "link_sources")
		}, "duplicate id"},
		{"day that does not exist", func(tl map[string]any) { event(tl, 0)["date"] = "1965-02-30" }, "no such day"},
		{"month that does not exist", func(tl map[string]any) { event(tl, 0)["date"] = "1965-13" }, "no such month"},
		{"malformed date", func(tl map[string]any) { event(tl, 0)["date"] = "April 1965" }, "want YYYY"},
		{"era inconsistent with date", func(tl map[string]any) { event(tl, 0)["era"] = "democracy" }, "outside era"},
		{"unknown era", func(tl map[string]any) { event(tl, 0)["era"] = "ayub" }, "unknown era"},
		{"unknown led_to target", func(tl map[string]any) { event(tl, 0)["led_to"] = []any{"nowhere"} }, "led_to names unknown event \"nowhere\""},
		{"link without a source", func(tl map[string]any) { delete(event(tl, 0), "link_sources") }, "cites no source"},
		{"link source for no link", func(tl map[string]any) {
			event(tl, 1)["link_sources"] = map[string]any{"first": map[string]any{"doc": "001_911a79f62d7cfbda.txt", "quote": "q"}}
		}, "not in led_to"},
		{"actor without a role", func(tl map[string]any) { event(tl, 0)["roles"] = map[string]any{} }, "has no role"},
		{"role for someone not involved", func(tl map[string]any) {
			event(tl, 1)["roles"] = map[string]any{"pakistan": "signed", "ayub-khan": "watched"}
		}, "not among its actors"},
		{"record for an unknown key", func(tl map[string]any) { event(tl, 0)["record"] = map[string]any{"place": "x"} }, "record \"place\""},
		{"claim from an unknown document", func(tl map[string]any) {
			event(tl, 0)["disputes"] = []any{map[string]any{"aspect": "date", "note": "n", "sources": []any{"000_247525f416ab8d2c.txt"},
				"claims": []any{map[string]any{"doc": "x.txt", "says": "dates it to 1950"}}}}
		}, "claim needs a known document"},
		{"actor ending before it starts", func(tl map[string]any) {
			a := tl["actors"].([]any)[1].(map[string]any)
			a["from"], a["to"] = "1969", "1958"
		}, "ends (1958) before it starts"},
		{"ends an unknown event", func(tl map[string]any) { event(tl, 1)["ends"] = "nowhere" }, "ends names unknown event \"nowhere\""},
		{"a link that quotes the event's own interpretation", func(tl map[string]any) {
			e := event(tl, 0)
			src := e["link_sources"].(map[string]any)
			for _, v := range src {
				in := v.(map[string]any)
				e["interpretations"] = []any{map[string]any{"doc": in["doc"], "says": "believes it", "quote": in["quote"]}}
			}
		}, "quotes a view the event records as an interpretation"},
		{"bears_on an unknown event", func(tl map[string]any) {
			event(tl, 1)["bears_on"] = map[string]any{"nowhere": map[string]any{"doc": "001_911a79f62d7cfbda.txt", "quote": "q"}}
		}, "bears_on names unknown event \"nowhere\""},
		{"bears_on what it leads to", func(tl map[string]any) {
			event(tl, 0)["bears_on"] = map[string]any{"second": map[string]any{"doc": "001_911a79f62d7cfbda.txt", "quote": "q"}}
		}, "in led_to already"},
		{"ends a later event", func(tl map[string]any) { event(tl, 0)["ends"] = "second" }, "which did not come before it"},
		{"led_to pointing backwards", func(tl map[string]any) {
			delete(event(tl, 0), "led_to")
			delete(event(tl, 0), "link_sources")
			event(tl, 1)["led_to"] = []any{"first"}
			event(tl, 1)["link_sources"] = map[string]any{"first": map[string]any{"doc": "001_911a79f62d7cfbda.txt", "quote": "q"}}
		}, "came before it"},
		{"unknown actor", func(tl map[string]any) {
			event(tl, 0)["actors"] = []any{"ayub"}
			event(tl, 0)["roles"] = map[string]any{"ayub": "visited"}
		}, "unknown actor \"ayub\""},
		{"no actors", func(tl map[string]any) { event(tl, 0)["actors"] = []any{} }, "no actors"},
		{"event without sources", func(tl map[string]any) { event(tl, 0)["sources"] = []any{} }, "no sources"},
		{"empty quote", func(tl map[string]any) {
			event(tl, 0)["sources"] = []any{map[string]any{"doc": "001_911a79f62d7cfbda.txt", "quote": "  "}}
		}, "has 0 words"},
		{"quote of 30 words", func(tl map[string]any) {
			q := strings.TrimSpace(strings.Repeat("word ", 30))
			event(tl, 0)["sources"] = []any{map[string]any{"doc": "001_911a79f62d7cfbda.txt", "quote": q}}
		}, "has 30 words"},
		{"unknown document", func(tl map[string]any) {
			event(tl, 0)["sources"] = []any{map[string]any{"doc": "999.txt", "quote": "a quote"}}
		}, "unknown document"},
		{"unknown theme", func(tl map[string]any) { event(tl, 0)["themes"] = []any{"sport"} }, "unknown theme \"sport\""},
		{"bad tone", func(tl map[string]any) { event(tl, 0)["tone"] = "hot" }, "tone \"hot\""},
		{"summary too long", func(tl map[string]any) { event(tl, 0)["summary"] = "One. Two. Three. Four." }, "summary has 4 sentences"},
		{"id that is not a slug", func(tl map[string]any) {
			event(tl, 1)["id"] = "Second Event"
			delete(event(tl, 0), "led_to")
			delete(event(tl, 0), "link_sources")
		}, "not a slug"},
		{"dispute with a bad aspect", func(tl map[string]any) {
			event(tl, 0)["disputes"] = []any{map[string]any{"aspect": "place", "note": "n", "sources": []any{"000_247525f416ab8d2c.txt"}}}
		}, "aspect \"place\""},
		{"dispute without a note", func(tl map[string]any) {
			event(tl, 0)["disputes"] = []any{map[string]any{"aspect": "date", "note": " ", "sources": []any{"000_247525f416ab8d2c.txt"}}}
		}, "needs a note"},
		{"dispute citing an unknown document", func(tl map[string]any) {
			event(tl, 0)["disputes"] = []any{map[string]any{"aspect": "date", "note": "n", "sources": []any{"notes.txt"}}}
		}, "unknown document \"notes.txt\""},
		{"empty alias", func(tl map[string]any) { event(tl, 0)["aliases"] = []any{"  "} }, "empty alias"},
		{"alias shared by two events", func(tl map[string]any) {
			event(tl, 0)["aliases"] = []any{"The Agreement"}
			event(tl, 1)["aliases"] = []any{"the  agreement"}
		}, "is also an alias of"},
		{"actor with a bad kind", func(tl map[string]any) {
			tl["actors"].([]any)[0].(map[string]any)["kind"] = "country"
		}, "kind \"country\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl := validTimeline()
			tt.mutate(tl)
			b, err := json.Marshal(tl)
			if err != nil {
				t.Fatal(err)
			}
			_, err = Parse(b)
			if err == nil {
				t.Fatalf("Parse accepted a timeline with %s", tt.name)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %q does not mention %q", err, tt.wantErr)
			}
		})
	}
}

// collapse turns every run of whitespace into one space, so that quotes
// match documents whatever their line breaks.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// readSeeds reads the seed documents, or skips (locally) or fails (in CI)
// when they are not there.
func readSeeds(t *testing.T) map[string]string {
	t.Helper()
	if _, err := os.Stat(seedsDir); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("seed documents not found at %s (needed in CI): %v", seedsDir, err)
		}
		t.Skipf("seed documents not found at %s; skipping quote checks (they run in CI)", seedsDir)
	}
	docs := map[string]string{}
	for name := range Documents {
		b, err := os.ReadFile(filepath.Join(seedsDir, name))
		if errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("seed document %s is missing from %s", name, seedsDir)
		}
		if err != nil {
			t.Fatal(err)
		}
		docs[name] = collapse(string(b))
	}
	return docs
}

func TestSourceQuotes_AppearVerbatimInTheirDocuments(t *testing.T) {
	tl := loadTimeline(t)
	docs := readSeeds(t)
	for _, e := range tl.Events {
		for _, s := range e.Sources {
			if !strings.Contains(docs[s.Doc], collapse(s.Quote)) {
				t.Errorf("event %q: quote not found verbatim in %s: %q", e.ID, s.Doc, s.Quote)
			}
		}
		for to, s := range e.LinkSources {
			if !strings.Contains(docs[s.Doc], collapse(s.Quote)) {
				t.Errorf("event %q: the source of its link to %q is not verbatim in %s: %q", e.ID, to, s.Doc, s.Quote)
			}
			if w := len(strings.Fields(s.Quote)); w >= 30 {
				t.Errorf("event %q: the link quote has %d words, want under 30", e.ID, w)
			}
		}
		for to, s := range e.BearsOn {
			if !strings.Contains(docs[s.Doc], collapse(s.Quote)) {
				t.Errorf("event %q: the source it bears on %q by is not verbatim in %s: %q", e.ID, to, s.Doc, s.Quote)
			}
			if w := len(strings.Fields(s.Quote)); w >= 30 {
				t.Errorf("event %q: the bears_on quote has %d words, want under 30", e.ID, w)
			}
		}
		for _, d := range e.Disputes {
			for _, c := range d.Claims {
				if c.Quote != "" && !strings.Contains(docs[c.Doc], collapse(c.Quote)) {
					t.Errorf("event %q: claim quote not verbatim in %s: %q", e.ID, c.Doc, c.Quote)
				}
				if w := len(strings.Fields(c.Quote)); w >= 30 {
					t.Errorf("event %q: a claim quote has %d words, want under 30", e.ID, w)
				}
			}
		}
		for _, in := range e.Interpretations {
			if !strings.Contains(docs[in.Doc], collapse(in.Quote)) {
				t.Errorf("event %q: interpretation quote not verbatim in %s: %q", e.ID, in.Doc, in.Quote)
			}
			if w := len(strings.Fields(in.Quote)); w >= 30 {
				t.Errorf("event %q: the interpretation quote has %d words, want under 30", e.ID, w)
			}
		}
	}
}

func TestDisputes_NameTheirDocumentsAndExplain(t *testing.T) {
	tl := loadTimeline(t)
	n := 0
	for _, e := range tl.Events {
		for _, d := range e.Disputes {
			n++
			if strings.TrimSpace(d.Note) == "" {
				t.Errorf("event %q: %s dispute has no note", e.ID, d.Aspect)
			}
			if len(d.Sources) == 0 {
				t.Errorf("event %q: %s dispute names no documents", e.ID, d.Aspect)
			}
			for _, doc := range d.Sources {
				if _, ok := Documents[doc]; !ok {
					t.Errorf("event %q: %s dispute cites %q, which is not a seed document", e.ID, d.Aspect, doc)
				}
			}
		}
	}
	if n < 12 {
		t.Errorf("%d disputes recorded, want at least 12", n)
	}
}

func TestDisputes_KnownContradictionsAreRecorded(t *testing.T) {
	tl := loadTimeline(t)
	const (
		revision  = "000_247525f416ab8d2c.txt"
		sovietArt = "001_911a79f62d7cfbda.txt"
		granville = "002_78d0894eccec32f8.txt"
		essay     = "003_aafc18c92e579520.txt"
		russiaArt = "004_bce41f32adc6233d.txt"
	)
	tests := []struct {
		event    string
		wantDate string // the established date the event states
		aspect   Aspect
		doc      string // a document making the disputed claim
	}{
		{"u2-incident", "1960-05-01", AspectDate, revision},
		{"pakistan-joins-baghdad-pact", "1955-09-23", AspectDate, granville},
		{"soviet-oil-exploration-agreement", "1961-03-04", AspectDate, sovietArt},
		{"soviet-oil-exploration-agreement", "1961-03-04", AspectDate, russiaArt},
		{"soviet-oil-exploration-agreement", "1961-03-04", AspectDetail, sovietArt},
		{"rawalpindi-conspiracy", "1951-03", AspectDate, sovietArt},
		{"pakistan-leaves-cento", "1979-03-12", AspectActors, sovietArt},
		{"relations-established", "1948-05-01", AspectDetail, sovietArt},
		{"zia-killed-in-air-crash", "1988-08-17", AspectDetail, sovietArt},
		{"zia-coup", "1977-07-05", AspectDetail, russiaArt},
		{"musharraf-visits-moscow", "2003-02", AspectDetail, granville},
		{"steel-mill-credit-agreement", "1971-01-22", AspectActors, sovietArt},
		{"peshawar-base-closed", "1968-04", AspectActors, revision},
		{"steel-mill-foundation-stone", "1973-12-30", AspectDate, sovietArt},
		{"suhrawardy-becomes-pm", "1956-09-12", AspectDate, sovietArt},
		{"ayub-visits-moscow", "1965-04-03", AspectDetail, essay},
	}
	for _, tt := range tests {
		t.Run(tt.event+"/"+string(tt.aspect), func(t *testing.T) {
			e, ok := tl.Event(tt.event)
			if !ok {
				t.Fatalf("no event %q", tt.event)
			}
			if got := e.Date.String(); got != tt.wantDate {
				t.Errorf("date is %s, want the established %s", got, tt.wantDate)
			}
			if !e.Disputed(tt.aspect) {
				t.Fatalf("no %s dispute recorded", tt.aspect)
			}
			found := slices.ContainsFunc(e.Disputes, func(d Dispute) bool {
				return d.Aspect == tt.aspect && slices.Contains(d.Sources, tt.doc)
			})
			if !found {
				t.Errorf("no %s dispute cites %s", tt.aspect, tt.doc)
			}
		})
	}
}

func TestTimeline_IsSortedAndLedToPointsForward(t *testing.T) {
	tl := loadTimeline(t)
	for i := 1; i < len(tl.Events); i++ {
		prev, cur := tl.Events[i-1], tl.Events[i]
		if prev.Date.Compare(cur.Date) > 0 {
			t.Errorf("events out of order: %q (%s) before %q (%s)", prev.ID, prev.Date, cur.ID, cur.Date)
		}
	}
	links := 0
	for _, e := range tl.Events {
		for _, id := range e.LedTo {
			links++
			to, ok := tl.Event(id)
			if !ok {
				t.Errorf("event %q leads to unknown %q", e.ID, id)
				continue
			}
			// With imprecise dates, a target may share a year with its
			// cause; it must not lie wholly before it.
			if to.Date.Last().Before(e.Date.First()) {
				t.Errorf("event %q (%s) leads back to %q (%s)", e.ID, e.Date, id, to.Date)
			}
		}
	}
	if links < 25 {
		t.Errorf("%d led_to links, want at least 25", links)
	}
}

func TestParse_SortsEventsByDate(t *testing.T) {
	tl := validTimeline()
	evs := tl["events"].([]any)
	evs[0], evs[1] = evs[1], evs[0]
	b, err := json.Marshal(tl)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if got.Events[0].ID != "first" || got.Events[1].ID != "second" {
		t.Errorf("events not sorted by date: %q, %q", got.Events[0].ID, got.Events[1].ID)
	}
}
