package questions

// Score counts right answers out of all answers for one group.
type Score struct {
	ID, Name string
	Correct  int
	Total    int
}

// Pct is the share correct as a whole percentage.
func (s Score) Pct() int {
	if s.Total == 0 {
		return 0
	}
	return (s.Correct*100 + s.Total/2) / s.Total
}

// Accuracy groups attempts by the era and by the themes of their questions'
// events, in timeline order, leaving out groups with no attempts. Attempts
// at questions no longer in the bank are skipped.
func Accuracy(t *Timeline, b *Bank, attempts []Attempt) (overall Score, byEra, byTheme []Score) {
	eraScores := make([]Score, len(Eras))
	for i, e := range Eras {
		eraScores[i] = Score{ID: e.ID, Name: e.Name + " (" + e.Span + ")"}
	}
	themeScores := make([]Score, len(Themes))
	for i, th := range Themes {
		themeScores[i] = Score{ID: th.ID, Name: th.Name}
	}
	for _, a := range attempts {
		q, ok := b.Question(a.QuestionID)
		if !ok {
			continue
		}
		add := func(s *Score) {
			s.Total++
			if a.Correct {
				s.Correct++
			}
		}
		add(&overall)
		eras, themes := map[string]bool{}, map[string]bool{}
		for _, id := range q.EventIDs {
			if e, ok := t.Event(id); ok {
				eras[e.Era] = true
				for _, th := range e.Themes {
					themes[th] = true
				}
			}
		}
		for i := range eraScores {
			if eras[eraScores[i].ID] {
				add(&eraScores[i])
			}
		}
		for i := range themeScores {
			if themes[themeScores[i].ID] {
				add(&themeScores[i])
			}
		}
	}
	return overall, nonEmpty(eraScores), nonEmpty(themeScores)
}

func nonEmpty(s []Score) []Score {
	var out []Score
	for _, x := range s {
		if x.Total > 0 {
			out = append(out, x)
		}
	}
	return out
}

// Activity counts what a learner has answered, by where they answered it.
type Activity struct {
	PracticeAnswers int // practice answers
	Reviews         int // reviews in the review queue (flashcards and quiz), not undone
	MockAnswers     int // questions answered in mock exams
}

// Any reports whether the learner has answered anything anywhere.
func (a Activity) Any() bool { return a.PracticeAnswers+a.Reviews+a.MockAnswers > 0 }
