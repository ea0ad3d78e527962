package questions

import (
	"slices"
	"testing"
	"time"
)

func questionIDs(qs []Question) []string {
	ids := make([]string, len(qs))
	for i, q := range qs {
		ids[i] = q.ID
	}
	return ids
}

func TestExamCoverage_ScopesADeck(t *testing.T) {
	tl, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	bank := NewBank(tl)
	// A class member's deck: two assigned questions (one linked to an event
	// of the Zia era, one to none) first, then the timeline's.
	zia := bank.Select(Filter{Eras: []string{"zia"}})[0]
	linked := Question{ID: "set-1-1", EventIDs: zia.EventIDs, SetID: 1}
	unlinked := Question{ID: "set-1-2", SetID: 1}
	deck := append([]Question{linked, unlinked}, bank.Questions...)
	// selected is the bank's selection by the review filters' rule, with
	// the linked assigned question first when its event matches too.
	selected := func(f Filter) []string {
		ids := questionIDs(bank.Select(f))
		if slices.Contains(ids, zia.ID) {
			ids = append([]string{linked.ID}, ids...)
		}
		return ids
	}

	tests := []struct {
		name       string
		scope      ExamScope
		assignment []string
		want       []string
	}{
		{"all: the whole deck", ExamScope{Kind: ScopeAll}, nil, questionIDs(deck)},
		{"no kind: the whole deck", ExamScope{}, nil, questionIDs(deck)},
		{"an era: its questions, an assigned one linked to it included",
			ExamScope{Kind: ScopeTopics, Eras: []string{"zia"}}, nil,
			selected(Filter{Eras: []string{"zia"}})},
		{"eras and themes match as the review filters do",
			ExamScope{Kind: ScopeTopics, Eras: []string{"zia", "bhutto"}, Themes: []string{"afghanistan"}}, nil,
			selected(Filter{Eras: []string{"zia", "bhutto"}, Themes: []string{"afghanistan"}})},
		{"a theme alone", ExamScope{Kind: ScopeTopics, Themes: []string{"nuclear"}}, nil,
			selected(Filter{Themes: []string{"nuclear"}})},
		{"an assignment: its set only, in deck order",
			ExamScope{Kind: ScopeAssignment, AssignmentID: 7}, []string{unlinked.ID, linked.ID},
			[]string{linked.ID, unlinked.ID}},
		{"an assignment's ids outside the deck are left out",
			ExamScope{Kind: ScopeAssignment, AssignmentID: 7}, []string{linked.ID, "set-9-9"},
			[]string{linked.ID}},
		{"an assignment that is gone covers nothing", ExamScope{Kind: ScopeAssignment, AssignmentID: 7}, nil, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := questionIDs(deck)
			got := questionIDs(ExamCoverage(deck, tt.scope, tl, tt.assignment))
			if !slices.Equal(got, tt.want) {
				t.Errorf("covered %d questions, want %d (first %v, want %v)", len(got), len(tt.want), first(got, 3), first(tt.want, 3))
			}
			if !slices.Equal(questionIDs(deck), before) {
				t.Error("the deck was changed")
			}
		})
	}
	if n := len(ExamCoverage(deck, ExamScope{Kind: ScopeTopics, Eras: []string{"zia"}}, tl, nil)); n == 0 || n >= len(deck) {
		t.Errorf("an era covers %d of %d questions: a narrower scope is expected", n, len(deck))
	}
}

func first(s []string, n int) []string { return s[:min(n, len(s))] }

func TestLearnerExam_OwnDateElseTheTeachersForTheSetOnly(t *testing.T) {
	now := time.Date(2027, 5, 1, 12, 0, 0, 0, time.UTC) // 17:00 in Karachi, 1 May
	own := DefaultReviewSettings()
	own.ExamDate = "2027-06-01"
	own.ExamScope = ExamScope{Kind: ScopeTopics, Eras: []string{"zia"}}
	ownAssignment := own
	ownAssignment.ExamScope = ExamScope{Kind: ScopeAssignment, AssignmentID: 2}
	none := DefaultReviewSettings()
	past := DefaultReviewSettings()
	past.ExamDate = "2027-05-01"
	assigned := []Assignment{
		{ID: 1, SetID: 11, ExamDate: "2027-05-20"},
		{ID: 2, SetID: 12, ExamDate: "2027-05-10"},
		{ID: 3, SetID: 13, ExamDate: "2027-05-10"},
		{ID: 4, SetID: 14, ExamDate: "2027-05-01"}, // today: past
		{ID: 5, SetID: 15},                         // no exam
	}
	tests := []struct {
		name        string
		rs          ReviewSettings
		assigned    []Assignment
		ok          bool
		date        string
		scope       ExamScope
		byTeacher   bool
		assignments []int64
	}{
		{"own date with own scope wins over a teacher's", own, assigned, true, "2027-06-01", own.ExamScope, false, nil},
		{"own assignment scope names that assignment", ownAssignment, assigned, true, "2027-06-01", ownAssignment.ExamScope, false, []int64{2}},
		{"own assignment scope of an assignment no longer theirs covers none", ownAssignment, assigned[:1], true, "2027-06-01", ownAssignment.ExamScope, false, nil},
		{"no own date: the teacher's earliest, its sets only", none, assigned, true, "2027-05-10",
			ExamScope{Kind: ScopeAssignment, AssignmentID: 2}, true, []int64{2, 3}},
		{"own date today counts as past: the teacher's", past, assigned, true, "2027-05-10",
			ExamScope{Kind: ScopeAssignment, AssignmentID: 2}, true, []int64{2, 3}},
		{"no date anywhere", none, assigned[3:], false, "", ExamScope{}, false, nil},
		{"in no class", none, nil, false, "", ExamScope{}, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, ok := LearnerExam(tt.rs, tt.assigned, now)
			var ids []int64
			for _, a := range e.Assignments {
				ids = append(ids, a.ID)
			}
			if ok != tt.ok || e.Date != tt.date || !e.Scope.Equal(tt.scope) || e.ByTeacher != tt.byTeacher || !slices.Equal(ids, tt.assignments) {
				t.Errorf("LearnerExam = %+v, %v; want date %q, scope %+v, by teacher %v, assignments %v, %v",
					e, ok, tt.date, tt.scope, tt.byTeacher, tt.assignments, tt.ok)
			}
		})
	}
}

func TestExamScope_EqualIgnoresOrderAndUnusedFields(t *testing.T) {
	tests := []struct {
		a, b ExamScope
		want bool
	}{
		{ExamScope{}, ExamScope{Kind: ScopeAll}, true},
		{ExamScope{Kind: ScopeAll, Eras: []string{"zia"}}, ExamScope{Kind: ScopeAll}, true},
		{ExamScope{Kind: ScopeTopics, Eras: []string{"zia", "bhutto"}}, ExamScope{Kind: ScopeTopics, Eras: []string{"bhutto", "zia"}}, true},
		{ExamScope{Kind: ScopeTopics, Eras: []string{"zia"}}, ExamScope{Kind: ScopeTopics, Themes: []string{"zia"}}, false},
		{ExamScope{Kind: ScopeAssignment, AssignmentID: 1, Eras: []string{"zia"}}, ExamScope{Kind: ScopeAssignment, AssignmentID: 1}, true},
		{ExamScope{Kind: ScopeAssignment, AssignmentID: 1}, ExamScope{Kind: ScopeAssignment, AssignmentID: 2}, false},
		{ExamScope{Kind: ScopeAll}, ExamScope{Kind: ScopeTopics, Eras: []string{"zia"}}, false},
	}
	for _, tt := range tests {
		if got := tt.a.Equal(tt.b); got != tt.want {
			t.Errorf("%+v.Equal(%+v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
