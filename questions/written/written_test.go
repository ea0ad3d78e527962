package written

import (
	"encoding/json"
	"strings"
	"testing"

	"sabaq/questions"
)

func loadTimeline(t *testing.T) *questions.Timeline {
	t.Helper()
	tl, err := questions.Load()
	if err != nil {
		t.Fatalf("load timeline: %v", err)
	}
	return tl
}

func loadBank(t *testing.T) (*questions.Timeline, *Bank) {
	t.Helper()
	tl := loadTimeline(t)
	b, err := Load(tl)
	if err != nil {
		t.Fatalf("load written questions: %v", err)
	}
	return tl, b
}

func TestLoad_TheBuiltInBankIsValid(t *testing.T) {
	_, b := loadBank(t)
	if n := len(b.Questions); n < 40 {
		t.Errorf("%d written questions, want at least 40", n)
	}
	if n := len(b.ByKind(Essay)); n < 5 {
		t.Errorf("%d essays, want at least 5", n)
	}
	for _, k := range Kinds {
		if len(b.ByKind(k)) == 0 {
			t.Errorf("no %s questions", k)
		}
	}
}

func TestLoad_EveryEraHasADescribeExplainAndEvaluateQuestion(t *testing.T) {
	_, b := loadBank(t)
	for _, era := range questions.Eras {
		kinds := map[Kind]int{}
		for _, q := range b.ByEra(era.ID) {
			kinds[q.Kind]++
		}
		for _, k := range []Kind{Describe, Explain, Evaluate} {
			if kinds[k] == 0 {
				t.Errorf("era %s (%s) has no %s question", era.ID, era.Span, k)
			}
		}
	}
}

func TestLoad_EssaysSpanEras(t *testing.T) {
	_, b := loadBank(t)
	spanning := 0
	for _, q := range b.ByKind(Essay) {
		if len(q.Eras) > 1 {
			spanning++
		}
	}
	if spanning < 4 {
		t.Errorf("%d essays span more than one era, want at least 4", spanning)
	}
}

// TestLoad_EveryQuestionMeetsTheIssueMinimums restates the rules the bank
// must meet, so a weakened Validate would be noticed.
func TestLoad_EveryQuestionMeetsTheIssueMinimums(t *testing.T) {
	tl, b := loadBank(t)
	for _, q := range b.Questions {
		min := 4
		if q.Kind == Evaluate || q.Kind == Essay {
			min = 8
		}
		if len(q.Points) < min {
			t.Errorf("%s: %d points, want at least %d", q.ID, len(q.Points), min)
		}
		sides := map[Side]int{}
		for _, p := range q.Points {
			sides[p.Side]++
			for _, id := range p.Events {
				if _, ok := tl.Event(id); !ok {
					t.Errorf("%s point %s: event %q is not in the timeline", q.ID, p.ID, id)
				}
			}
		}
		if q.Kind == Evaluate && (sides[For] == 0 || sides[Against] == 0) {
			t.Errorf("%s: evaluate question without points on both sides (%v)", q.ID, sides)
		}
		if len(q.Outline) == 0 {
			t.Errorf("%s: no outline", q.ID)
		}
		for _, l := range q.Levels {
			if n := len([]rune(strings.TrimSpace(l.Exemplar))); n == 0 || n > 700 {
				t.Errorf("%s level %d: exemplar of %d characters, want 1 to 700", q.ID, l.Level, n)
			}
		}
	}
}

// good returns a valid describe question to break in one way at a time.
func good() Question {
	return Question{
		ID:     "test-describe",
		Kind:   Describe,
		Eras:   []string{"democracy"},
		Prompt: "Describe the establishment of diplomatic relations.",
		Marks:  4,
		Levels: []Level{
			{Level: 1, Min: 1, Max: 2, Descriptor: "general points", Exemplar: "The two countries opened relations in 1948."},
			{Level: 2, Min: 3, Max: 4, Descriptor: "detailed description", Exemplar: "Zafarullah Khan and Gromyko talked in April 1948, and relations began on 1 May 1948."},
		},
		Points: []Point{
			{ID: "p1", Text: "No congratulations in 1947.", Events: []string{"independence"}},
			{ID: "p2", Text: "Talks in April 1948.", Events: []string{"zafarullah-gromyko-talks"}},
			{ID: "p3", Text: "Relations on 1 May 1948.", Events: []string{"relations-established"}},
			{ID: "p4", Text: "An invitation to Liaquat.", Events: []string{"stalin-invites-liaquat"}},
		},
		Outline: []string{"Describe the steps in order."},
	}
}

// goodEvaluate returns a valid evaluate question to break.
func goodEvaluate() Question {
	q := good()
	q.ID, q.Kind, q.Marks = "test-evaluate", Evaluate, 14
	q.Prompt = "How successful was Ayub Khan's visit to Moscow?"
	q.Eras = []string{"military"}
	q.Levels = []Level{
		{Level: 1, Min: 1, Max: 2, Descriptor: "general", Exemplar: "It went quite well."},
		{Level: 2, Min: 3, Max: 6, Descriptor: "describes", Exemplar: "Ayub met Kosygin and agreements were signed."},
		{Level: 3, Min: 7, Max: 10, Descriptor: "one side", Exemplar: "It succeeded because the trade agreements led to more trade."},
		{Level: 4, Min: 11, Max: 13, Descriptor: "both sides", Exemplar: "Trade grew, but Moscow gave nothing on Kashmir."},
		{Level: 5, Min: 14, Max: 14, Descriptor: "judgement", Exemplar: "Trade grew, but Moscow gave nothing on Kashmir, so it was only a first step."},
	}
	q.Points = nil
	for i, side := range []Side{For, For, For, For, Against, Against, Against, Against} {
		q.Points = append(q.Points, Point{ID: string(rune('a' + i)), Text: "A point.", Events: []string{"ayub-visits-moscow"}, Side: side})
	}
	return q
}

func TestValidate_RefusesABadQuestionAndNamesIt(t *testing.T) {
	tl := loadTimeline(t)
	if err := good().Validate(tl); err != nil {
		t.Fatalf("the good describe question is refused: %v", err)
	}
	if err := goodEvaluate().Validate(tl); err != nil {
		t.Fatalf("the good evaluate question is refused: %v", err)
	}
	tests := []struct {
		name   string
		q      Question
		mutate func(*Question)
		want   string
	}{
		{"a missing event", good(), func(q *Question) { q.Points[0].Events = []string{"no-such-event"} }, `links event "no-such-event", which is not in the timeline`},
		{"a point with no event", good(), func(q *Question) { q.Points[1].Events = nil }, `point "p2" links no event`},
		{"too few points", good(), func(q *Question) { q.Points = q.Points[:3] }, "3 indicative points, but a describe question needs at least 4"},
		{"an evaluate question with too few points", goodEvaluate(), func(q *Question) { q.Points = append(q.Points[:3], q.Points[4:7]...) }, "needs at least 8"},
		{"an evaluate question with one side only", goodEvaluate(), func(q *Question) {
			for i := range q.Points {
				q.Points[i].Side = For
			}
		}, "needs points on both sides"},
		{"an evaluate point without a side", goodEvaluate(), func(q *Question) { q.Points[2].Side = "" }, `point "c" has side ""`},
		{"a side on a describe point", good(), func(q *Question) { q.Points[0].Side = For }, "only evaluate questions' points take sides"},
		{"overlapping levels", good(), func(q *Question) { q.Levels[1].Min = 2 }, "level 2 (2–4 marks) overlaps"},
		{"a gap between levels", good(), func(q *Question) { q.Levels[1].Min = 4 }, "level 2 starts at 4 marks, leaving 3 uncovered"},
		{"levels that stop short of the marks", good(), func(q *Question) { q.Levels[1].Max = 3 }, "top level ends at 3 marks, but the question carries 4"},
		{"levels out of order", good(), func(q *Question) { q.Levels[0].Level, q.Levels[1].Level = 2, 1 }, "level 1 is numbered 2"},
		{"a level without a descriptor", good(), func(q *Question) { q.Levels[0].Descriptor = " " }, "level 1 has no descriptor"},
		{"a level without an exemplar", good(), func(q *Question) { q.Levels[1].Exemplar = "" }, "level 2 has no exemplar"},
		{"a blank exemplar", goodEvaluate(), func(q *Question) { q.Levels[4].Exemplar = " \n" }, "level 5 has no exemplar"},
		{"an exemplar that is too long", goodEvaluate(), func(q *Question) { q.Levels[3].Exemplar = strings.Repeat("Trade grew. ", 60) }, "level 4's exemplar runs to 720 characters, more than 700"},
		{"an unknown kind", good(), func(q *Question) { q.Kind = "discuss" }, `unknown kind "discuss"`},
		{"marks out of the kind's range", good(), func(q *Question) { q.Marks = 7; q.Levels[1].Max = 7 }, "7 marks, but a describe question carries 3 to 5"},
		{"no outline", good(), func(q *Question) { q.Outline = nil }, "no model answer outline"},
		{"an unknown era", good(), func(q *Question) { q.Eras = []string{"mughal"} }, `unknown era "mughal"`},
		{"an era no point bears out", good(), func(q *Question) { q.Eras = []string{"democracy", "russia"} }, `era "russia", but no point links an event of that era`},
		{"duplicate point ids", good(), func(q *Question) { q.Points[1].ID = "p1" }, `point "p1": duplicate id`},
		{"an empty prompt", good(), func(q *Question) { q.Prompt = "" }, "empty prompt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := tt.q
			q.Points = append([]Point(nil), q.Points...)
			q.Levels = append([]Level(nil), q.Levels...)
			tt.mutate(&q)
			err := q.Validate(tl)
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.Contains(err.Error(), `"`+q.ID+`"`) {
				t.Errorf("error does not name the question %q: %v", q.ID, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v\nwant it to say %q", err, tt.want)
			}
		})
	}
}

func TestParse_RefusesDuplicateIDsAndUnknownFields(t *testing.T) {
	tl := loadTimeline(t)
	doc, err := json.Marshal(Bank{Questions: []Question{good(), good()}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse(tl, doc); err == nil || !strings.Contains(err.Error(), `written question "test-describe": duplicate id`) {
		t.Errorf("duplicate ids: err = %v", err)
	}
	if _, err := Parse(tl, []byte(`{"questions": [{"id": "x", "answer": "y"}]}`)); err == nil || !strings.Contains(err.Error(), "answer") {
		t.Errorf("unknown field: err = %v", err)
	}
}

// TestParse_RefusesALevelWithoutAnExemplar checks the rule end to end, from
// a document whose level lacks the "exemplar" key, as a bank written before
// exemplars were asked for would.
func TestParse_RefusesALevelWithoutAnExemplar(t *testing.T) {
	tl := loadTimeline(t)
	q := good()
	q.Levels = append([]Level(nil), q.Levels...)
	q.Levels[0].Exemplar = ""
	doc, err := json.Marshal(Bank{Questions: []Question{q}})
	if err != nil {
		t.Fatal(err)
	}
	doc = []byte(strings.Replace(string(doc), `,"exemplar":""`, "", 1))
	if strings.Contains(string(doc), `"exemplar":""`) {
		t.Fatalf("the document still has an empty exemplar: %s", doc)
	}
	_, err = Parse(tl, doc)
	if err == nil || !strings.Contains(err.Error(), `written question "test-describe": level 1 has no exemplar`) {
		t.Errorf("err = %v", err)
	}
}
