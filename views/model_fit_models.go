package views

// ModelFit is the line of the settings page that says which memory model
// schedules the learner's reviews.
type ModelFit struct {
	// Source is whose reviews the weights were fitted to ("your class's
	// 4,310 reviews"); empty for FSRS-6's default weights.
	Source string
	// DefaultLogLoss and FittedLogLoss are the held-out log losses of the
	// defaults and the fitted weights, as shown ("0.447").
	DefaultLogLoss, FittedLogLoss string
	// MinClassReviews and MinLearnerReviews are when fitting starts
	// ("3,000").
	MinClassReviews, MinLearnerReviews string
}
