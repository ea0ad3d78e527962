package questions

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// rotations returns every rotation of s but s itself, and s reversed.
func rotations(s []string) [][]string {
	var out [][]string
	for i := 1; i < len(s); i++ {
		out = append(out, append(slices.Clone(s[i:]), s[:i]...))
	}
	rev := slices.Clone(s)
	slices.Reverse(rev)
	return append(out, rev)
}

func TestCheck_AcceptsTheAnswerAndRejectsEveryDistractor(t *testing.T) {
	for _, tc := range timelines(t) {
		t.Run(tc.name, func(t *testing.T) {
			qs := Generate(tc.t)
			for i, q := range qs {
				switch q.Kind.Format() {
				case FormatChoice:
					if !q.Check([]string{q.Answer[0]}) {
						t.Errorf("%s: rejects its answer %q", q.ID, q.Answer[0])
					}
					for _, d := range distractors(q) {
						if q.Check([]string{d}) {
							t.Errorf("%s: accepts distractor %q", q.ID, d)
						}
					}
					if q.Check([]string{q.Answer[0], q.Options[0]}) {
						t.Errorf("%s: accepts two picks", q.ID)
					}
				case FormatOrder:
					if !q.Check(q.Answer) {
						t.Errorf("%s: rejects its own order", q.ID)
					}
					for _, p := range append(rotations(q.Answer), q.Options) {
						if q.Check(p) {
							t.Errorf("%s: accepts the wrong order %q", q.ID, p)
						}
					}
					if q.Check(q.Answer[:len(q.Answer)-1]) {
						t.Errorf("%s: accepts an incomplete order", q.ID)
					}
				case FormatTyped:
					for _, a := range q.Answer {
						if !q.Check([]string{a}) {
							t.Errorf("%s: rejects accepted answer %q", q.ID, a)
						}
					}
					// The answer to a neighbouring cloze of another sort
					// (a name for a date, a date for a name) is wrong.
					for _, o := range qs[max(0, i-8):min(len(qs), i+8)] {
						if o.Kind == KindCloze && strings.Contains(o.ID, ":name:") != strings.Contains(q.ID, ":name:") && q.Check(o.Answer[:1]) {
							t.Errorf("%s: accepts %q, the answer to %s", q.ID, o.Answer[0], o.ID)
						}
					}
				}
				if q.Check(nil) || q.Check([]string{}) || q.Check([]string{""}) {
					t.Errorf("%s: accepts an empty answer", q.ID)
				}
			}
		})
	}
}

func TestCheck_TypedAnswersAreLenient(t *testing.T) {
	date := Question{ID: "cloze:ayub-visits-moscow:date", Kind: KindCloze,
		Answer: dateAnswers(Date{Year: 1965, Month: 4, Day: 3}, PrecisionMonth)}
	name := Question{ID: "cloze:ayub-visits-moscow:name:ayub-khan", Kind: KindCloze,
		Answer: []string{"Ayub Khan", "Ayub"}}
	union := Question{ID: "cloze:x:name:y", Kind: KindCloze, Answer: []string{"Soviet Union"}}
	zia := Question{ID: "cloze:x:name:zia", Kind: KindCloze, Answer: []string{"Muhammad Zia-ul-Haq", "Zia-ul-Haq", "Zia"}}
	for _, tc := range []struct {
		q     Question
		given string
		want  bool
	}{
		{date, "April 1965", true},
		{date, "april 1965", true},
		{date, "Apr 1965", true},
		{date, "Apr. 1965", true},
		{date, "April, 1965", true},
		{date, "1965", true},
		{date, " 1965 ", true},
		{date, "1966", false},
		{date, "May 1965", false},
		{date, "April", false},
		{name, "Ayub Khan", true},
		{name, " ayub  KHAN. ", true},
		{name, "Ayub", true},
		{name, "ayub", true},
		{name, "Áyub Khán", true},
		{name, "Khan", false},
		{name, "Yahya Khan", false},
		{name, "Ayub Khan Yahya", false},
		{union, "the Soviet Union", true},
		{union, "The soviet union!", true},
		{union, "Soviet-Union", true},
		{union, "Russia", false},
		{zia, "Zia ul Haq", true},
		{zia, "zia-ul-haq", true},
		{zia, "General", false},
	} {
		if got := tc.q.Check([]string{tc.given}); got != tc.want {
			t.Errorf("%s: Check(%q) = %v, want %v", tc.q.ID, tc.given, got, tc.want)
		}
	}
}

func TestCheck_ChoiceAndOrderAreExact(t *testing.T) {
	choice := Question{ID: "year:x", Kind: KindYear, Options: []string{"1964", "1965", "1966", "1967"}, Answer: []string{"1965"}}
	order := Question{ID: "order:a:b:c", Kind: KindOrder, Options: []string{"B", "C", "A"}, Answer: []string{"A", "B", "C"}}
	for _, tc := range []struct {
		q     Question
		given []string
		want  bool
	}{
		{choice, []string{"1965"}, true},
		{choice, []string{" 1965"}, false},
		{choice, []string{"1966"}, false},
		{choice, []string{"1965", "1965"}, false},
		{order, []string{"A", "B", "C"}, true},
		{order, []string{"A", "C", "B"}, false},
		{order, []string{"A", "B"}, false},
		{order, []string{"A", "B", "C", "C"}, false},
		{Question{Kind: KindOrder}, nil, false},
		{Question{Kind: KindYear}, []string{""}, false},
		{Question{Kind: KindCloze}, []string{""}, false},
		{Question{Kind: "unknown", Answer: []string{"x"}}, []string{"x"}, true},
	} {
		if got := tc.q.Check(tc.given); got != tc.want {
			t.Errorf("%s: Check(%q) = %v, want %v", tc.q.ID, tc.given, got, tc.want)
		}
	}
}

func TestCheck_NeverPanics(t *testing.T) {
	huge := strings.Repeat("Ayub Khan ", 200000)
	inputs := [][]string{nil, {}, {""}, {huge}, {huge, huge}, {"\xff\xfe"}, {"a", "b", "c", "d", "e"}}
	qs := []Question{{}, {Kind: KindCloze}, {Kind: KindOrder}, {Kind: KindYear, Answer: []string{}}}
	qs = append(qs, Generate(loadFixture(t))...)
	for _, q := range qs {
		for _, in := range inputs {
			if q.Check(in) && len(in) == 1 && in[0] == huge {
				t.Errorf("%s: accepts a huge answer", q.ID)
			}
		}
	}
}

func TestNormalize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Ayub Khan", "ayub khan"},
		{" ayub  KHAN. ", "ayub khan"},
		{"The Soviet Union", "soviet union"},
		{"the the Soviet Union", "soviet union"},
		{"Theodore", "theodore"},
		{"Zia-ul-Haq", "zia ul haq"},
		{"Khan’s visit", "khans visit"},
		{"Pakistan's", "pakistans"},
		{"Árvíztűrő tükörfúrógép", "arvizturo tukorfurogep"},
		{"Straße", "strasse"},
		{"April 3, 1965", "april 3 1965"},
		{"1965-04-03", "1965 04 03"},
		{"Пакистан", "пакистан"},
		{"", ""},
		{"...", ""},
		{"e\u0301", "e"}, // a combining accent
	} {
		if got := Normalize(tc.in); got != tc.want {
			t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestShuffled_IsADeterministicPermutation(t *testing.T) {
	for _, q := range Generate(loadFixture(t)) {
		for seed := range uint64(20) {
			a, b := q.Shuffled(seed), q.Shuffled(seed)
			if !slices.Equal(a, b) {
				t.Fatalf("%s: seed %d gives %q then %q", q.ID, seed, a, b)
			}
			if !slices.Equal(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(q.Options))) {
				t.Fatalf("%s: %q is not a permutation of %q", q.ID, a, q.Options)
			}
		}
	}
}

func TestShuffled_VariesAcrossSeeds(t *testing.T) {
	for _, q := range Generate(loadFixture(t)) {
		if len(q.Options) < 2 {
			continue
		}
		orders := map[string]bool{}
		for seed := range uint64(32) {
			orders[strings.Join(q.Shuffled(seed), "|")] = true
		}
		if len(orders) < 2 {
			t.Errorf("%s: 32 seeds give a single order", q.ID)
		}
		if want := min(3, len(q.Options)); len(q.Options) > 2 && len(orders) < want {
			t.Errorf("%s: 32 seeds give only %d orders", q.ID, len(orders))
		}
	}
}

func TestShuffled_NeverShowsAnOrderQuestionSolved(t *testing.T) {
	qs := Generate(loadFixture(t))
	qs = append(qs, Question{ID: "order:two", Kind: KindOrder, Options: []string{"B", "A"}, Answer: []string{"A", "B"}})
	for _, q := range qs {
		if q.Kind != KindOrder {
			continue
		}
		for seed := range uint64(500) {
			if slices.Equal(q.Shuffled(seed), q.Answer) {
				t.Fatalf("%s: seed %d shows the options in the correct order", q.ID, seed)
			}
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"Ayub Khan", " the  Soviet-Union. ", "Khán’s", "İstanbul", "\xff", "the the the"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if !utf8.ValidString(n) {
			t.Fatalf("Normalize(%q) = %q is not valid UTF-8", s, n)
		}
		if Normalize(n) != n {
			t.Fatalf("Normalize is not idempotent: %q → %q → %q", s, n, Normalize(n))
		}
		if strings.TrimSpace(n) != n || strings.Contains(n, "  ") || strings.HasPrefix(n, "the ") {
			t.Fatalf("Normalize(%q) = %q has stray spaces or a leading the", s, n)
		}
	})
}

func FuzzCheck(f *testing.F) {
	f.Add(uint8(0), "1965", "1965", "", uint8(1))
	f.Add(uint8(3), "A|B|C|D", "A", "B", uint8(4))
	f.Add(uint8(5), "April 1965|Apr 1965|1965", " april 1965. ", "", uint8(1))
	f.Add(uint8(5), "", "", "", uint8(0))
	f.Add(uint8(9), "x", "x", "x", uint8(3))
	f.Fuzz(func(t *testing.T, kind uint8, answers, g1, g2 string, n uint8) {
		q := Question{ID: "fuzz", Answer: strings.Split(answers, "|")}
		if int(kind) < len(Kinds) {
			q.Kind = Kinds[kind]
		} else {
			q.Kind = Kind(answers)
		}
		q.Options = slices.Clone(q.Answer)
		var given []string
		switch n % 4 {
		case 1:
			given = []string{g1}
		case 2:
			given = []string{g1, g2}
		case 3:
			given = slices.Repeat([]string{g1, g2}, int(n))
		}
		got := q.Check(given) // must not panic
		if got && len(given) == 0 {
			t.Fatalf("Check accepted no answer for %+v", q)
		}
		switch q.Kind.Format() {
		case FormatChoice:
			if len(q.Answer) == 1 && !q.Check([]string{q.Answer[0]}) {
				t.Fatalf("a choice question rejects its answer %q", q.Answer[0])
			}
		case FormatOrder:
			if !q.Check(q.Answer) {
				t.Fatalf("an order question rejects its answer %q", q.Answer)
			}
		case FormatTyped:
			if got && Normalize(g1) == "" {
				t.Fatalf("a typed question accepts %q, which normalises to nothing", g1)
			}
			if a := q.Answer[0]; Normalize(a) != "" && len(a) <= maxTyped && !q.Check([]string{a}) {
				t.Fatalf("a typed question rejects its answer %q", a)
			}
		}
		_ = q.Shuffled(uint64(n))
	})
}

func TestGrade_BestMatchCountsAndChoicesFollowCheck(t *testing.T) {
	typed := Question{Kind: KindShortAnswer, Answer: []string{"Kosygin"},
		Graded: []GradedAnswer{
			{Text: "Kosigin", Fraction: 0.5, Feedback: "Spelling."},
			{Text: "Kosygin", Fraction: 1, Feedback: "Yes."},
			{Text: "Alexei Kosygin", Fraction: 0.8},
		}, OtherFeedback: "It was Kosygin."}
	choice := Question{Kind: KindMultipleChoice, Options: []string{"1965", "1962"}, Answer: []string{"1965"},
		OptionFeedback: []string{"", "Too early."}}
	number := Question{Kind: KindNumerical, Numeric: []NumericRange{{Min: 1966, Max: 1966}},
		Graded: []GradedAnswer{{Span: NumericRange{Min: 1960, Max: 1970}, Fraction: 0.5}, {Span: NumericRange{Min: 1966, Max: 1966}, Fraction: 1}}}
	tests := []struct {
		name  string
		q     Question
		given []string
		want  Mark
	}{
		{"typed partly right", typed, []string{"kosigin"}, Mark{Fraction: 0.5, Feedback: "Spelling."}},
		{"typed fully right", typed, []string{"KOSYGIN"}, Mark{Fraction: 1, Feedback: "Yes."}},
		{"typed other", typed, []string{"Brezhnev"}, Mark{Feedback: "It was Kosygin."}},
		{"typed empty", typed, []string{""}, Mark{Feedback: "It was Kosygin."}},
		{"typed nothing given", typed, nil, Mark{Feedback: "It was Kosygin."}},
		{"number: the best of overlapping spans", number, []string{"1966"}, Mark{Fraction: 1}},
		{"number in the wider span", number, []string{"1,968"}, Mark{Fraction: 0.5}},
		{"choice right", choice, []string{"1965"}, Mark{Fraction: 1}},
		{"choice wrong with feedback", choice, []string{"1962"}, Mark{Feedback: "Too early."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.q.Grade(tt.given)
			if got != tt.want {
				t.Errorf("Grade(%q) = %+v, want %+v", tt.given, got, tt.want)
			}
			if (got.Fraction == 1) != tt.q.Check(tt.given) {
				t.Errorf("Grade and Check disagree on %q", tt.given)
			}
			if got.Partial() != (got.Fraction > 0 && got.Fraction < 1) {
				t.Errorf("Partial() = %v for %v", got.Partial(), got.Fraction)
			}
		})
	}
}
