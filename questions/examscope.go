package questions

import (
	"slices"
	"time"
)

// Exam is the exam a learner revises towards: its date and what it covers.
type Exam struct {
	Date  string // YYYY-MM-DD, read in the learner's time zone
	Scope ExamScope
	// ByTeacher reports that the date is a teacher's, set on an assignment,
	// rather than the learner's own.
	ByTeacher bool
	// Assignments are the class assignments whose sets an assignment scope
	// covers: for a teacher's date, every assignment of the learner's
	// classes with that exam date; for the learner's own assignment scope,
	// that assignment, or none when it is no longer theirs.
	Assignments []Assignment
}

// LearnerExam is the exam a learner revises towards at now: their own exam
// date with the scope they chose; failing that, for a class member, the
// earliest exam date after today that a teacher set on one of their
// classes' assignments, covering the sets of the assignments with that date
// and nothing else. assigned are the learner's assignments (none for a
// learner in no class); today is read in the learner's time zone. false
// when there is no exam to come.
func LearnerExam(rs ReviewSettings, assigned []Assignment, now time.Time) (Exam, bool) {
	today := now.In(rs.Location()).Format(time.DateOnly)
	if rs.ExamDate > today {
		e := Exam{Date: rs.ExamDate, Scope: rs.ExamScope}
		if e.Scope.Kind == "" {
			e.Scope.Kind = ScopeAll
		}
		if e.Scope.Kind == ScopeAssignment {
			if i := slices.IndexFunc(assigned, func(a Assignment) bool { return a.ID == e.Scope.AssignmentID }); i >= 0 {
				e.Assignments = []Assignment{assigned[i]}
			}
		}
		return e, true
	}
	e := Exam{ByTeacher: true}
	for _, a := range assigned {
		switch {
		case a.ExamDate <= today:
		case e.Date == "" || a.ExamDate < e.Date:
			e.Date, e.Assignments = a.ExamDate, []Assignment{a}
		case a.ExamDate == e.Date:
			e.Assignments = append(e.Assignments, a)
		}
	}
	if e.Date == "" {
		return Exam{}, false
	}
	e.Scope = ExamScope{Kind: ScopeAssignment, AssignmentID: e.Assignments[0].ID}
	return e, true
}

// ExamCoverage is the part of a learner's deck that an exam plan covers, in
// deck order: the cards whose reviews and new-card intake the plan and its
// workload are made for.
//
//   - ScopeAll (or no kind): the whole deck.
//   - ScopeTopics: the deck's questions with an event in one of the scope's
//     eras and an event with one of its themes, an empty list allowing any,
//     as the review filters match (an authored question linked to no event
//     is in no era or theme).
//   - ScopeAssignment: the deck's questions among assignment, the question
//     ids of the sets of the exam's assignments (Exam.Assignments). A
//     teacher's exam date covers its set only, for that class's students:
//     pass the ids of the assigned set, and the rest of the deck stays out
//     of exam mode. With no ids (the assignment is gone) nothing is covered.
//
// tl finds each question's events. The result may share memory with deck;
// neither is to be modified.
func ExamCoverage(deck []Question, scope ExamScope, tl *Timeline, assignment []string) []Question {
	switch scope.Kind {
	case ScopeTopics:
		return slices.DeleteFunc(slices.Clone(deck), func(q Question) bool { return !scope.matches(q, tl) })
	case ScopeAssignment:
		ids := make(map[string]bool, len(assignment))
		for _, id := range assignment {
			ids[id] = true
		}
		return slices.DeleteFunc(slices.Clone(deck), func(q Question) bool { return !ids[q.ID] })
	}
	return slices.Clip(deck)
}

// matches reports whether q is in a topics scope: one of its events is in
// one of the eras and one has one of the themes (an empty list allows any).
func (s ExamScope) matches(q Question, tl *Timeline) bool {
	era, theme := len(s.Eras) == 0, len(s.Themes) == 0
	for _, id := range q.EventIDs {
		e, ok := tl.Event(id)
		if !ok {
			continue
		}
		era = era || slices.Contains(s.Eras, e.Era)
		theme = theme || slices.ContainsFunc(e.Themes, func(t string) bool { return slices.Contains(s.Themes, t) })
	}
	return era && theme && len(q.EventIDs) > 0
}

// Normalized is the scope with only the fields its kind uses: "all" for no
// kind, and the eras, themes or assignment of the other kinds dropped.
func (s ExamScope) Normalized() ExamScope {
	switch s.Kind {
	case ScopeTopics:
		return ExamScope{Kind: ScopeTopics, Eras: s.Eras, Themes: s.Themes}
	case ScopeAssignment:
		return ExamScope{Kind: ScopeAssignment, AssignmentID: s.AssignmentID}
	case "", ScopeAll:
		return ExamScope{Kind: ScopeAll}
	}
	return s
}

// Equal reports whether two scopes cover the same questions, whatever the
// order of their eras and themes.
func (s ExamScope) Equal(o ExamScope) bool {
	s, o = s.Normalized(), o.Normalized()
	same := func(a, b []string) bool {
		a, b = slices.Clone(a), slices.Clone(b)
		slices.Sort(a)
		slices.Sort(b)
		return slices.Equal(slices.Compact(a), slices.Compact(b))
	}
	return s.Kind == o.Kind && s.AssignmentID == o.AssignmentID && same(s.Eras, o.Eras) && same(s.Themes, o.Themes)
}
