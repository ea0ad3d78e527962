package views

// Counts are a learner's figures (see revision.Counts), shown with the same
// labels on every page.
type Counts struct {
	New, Studied, Learning, DueNow, DueToday, ReviewedToday int
}
