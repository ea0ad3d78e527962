package questions

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// testTimeline is a timeline the invariants are checked on.
type testTimeline struct {
	name string
	t    *Timeline
}

func loadFixture(t *testing.T) *Timeline {
	t.Helper()
	b, err := os.ReadFile("testdata/fixture_timeline.json")
	if err != nil {
		t.Fatal(err)
	}
	tl, err := Parse(b)
	if err != nil {
		t.Fatalf("fixture: %v", err)
	}
	return tl
}

// timelines are the fixture and the built-in data: every invariant must
// hold on both.
func timelines(t *testing.T) []testTimeline {
	t.Helper()
	real, err := Load()
	if err != nil {
		t.Fatalf("built-in timeline: %v", err)
	}
	return []testTimeline{{"fixture", loadFixture(t)}, {"real", real}}
}

// eventsByTitle maps each title to the events that carry it.
func eventsByTitle(tl *Timeline) map[string][]Event {
	m := map[string][]Event{}
	for _, e := range tl.Events {
		m[e.Title] = append(m[e.Title], e)
	}
	return m
}

func actorsByName(tl *Timeline) map[string][]Actor {
	m := map[string][]Actor{}
	for _, a := range tl.Actors {
		m[a.Name] = append(m[a.Name], a)
	}
	return m
}

func mustEvent(t *testing.T, tl *Timeline, id string) Event {
	t.Helper()
	e, ok := tl.Event(id)
	if !ok {
		t.Fatalf("unknown event %q", id)
	}
	return e
}

func distractors(q Question) []string {
	var out []string
	for _, o := range q.Options {
		if !slices.Contains(q.Answer, o) {
			out = append(out, o)
		}
	}
	return out
}

func TestGenerate_EveryEventYieldsAtLeastThreeQuestions(t *testing.T) {
	for _, tc := range timelines(t) {
		t.Run(tc.name, func(t *testing.T) {
			count := map[string]int{}
			for _, q := range Generate(tc.t) {
				if q.Kind == KindOrder {
					continue // shared by four events; not a question about one
				}
				for _, id := range q.EventIDs {
					count[id]++
				}
			}
			for _, e := range tc.t.Events {
				if count[e.ID] < 3 {
					t.Errorf("event %q yields %d questions, want at least 3", e.ID, count[e.ID])
				}
			}
		})
	}
}

func TestGenerate_RealBankReachesItsTargets(t *testing.T) {
	tl, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(tl.Events) < 50 {
		t.Skipf("the built-in timeline has %d events; the targets apply from 50", len(tl.Events))
	}
	qs := Generate(tl)
	perKind := map[Kind]int{}
	for _, q := range qs {
		perKind[q.Kind]++
	}
	t.Logf("%d questions: %v", len(qs), perKind)
	if len(qs) < 350 {
		t.Errorf("the bank has %d questions, want at least 350", len(qs))
	}
	if len(perKind) < 8 {
		t.Errorf("the bank has %d kinds of question, want at least 8: %v", len(perKind), perKind)
	}
}

func TestGenerate_FixtureCoversEveryKindAndBothTruths(t *testing.T) {
	qs := Generate(loadFixture(t))
	perKind := map[Kind]int{}
	truths := map[string]int{}
	for _, q := range qs {
		perKind[q.Kind]++
		if q.Kind == KindTrueFalse {
			truths[q.Answer[0]]++
		}
	}
	for _, k := range Kinds {
		if perKind[k] == 0 {
			t.Errorf("no %s questions from the fixture", k)
		}
	}
	tr, fa := truths[OptionTrue], truths[OptionFalse]
	if tr == 0 || fa == 0 || tr > 2*fa || fa > 2*tr {
		t.Errorf("true-false answers are unbalanced: %d true, %d false", tr, fa)
	}
}

func TestGenerate_QuestionsAreWellFormed(t *testing.T) {
	for _, tc := range timelines(t) {
		t.Run(tc.name, func(t *testing.T) {
			for _, q := range Generate(tc.t) {
				if !strings.HasPrefix(q.ID, string(q.Kind)+":") || q.Prompt == "" || q.Explanation == "" {
					t.Errorf("%s: id, prompt and explanation are required: %+v", q.ID, q)
				}
				if len(q.EventIDs) == 0 || len(q.Sources) == 0 {
					t.Errorf("%s: no events or no sources", q.ID)
				}
				// Every quote of the events is shown, and nothing else but
				// the quote a link or a judgement rests on.
				var want, extra []Source
				for _, id := range q.EventIDs {
					e := mustEvent(t, tc.t, id)
					want = append(want, e.Sources...)
					for _, l := range e.LinkSources {
						extra = append(extra, l)
					}
					for _, in := range e.Interpretations {
						extra = append(extra, Source{Doc: in.Doc, Quote: in.Quote})
					}
					for _, d := range e.Disputes {
						for _, c := range d.Claims {
							extra = append(extra, Source{Doc: c.Doc, Quote: c.Quote})
						}
					}
				}
				for _, s := range want {
					if !slices.Contains(q.Sources, s) {
						t.Errorf("%s: the event's quote %q is not shown", q.ID, s.Quote)
					}
				}
				for _, s := range q.Sources {
					if !slices.Contains(want, s) && !slices.Contains(extra, s) {
						t.Errorf("%s: shows %q, which is no quote of its events", q.ID, s.Quote)
					}
				}
			}
		})
	}
}

func TestGenerate_ChoicesHaveOneCorrectOptionAndDistinctDistractors(t *testing.T) {
	fixed := map[Kind][]string{
		KindTone:      {OptionWarmed, OptionCooled, OptionLittleChange},
		KindTrueFalse: {OptionTrue, OptionFalse},
	}
	for _, tc := range timelines(t) {
		t.Run(tc.name, func(t *testing.T) {
			for _, q := range Generate(tc.t) {
				if q.Kind.Format() != FormatChoice {
					continue
				}
				if len(q.Answer) != 1 {
					t.Errorf("%s: %d answers, want 1", q.ID, len(q.Answer))
					continue
				}
				seen := map[string]bool{}
				for _, o := range q.Options {
					if seen[o] {
						t.Errorf("%s: option %q appears twice", q.ID, o)
					}
					seen[o] = true
				}
				if n := slices.Index(q.Options, q.Answer[0]); n < 0 {
					t.Errorf("%s: the answer %q is not an option: %q", q.ID, q.Answer[0], q.Options)
				}
				if want, ok := fixed[q.Kind]; ok {
					if !slices.Equal(q.Options, want) {
						t.Errorf("%s: options %q, want %q", q.ID, q.Options, want)
					}
					continue
				}
				if q.Kind == KindSource && strings.Contains(q.Prompt, ": which source ") {
					// Only the documents that cover the event's time are offered.
					if len(distractors(q)) < 1 {
						t.Errorf("%s: no other document to choose from", q.ID)
					}
					continue
				}
				if d := distractors(q); len(d) < 3 {
					t.Errorf("%s: %d distractors, want at least 3: %q", q.ID, len(d), q.Options)
				}
			}
		})
	}
}

func TestGenerate_OrderQuestionsAreUnambiguous(t *testing.T) {
	for _, tc := range timelines(t) {
		t.Run(tc.name, func(t *testing.T) {
			for _, q := range Generate(tc.t) {
				if q.Kind != KindOrder {
					continue
				}
				if len(q.Options) != 4 || len(q.EventIDs) != 4 {
					t.Errorf("%s: %d options and %d events, want 4", q.ID, len(q.Options), len(q.EventIDs))
					continue
				}
				if !slices.Equal(slices.Sorted(slices.Values(q.Options)), slices.Sorted(slices.Values(q.Answer))) {
					t.Errorf("%s: answer %q is not a permutation of options %q", q.ID, q.Answer, q.Options)
				}
				if slices.Equal(q.Options, q.Answer) {
					t.Errorf("%s: options are stored already in order", q.ID)
				}
				for i, id := range q.EventIDs {
					e := mustEvent(t, tc.t, id)
					if q.Answer[i] != e.Title {
						t.Errorf("%s: answer %d is %q, want %q", q.ID, i, q.Answer[i], e.Title)
					}
					if i > 0 {
						prev := mustEvent(t, tc.t, q.EventIDs[i-1])
						if !prev.Date.Last().Before(e.Date.First()) {
							t.Errorf("%s: %s (%s) is not clearly before %s (%s)", q.ID, prev.ID, prev.Date, e.ID, e.Date)
						}
					}
				}
			}
		})
	}
}

func TestGenerate_TypedAnswersAreNotGivenAway(t *testing.T) {
	for _, tc := range timelines(t) {
		t.Run(tc.name, func(t *testing.T) {
			for _, q := range Generate(tc.t) {
				if q.Kind.Format() != FormatTyped {
					continue
				}
				if len(q.Options) != 0 || len(q.Answer) == 0 {
					t.Errorf("%s: want no options and some answers, got %q / %q", q.ID, q.Options, q.Answer)
				}
				if strings.Count(q.Prompt, Blank) != 1 {
					t.Errorf("%s: want exactly one blank in %q", q.ID, q.Prompt)
				}
				prompt := " " + Normalize(q.Prompt) + " "
				for _, a := range q.Answer {
					if Normalize(a) == "" {
						t.Errorf("%s: accepted answer %q normalises to nothing", q.ID, a)
					}
					if strings.Contains(prompt, " "+Normalize(a)+" ") {
						t.Errorf("%s: the prompt %q gives away %q", q.ID, q.Prompt, a)
					}
				}
			}
		})
	}
}

// periodOf reads the period out of a which-event prompt.
func periodOf(t *testing.T, prompt string) (first, last time.Time) {
	t.Helper()
	p := strings.TrimSuffix(strings.TrimPrefix(prompt, "Which of these happened in "), "?")
	if y, err := strconv.Atoi(p); err == nil {
		d := Date{Year: y}
		return d.First(), d.Last()
	}
	m, err := time.Parse("January 2006", p)
	if err != nil {
		t.Fatalf("cannot read the period of %q", prompt)
	}
	d := Date{Year: m.Year(), Month: int(m.Month())}
	return d.First(), d.Last()
}

func TestGenerate_NoDistractorIsAlsoCorrect(t *testing.T) {
	for _, tc := range timelines(t) {
		t.Run(tc.name, func(t *testing.T) {
			titles, names := eventsByTitle(tc.t), actorsByName(tc.t)
			for _, q := range Generate(tc.t) {
				e := mustEvent(t, tc.t, q.EventIDs[0])
				switch q.Kind {
				case KindYear:
					if q.Answer[0] != strconv.Itoa(e.Date.Year) {
						t.Errorf("%s: answer %s, want %d", q.ID, q.Answer[0], e.Date.Year)
					}
					var claimed []int
					for _, d := range e.Disputes {
						claimed = append(claimed, yearsIn(d.Note)...)
					}
					for _, o := range distractors(q) {
						y, err := strconv.Atoi(o)
						switch {
						case err != nil:
							t.Errorf("%s: option %q is not a year", q.ID, o)
						case y == e.Date.Year || slices.Contains(claimed, y):
							t.Errorf("%s: distractor %d is the event's year or one a dispute claims", q.ID, y)
						case y < e.Date.Year-6 || y > e.Date.Year+6:
							t.Errorf("%s: distractor %d is far from %d", q.ID, y, e.Date.Year)
						}
					}
				case KindWhichEvent:
					first, last := periodOf(t, q.Prompt)
					if e.Date.Last().Before(first) || e.Date.First().After(last) || q.Answer[0] != e.Title {
						t.Errorf("%s: the answer %q (%s) is not in the period asked", q.ID, q.Answer[0], e.Date)
					}
					for _, o := range distractors(q) {
						for _, d := range titles[o] {
							if !d.Date.Last().Before(first) && !d.Date.First().After(last) {
								t.Errorf("%s: distractor %q (%s) also happened in the period asked", q.ID, o, d.Date)
							}
						}
					}
				case KindWho:
					answer := names[q.Answer[0]]
					if len(answer) != 1 || !slices.Contains(e.Actors, answer[0].ID) {
						t.Errorf("%s: answer %q is not an actor of %s", q.ID, q.Answer[0], e.ID)
						continue
					}
					for _, o := range distractors(q) {
						for _, a := range names[o] {
							if slices.Contains(e.Actors, a.ID) {
								t.Errorf("%s: distractor %q is an actor of the event", q.ID, o)
							}
							if a.Kind != answer[0].Kind || a.Country != answer[0].Country {
								t.Errorf("%s: distractor %q is not of the answer's kind and country", q.ID, o)
							}
						}
					}
				case KindCause:
					cause := mustEvent(t, tc.t, q.EventIDs[1])
					if !slices.Contains(cause.LedTo, e.ID) || q.Answer[0] != cause.Title {
						t.Errorf("%s: answer %q does not lead to %s", q.ID, q.Answer[0], e.ID)
					}
					for _, o := range distractors(q) {
						for _, d := range titles[o] {
							if slices.Contains(d.LedTo, e.ID) {
								t.Errorf("%s: distractor %q also leads to %s", q.ID, o, e.ID)
							}
						}
					}
				case KindConsequence:
					result := mustEvent(t, tc.t, q.EventIDs[1])
					if !slices.Contains(e.LedTo, result.ID) || q.Answer[0] != result.Title {
						t.Errorf("%s: %s does not lead to the answer %q", q.ID, e.ID, q.Answer[0])
					}
					for _, o := range distractors(q) {
						for _, d := range titles[o] {
							if slices.Contains(e.LedTo, d.ID) {
								t.Errorf("%s: %s also leads to distractor %q", q.ID, e.ID, o)
							}
						}
					}
				case KindTone:
					want := map[Tone]string{Warming: "Warmed relations", Cooling: "Cooled relations", Neutral: "Little change"}[e.Tone]
					if q.Answer[0] != want {
						t.Errorf("%s: answer %q for tone %s, want %q", q.ID, q.Answer[0], e.Tone, want)
					}
				case KindTrueFalse:
					checkStatement(t, tc.t, q, e)
				}
			}
		})
	}
}

// checkStatement checks that a true-or-false statement is as true or as
// false as its answer says, for the element it changes.
func checkStatement(t *testing.T, tl *Timeline, q Question, e Event) {
	t.Helper()
	text := strings.TrimPrefix(q.Prompt, "True or false? ")
	truth := q.Answer[0] == OptionTrue
	if truth != strings.HasSuffix(q.ID, "-true") {
		t.Errorf("%s: answer %s does not match the id", q.ID, q.Answer[0])
	}
	aspect := strings.TrimSuffix(strings.TrimSuffix(q.ID[strings.LastIndex(q.ID, ":")+1:], "-true"), "-false")
	switch aspect {
	case "year":
		years := yearsIn(strings.ReplaceAll(text, quote(e.Title), ""))
		if slices.Contains(years, e.Date.Year) != truth {
			t.Errorf("%s: %q should say %d exactly when true", q.ID, text, e.Date.Year)
		}
	case "actor":
		// The statement gives one actor's role; it names that actor
		// exactly when true.
		var key Actor
		for _, id := range e.Actors {
			if r := e.Roles[id]; r != "" && strings.HasSuffix(text, " "+strings.TrimSuffix(r, ".")+".") {
				key, _ = tl.Actor(id)
			}
		}
		named := key.ID != "" && findWord(strings.ReplaceAll(text, quote(e.Title), ""), key.Name) >= 0
		if named != truth {
			t.Errorf("%s: %q should name %s exactly when true", q.ID, text, key.Name)
		}
	case "era":
		era, _ := EraByID(e.Era)
		if strings.Contains(text, "“"+era.Name+"”") != truth {
			t.Errorf("%s: %q should name the era %q exactly when true", q.ID, text, era.Name)
		}
		for _, d := range e.Disputes {
			for _, y := range yearsIn(d.Note) {
				if !era.Contains(Date{Year: y}) {
					t.Errorf("%s: a dispute puts %s in %d, outside its era, so the era is not settled", q.ID, e.ID, y)
				}
			}
		}
	case "tone":
		verb := map[Tone]string{Warming: " warmed ", Cooling: " cooled ", Neutral: " brought little change to "}[e.Tone]
		if strings.Contains(text, verb) != truth {
			t.Errorf("%s: %q should say %q exactly when true", q.ID, text, verb)
		}
	default:
		t.Errorf("%s: unknown aspect %q", q.ID, aspect)
	}
}

// linkedTimeline has one event with four causes and one with four
// consequences, all close together, and four unrelated events far away:
// a distractor picker that ignored links would pick a linked event. Four
// early events give the root's consequences distractors that came before it.
func linkedTimeline(t *testing.T) *Timeline {
	t.Helper()
	src := []Source{{Doc: "001_911a79f62d7cfbda.txt", Quote: "relations"}}
	ev := func(id string, year int, era string, ledTo ...string) Event {
		links := map[string]Source{}
		for _, l := range ledTo {
			links[l] = src[0]
		}
		theme := "diplomacy"
		if strings.HasPrefix(id, "far") || strings.HasPrefix(id, "early") {
			theme = "trade-culture" // unrelated: fair distractors
		}
		return Event{ID: id, Date: Date{Year: year}, Era: era, Title: "Event " + id, Summary: "Something happened.",
			Actors: []string{"pakistan"}, Roles: map[string]string{"pakistan": "took part"}, Themes: []string{theme},
			Tone: Neutral, Sources: src, LedTo: ledTo, LinkSources: links}
	}
	tl := Timeline{Actors: []Actor{{ID: "pakistan", Name: "Pakistan", Kind: State, Role: "A state"}}}
	tl.Events = append(tl.Events, ev("root", 1959, "military", "r1", "r2", "r3", "r4"))
	for i := 1; i <= 4; i++ {
		tl.Events = append(tl.Events,
			ev(fmt.Sprintf("r%d", i), 1959+i, "military"),
			ev(fmt.Sprintf("c%d", i), 1963+i, "military", "target"),
			ev(fmt.Sprintf("far%d", i), 1995+i, "russia"),
			ev(fmt.Sprintf("early%d", i), 1947+i, "democracy"))
	}
	tl.Events = append(tl.Events, ev("target", 1968, "military"))
	b, err := json.Marshal(tl)
	if err != nil {
		t.Fatal(err)
	}
	out, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestGenerate_LinkedEventsAreNeverDistractors(t *testing.T) {
	tl := linkedTimeline(t)
	titles := eventsByTitle(tl)
	byKind := map[Kind]int{}
	for _, q := range Generate(tl) {
		if q.Kind != KindCause && q.Kind != KindConsequence {
			continue
		}
		byKind[q.Kind]++
		x := mustEvent(t, tl, q.EventIDs[0])
		for _, d := range distractors(q) {
			o := titles[d][0]
			if (q.Kind == KindCause && slices.Contains(o.LedTo, x.ID)) || (q.Kind == KindConsequence && slices.Contains(x.LedTo, o.ID)) {
				t.Errorf("%s: distractor %q is linked to %s", q.ID, d, x.ID)
			}
		}
	}
	// target has four causes and root four consequences; root causes each
	// r, and each c leads to target.
	if byKind[KindCause] != 8 || byKind[KindConsequence] != 8 {
		t.Errorf("want 8 cause and 8 consequence questions, got %v", byKind)
	}
}

func TestGenerate_NeverAsksADisputedClaim(t *testing.T) {
	for _, tc := range timelines(t) {
		t.Run(tc.name, func(t *testing.T) {
			titles := eventsByTitle(tc.t)
			asked := map[Aspect]int{}
			for _, q := range Generate(tc.t) {
				var aspect Aspect
				switch {
				case q.Kind == KindYear, q.Kind == KindWhichEvent, q.Kind == KindOrder,
					strings.HasSuffix(q.ID, ":date"), strings.Contains(q.ID, ":year-"):
					aspect = AspectDate
				case q.Kind == KindWho, strings.Contains(q.ID, ":name:"),
					strings.Contains(q.ID, ":actor-"), strings.Contains(q.ID, ":country-"):
					aspect = AspectActors
				}
				if aspect != "" {
					asked[aspect]++
					for _, id := range q.EventIDs {
						if e := mustEvent(t, tc.t, id); e.Disputed(aspect) {
							t.Errorf("%s: asks about the %s of %s, which is disputed", q.ID, aspect, id)
						}
					}
				}
				if q.Kind == KindWhichEvent {
					for _, o := range q.Options {
						for _, e := range titles[o] {
							if e.Disputed(AspectDate) {
								t.Errorf("%s: offers %s, whose date is disputed", q.ID, e.ID)
							}
						}
					}
				}
				if e := mustEvent(t, tc.t, q.EventIDs[0]); q.Kind == KindTrueFalse && len(e.Disputes) > 0 && !strings.Contains(q.Prompt, quote(e.Title)) {
					t.Errorf("%s: a statement about disputed %s should rest on its title alone: %q", q.ID, e.ID, q.Prompt)
				}
			}
			if asked[AspectDate] == 0 || asked[AspectActors] == 0 {
				t.Errorf("the check saw no date or no actor questions: %v", asked)
			}
		})
	}
}

func TestGenerate_FixtureSkipsEachDisputedAspect(t *testing.T) {
	byID := map[string]bool{}
	for _, q := range Generate(loadFixture(t)) {
		byID[q.ID] = true
	}
	for _, tc := range []struct {
		id   string
		want bool
	}{
		{"year:u2-incident", false},                    // date disputed
		{"true-false:u2-incident:era-true", false},     // a claim of 1950 puts it in another era
		{"who:zia-in-moscow:yuri-andropov", false},     // actors disputed
		{"year:zia-in-moscow", false},                  // no quote states 1982
		{"cloze:zia-in-moscow:name:zia-ul-haq", false}, // actors disputed
		{"year:zia-killed", true},                      // only a detail is disputed
		{"tone:zia-killed", false},                     // and the sources give no agreed tone
		{"cloze:steel-mills-founded:date", false},      // date disputed
		{"tone:pakistan-joins-baghdad-pact", true},     // the date is disputed, not the tone
		{"source:u2-incident:record-year", true},       // the record's year against the notes' 1950
	} {
		if byID[tc.id] != tc.want {
			t.Errorf("question %s generated: %v, want %v", tc.id, byID[tc.id], tc.want)
		}
	}
}

func TestGenerate_IDsAreUnique(t *testing.T) {
	for _, tc := range timelines(t) {
		t.Run(tc.name, func(t *testing.T) {
			seen := map[string]bool{}
			for _, q := range Generate(tc.t) {
				if seen[q.ID] {
					t.Errorf("duplicate id %s", q.ID)
				}
				seen[q.ID] = true
			}
		})
	}
}

func TestGenerate_IsDeterministic(t *testing.T) {
	for _, tc := range timelines(t) {
		t.Run(tc.name, func(t *testing.T) {
			b, err := json.Marshal(tc.t)
			if err != nil {
				t.Fatal(err)
			}
			again, err := Parse(b)
			if err != nil {
				t.Fatal(err)
			}
			first := Generate(tc.t)
			for i := range 3 {
				if next := Generate(again); !reflect.DeepEqual(first, next) {
					t.Fatalf("generation %d differs from the first", i+2)
				}
			}
		})
	}
}

// withEvent returns a copy of the timeline with one more event.
func withEvent(t *testing.T, tl *Timeline, e Event) *Timeline {
	t.Helper()
	cp := Timeline{Events: append(slices.Clone(tl.Events), e), Actors: tl.Actors}
	b, err := json.Marshal(cp)
	if err != nil {
		t.Fatal(err)
	}
	out, err := Parse(b)
	if err != nil {
		t.Fatalf("timeline with %s: %v", e.ID, err)
	}
	return out
}

func TestGenerate_AddingAnEventKeepsExistingIDs(t *testing.T) {
	source := []Source{{Doc: "004_bce41f32adc6233d.txt", Quote: "trade and cultural exchanges between two countries increased"}}
	for _, tc := range timelines(t) {
		events := tc.t.Events
		busiest := events[len(events)/2]
		for _, added := range []Event{{
			ID: "zz-unrelated-trade-fair", Date: Date{Year: 1975, Month: 6}, Era: "bhutto",
			Title: "A trade fair in Karachi", Summary: "Soviet firms showed machinery at a Karachi trade fair.",
			Actors: []string{"pakistan", "soviet-union"}, Themes: []string{"trade-culture"}, Tone: Neutral, Sources: source,
			Roles: map[string]string{"pakistan": "hosted the fair", "soviet-union": "sent its firms"},
		}, {
			// Same date and theme as an existing event, leading to it.
			ID: "zz-related-talks", Date: Date{Year: busiest.Date.Year}, Era: busiest.Era,
			Title: "Quiet talks before " + busiest.Title, Summary: "Officials met quietly beforehand.",
			Actors: []string{"pakistan", "soviet-union"}, Themes: busiest.Themes, Tone: Warming, Sources: source,
			LedTo: []string{busiest.ID}, LinkSources: map[string]Source{busiest.ID: source[0]},
			Roles: map[string]string{"pakistan": "sent officials", "soviet-union": "met them"},
		}} {
			t.Run(tc.name+"/"+added.ID, func(t *testing.T) {
				if era, _ := EraByID(added.Era); !era.Contains(added.Date) {
					t.Skipf("%s does not fit era %s", added.Date, added.Era)
				}
				after := map[string]Question{}
				for _, q := range Generate(withEvent(t, tc.t, added)) {
					after[q.ID] = q
				}
				for _, q := range Generate(tc.t) {
					now, ok := after[q.ID]
					if !ok {
						// An ordering question is a set of four events; a
						// closer event may replace it with another set.
						if q.Kind != KindOrder {
							t.Errorf("%s disappeared", q.ID)
						}
						continue
					}
					if now.Kind != q.Kind || !slices.Equal(now.Answer, q.Answer) || !slices.Equal(now.EventIDs, q.EventIDs) {
						t.Errorf("%s changed meaning: answer %q → %q", q.ID, q.Answer, now.Answer)
					}
				}
			})
		}
	}
}

func TestBank_QuestionFindsEveryQuestionByID(t *testing.T) {
	b := NewBank(loadFixture(t))
	if len(b.Questions) == 0 {
		t.Fatal("empty bank")
	}
	for _, q := range b.Questions {
		got, ok := b.Question(q.ID)
		if !ok || !reflect.DeepEqual(got, q) {
			t.Errorf("Question(%q) = %v, %v", q.ID, got.ID, ok)
		}
	}
	if _, ok := b.Question("year:no-such-event"); ok {
		t.Error("found a question that does not exist")
	}
}

func TestBank_SelectFilters(t *testing.T) {
	tl := loadFixture(t)
	b := NewBank(tl)
	eventMatches := func(q Question, ok func(Event) bool) bool {
		return slices.ContainsFunc(q.EventIDs, func(id string) bool { e, _ := tl.Event(id); return ok(e) })
	}
	for _, tc := range []struct {
		name   string
		filter Filter
		want   func(Question) bool
	}{
		{"no restriction", Filter{}, func(Question) bool { return true }},
		{"one kind", Filter{Kinds: []Kind{KindYear}}, func(q Question) bool { return q.Kind == KindYear }},
		{"two kinds", Filter{Kinds: []Kind{KindCause, KindConsequence}}, func(q Question) bool {
			return q.Kind == KindCause || q.Kind == KindConsequence
		}},
		{"an era", Filter{Eras: []string{"zia"}}, func(q Question) bool {
			return eventMatches(q, func(e Event) bool { return e.Era == "zia" })
		}},
		{"a theme", Filter{Themes: []string{"afghanistan"}}, func(q Question) bool {
			return eventMatches(q, func(e Event) bool { return slices.Contains(e.Themes, "afghanistan") })
		}},
		{"an event", Filter{EventIDs: []string{"ayub-visits-moscow"}}, func(q Question) bool {
			return slices.Contains(q.EventIDs, "ayub-visits-moscow")
		}},
		{"era and kind together", Filter{Eras: []string{"military"}, Kinds: []Kind{KindWho}}, func(q Question) bool {
			return q.Kind == KindWho && eventMatches(q, func(e Event) bool { return e.Era == "military" })
		}},
		{"an era with no events", Filter{Eras: []string{"no-such-era"}}, func(Question) bool { return false }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var want []string
			for _, q := range b.Questions {
				if tc.want(q) {
					want = append(want, q.ID)
				}
			}
			var got []string
			for _, q := range b.Select(tc.filter) {
				got = append(got, q.ID)
			}
			if !slices.Equal(got, want) {
				t.Errorf("Select(%+v) gave %d questions, want %d in bank order", tc.filter, len(got), len(want))
			}
		})
	}
}
