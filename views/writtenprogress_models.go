package views

// WrittenProgress is what the progress page shows of a learner's written
// answers.
type WrittenProgress struct {
	Answers, Questions, SelfMarked int
	Rows                           []WrittenProgressRow // newest first
	More                           int                  // answers not listed
	Missed                         []MissedPointRow
}

// WrittenProgressRow is one submitted answer.
type WrittenProgressRow struct {
	Submitted string
	Prompt    string
	URL       string
	Found     string // "3 of 7"
	Level     string // "Level 2 of 3", or "Not yet" until the student marks it
}

// MissedPointRow is an indicative point the learner's answers often miss.
type MissedPointRow struct {
	Point, Prompt, URL string
	Missed, Answers    int
}
