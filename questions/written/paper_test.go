package written

import (
	"slices"
	"testing"
	"time"

	"sabaq/questions"
)

func TestPaperSetup_Validate_SaysWhatIsWrongByField(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup PaperSetup
		want  []string // the fields with a problem
	}{
		{"the default, all eras", PaperSetup{Offered: 5, Answer: 3}, nil},
		{"one era and kinds", PaperSetup{Era: "zia", Kinds: []Kind{Explain, Essay}, Offered: 4, Answer: 2}, nil},
		{"answer all offered", PaperSetup{Offered: 2, Answer: 2}, nil},
		{"the most offered", PaperSetup{Offered: MaxPaperOffered, Answer: 1}, nil},
		{"unknown era", PaperSetup{Era: "1066", Offered: 5, Answer: 3}, []string{"era"}},
		{"unknown kind", PaperSetup{Kinds: []Kind{"mcq"}, Offered: 5, Answer: 3}, []string{"kinds"}},
		{"one offered", PaperSetup{Offered: 1, Answer: 1}, []string{"offered"}},
		{"too many offered", PaperSetup{Offered: 9, Answer: 3}, []string{"offered"}},
		{"none to answer", PaperSetup{Offered: 5, Answer: 0}, []string{"answer"}},
		{"more to answer than offered", PaperSetup{Offered: 3, Answer: 4}, []string{"answer"}},
		{"both wrong", PaperSetup{Offered: 0, Answer: -1}, []string{"answer", "offered"}},
		{"both too large", PaperSetup{Offered: 50, Answer: 40}, []string{"answer", "offered"}},
	} {
		errs := tc.setup.Validate()
		var got []string
		for k, msg := range errs {
			if msg == "" {
				t.Errorf("%s: empty message for %s", tc.name, k)
			}
			got = append(got, k)
		}
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: problems with %v, want %v (%v)", tc.name, got, tc.want, errs)
		}
	}
}

func q(id string, k Kind, marks int, eras ...string) Question {
	return Question{ID: id, Kind: k, Marks: marks, Eras: eras}
}

func TestPaperSetup_PoolKeepsTheEraAndKinds(t *testing.T) {
	b := &Bank{Questions: []Question{
		q("a", Describe, 4, "zia"), q("b", Essay, 20, "zia", "bhutto"), q("c", Explain, 7, "bhutto"), q("d", Evaluate, 14, "zia"),
	}}
	for _, tc := range []struct {
		setup PaperSetup
		want  []string
	}{
		{PaperSetup{}, []string{"a", "b", "c", "d"}},
		{PaperSetup{Era: "bhutto"}, []string{"b", "c"}},
		{PaperSetup{Era: "zia", Kinds: []Kind{Essay, Evaluate}}, []string{"b", "d"}},
		{PaperSetup{Kinds: []Kind{Describe}}, []string{"a"}},
		{PaperSetup{Era: "russia"}, nil},
	} {
		var got []string
		for _, x := range tc.setup.Pool(b) {
			got = append(got, x.ID)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%+v: pool %v, want %v", tc.setup, got, tc.want)
		}
	}
}

func TestDrawPaper_DistinctFromThePoolSpreadOverKindsInPaperOrder(t *testing.T) {
	var pool []Question
	// Many essays and few of the rest, as in the bank.
	for _, id := range []string{"e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8"} {
		pool = append(pool, q(id, Essay, 20))
	}
	pool = append(pool, q("d1", Describe, 4), q("d2", Describe, 4), q("x1", Explain, 7), q("v1", Evaluate, 14))
	for seed := uint64(0); seed < 50; seed++ {
		for _, n := range []int{1, 3, 4, 5, 8, 12} {
			got := DrawPaper(pool, n, seed)
			if len(got) != n {
				t.Fatalf("seed %d: drew %d, want %d", seed, len(got), n)
			}
			seen := map[string]bool{}
			kinds := map[Kind]int{}
			for i, x := range got {
				if seen[x.ID] {
					t.Fatalf("seed %d: %s drawn twice", seed, x.ID)
				}
				seen[x.ID] = true
				kinds[x.Kind]++
				if i > 0 && slices.Index(Kinds, got[i-1].Kind) > slices.Index(Kinds, x.Kind) {
					t.Errorf("seed %d: %s before %s; a paper lists describe, explain, evaluate, essay", seed, got[i-1].Kind, x.Kind)
				}
			}
			// The kinds take turns: with 4 or more drawn every kind is there,
			// and essays are not most of a paper of five.
			if n >= 4 && len(kinds) != 4 {
				t.Errorf("seed %d, %d drawn: kinds %v, want all four", seed, n, kinds)
			}
			if n == 5 && kinds[Essay] > 2 {
				t.Errorf("seed %d: %d essays of 5", seed, kinds[Essay])
			}
		}
		a, b := DrawPaper(pool, 5, seed), DrawPaper(pool, 5, seed)
		if !slices.EqualFunc(a, b, func(x, y Question) bool { return x.ID == y.ID }) {
			t.Errorf("seed %d: two draws differ", seed)
		}
	}
	if got := DrawPaper(pool[:3], 5, 1); len(got) != 3 {
		t.Errorf("a pool of 3 gave %d, want all 3", len(got))
	}
	if got := DrawPaper(nil, 5, 1); len(got) != 0 {
		t.Errorf("an empty pool gave %d", len(got))
	}
	// Different seeds give different papers.
	differ := false
	first := DrawPaper(pool, 3, 0)
	for seed := uint64(1); seed < 20 && !differ; seed++ {
		differ = !slices.EqualFunc(first, DrawPaper(pool, 3, seed), func(x, y Question) bool { return x.ID == y.ID })
	}
	if !differ {
		t.Error("20 seeds drew the same paper")
	}
}

func TestTimeAllowed_OneAndAHalfMinutesAMarkForTheLongestN(t *testing.T) {
	for _, tc := range []struct {
		marks []int
		n     int
		want  time.Duration
	}{
		{[]int{4, 7, 14, 20, 4}, 3, 61*time.Minute + 30*time.Second}, // 20+14+7 = 41 marks
		{[]int{4, 7, 14, 20, 4}, 5, 73*time.Minute + 30*time.Second}, // all 49 marks
		{[]int{7, 7}, 1, 10*time.Minute + 30*time.Second},
		{[]int{20, 20, 20, 20, 20}, 3, 90 * time.Minute},
		{[]int{4}, 3, 6 * time.Minute}, // fewer offered than asked: all of them
	} {
		if got := TimeAllowed(tc.marks, tc.n); got != tc.want {
			t.Errorf("TimeAllowed(%v, %d) = %v, want %v", tc.marks, tc.n, got, tc.want)
		}
	}
	// The order given does not matter, and the marks are not changed.
	marks := []int{4, 20, 7}
	if TimeAllowed(marks, 1) != 30*time.Minute || !slices.Equal(marks, []int{4, 20, 7}) {
		t.Error("TimeAllowed depends on the order or changed its argument")
	}
}

// paper builds a paper asking for n answers whose items hold texts: "" is
// unanswered, "late:…" was written only after time.
func paper(n int, texts ...string) Paper {
	p := Paper{Setup: PaperSetup{Offered: len(texts), Answer: n}}
	for i, s := range texts {
		it := PaperItem{Position: i, QuestionID: string(rune('a' + i))}
		if len(s) > 5 && s[:5] == "late:" {
			it.LateText, it.HasLate = s[5:], true
		} else {
			it.Text = s
		}
		p.Items = append(p.Items, it)
	}
	return p
}

func TestPaper_Counted(t *testing.T) {
	for _, tc := range []struct {
		name     string
		p        Paper
		chosen   []int
		want     []int
		rule     CountRule
		problems bool
	}{
		{"fewer answered than asked: all count", paper(3, "x", "", "y", "", ""), nil, []int{0, 2}, CountAll, false},
		{"as many as asked: all count, a choice ignored", paper(2, "x", "", "y"), []int{1}, []int{0, 2}, CountAll, false},
		{"nothing answered", paper(3, "", "  \n ", "", "", ""), nil, nil, CountAll, false},
		{"blank text is no answer", paper(1, " ", "x"), nil, []int{1}, CountAll, false},
		{"more answered, the learner chooses", paper(2, "x", "y", "z"), []int{2, 0}, []int{0, 2}, CountChosen, false},
		{"a late answer may be chosen", paper(1, "x", "late:y"), []int{1}, []int{1}, CountChosen, false},
		{"a repeated choice counts once", paper(2, "x", "y", "z"), []int{1, 1, 2}, []int{1, 2}, CountChosen, false},
		{"too few chosen", paper(2, "x", "y", "z"), []int{1}, nil, "", true},
		{"none chosen", paper(2, "x", "y", "z"), []int{}, nil, "", true},
		{"too many chosen", paper(2, "x", "y", "z"), []int{0, 1, 2}, nil, "", true},
		{"an unanswered one chosen", paper(2, "x", "y", "z", ""), []int{0, 3}, nil, "", true},
		{"a position not in the paper", paper(2, "x", "y", "z"), []int{0, 7}, nil, "", true},
		{"time ran out: the first in paper order", paper(2, "", "x", "y", "z"), nil, []int{1, 2}, CountFirst, false},
		{"time ran out: in time before late", paper(2, "late:w", "x", "late:y", "z"), nil, []int{1, 3}, CountFirst, false},
		{"time ran out: late ones fill up", paper(2, "late:w", "x", "late:y"), nil, []int{0, 1}, CountFirst, false},
	} {
		got, rule, err := tc.p.Counted(tc.chosen)
		if tc.problems {
			if err == nil || questions.ErrorCode(err) != questions.EINVALID || questions.ErrorMessage(err) == "" {
				t.Errorf("%s: err = %v, want a message for the learner", tc.name, err)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tc.want) || rule != tc.rule {
			t.Errorf("%s: Counted = %v %q %v, want %v %q", tc.name, got, rule, err, tc.want, tc.rule)
		}
	}
}

func TestPaperItem_LateTextNeverReplacesTheTextInTime(t *testing.T) {
	it := PaperItem{Text: "in time", LateText: "in time, and more", HasLate: true}
	if text, late := it.Answer(); text != "in time" || late {
		t.Errorf("Answer = %q late %v, want the text in time", text, late)
	}
	if it.Current() != "in time, and more" {
		t.Errorf("Current = %q, want the late text the box shows", it.Current())
	}
	only := PaperItem{LateText: "after", HasLate: true}
	if text, late := only.Answer(); text != "after" || !late || !only.OnlyLate() {
		t.Errorf("only late: Answer = %q late %v", text, late)
	}
}

func TestPaper_ClockAndWarnings(t *testing.T) {
	start := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	p := Paper{StartedAt: start, Deadline: start.Add(61*time.Minute + 30*time.Second), Setup: PaperSetup{Answer: 3},
		Items: []PaperItem{{Marks: 4}, {Marks: 7}, {Marks: 14}, {Marks: 20}}}
	if p.Planned() != p.Allowed() {
		t.Errorf("planned %v, allowed %v", p.Planned(), p.Allowed())
	}
	if w := p.Warnings(); len(w) != 2 {
		t.Errorf("warnings %v, want 5 minutes and 1", w)
	}
	for _, tc := range []struct {
		at      time.Duration // after the start
		warning time.Duration
		expired bool
	}{
		{time.Minute, 0, false},
		{57 * time.Minute, 5 * time.Minute, false},
		{61 * time.Minute, time.Minute, false},
		{61*time.Minute + 30*time.Second, 0, false}, // at the deadline itself: no time left, yet not late
		{62 * time.Minute, 0, true},
	} {
		now := start.Add(tc.at)
		if got := p.Warning(now); got != tc.warning {
			t.Errorf("at %v: warning %v, want %v", tc.at, got, tc.warning)
		}
		if p.Expired(now) != tc.expired {
			t.Errorf("at %v: expired %v", tc.at, !tc.expired)
		}
	}
	if p.Remaining(start.Add(2*time.Hour)) != 0 {
		t.Error("time left after the deadline is not 0")
	}
	short := Paper{StartedAt: start, Deadline: start.Add(3 * time.Minute), Setup: PaperSetup{Answer: 1}, Items: []PaperItem{{Marks: 2}, {Marks: 1}}}
	if w := short.Warnings(); len(w) != 1 || w[0] != time.Minute {
		t.Errorf("a 3-minute paper warns at %v, want only at 1 minute", w)
	}
	// A deadline moved (extra time, or a test) keeps the paper's warnings.
	p.Deadline = start.Add(time.Minute)
	if w := p.Warnings(); len(w) != 2 || p.Warning(start.Add(30*time.Second)) != time.Minute {
		t.Errorf("after the deadline moved: warnings %v", w)
	}
}
