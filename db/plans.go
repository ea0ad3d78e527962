package db

import (
	"context"
	"fmt"
)

// QueryPlan is how SQLite runs one query of the review page or a review
// submit: the steps of EXPLAIN QUERY PLAN.
type QueryPlan struct {
	Name  string
	Steps []string
}

// hotQueries are the queries every review page or review submit runs, with
// arguments of the right types.
var hotQueries = []struct {
	name  string
	query string
	args  []any
}{
	{"LearnerByToken", learnerByTokenQuery, []any{[]byte("token hash")}},
	{"ReviewSettings", reviewSettingsQuery, []any{1}},
	{"ReviewSettings: fitted weights", modelFitQuery, []any{1}},
	{"DayCounts", dayCountsQuery, []any{1, 0}},
	{"HasReview", hasReviewQuery, []any{1}},
	{"Card", cardQuery, []any{1, "q"}},
	{"Cards", cardsQuery, []any{1}},
	{"SaveReview: update card", updateCardQuery, []any{2, 0, 1.0, 5.0, 1, 0, 0, 1, 0, 1, "q", 1}},
	{"SaveReview: insert card", insertCardQuery, []any{1, "q", "e", 1, 0, 1.0, 5.0, 1, 0, 0, 1, 0, 0}},
	{"SaveReview: insert review", insertReviewQuery, []any{1, "q", "e", 3, 0, nil, "{}", 0.0, 0, 0, "flashcard", nil, nil}},
	{"SaveReview: an answer's source (practice)", sourceReviewQuery, []any{1, "attempt:1"}},
}

// QueryPlans explains the hot queries on this database.
func (s *Store) QueryPlans(ctx context.Context) ([]QueryPlan, error) {
	var out []QueryPlan
	for _, q := range hotQueries {
		rows, err := s.read.QueryContext(ctx, `EXPLAIN QUERY PLAN `+q.query, q.args...)
		if err != nil {
			return nil, fmt.Errorf("db: query plan of %s: %w", q.name, err)
		}
		p := QueryPlan{Name: q.name}
		for rows.Next() {
			var id, parent, notUsed int
			var detail string
			if err := rows.Scan(&id, &parent, &notUsed, &detail); err != nil {
				rows.Close()
				return nil, fmt.Errorf("db: query plan of %s: %w", q.name, err)
			}
			p.Steps = append(p.Steps, detail)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("db: query plan of %s: %w", q.name, err)
		}
		out = append(out, p)
	}
	return out, nil
}
