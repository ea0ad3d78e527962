package questions

import "time"

// SetInfo describes a teacher's question set.
type SetInfo struct {
	ID          int64
	OwnerID     int64
	Title       string
	Description string
	Items       int
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Class is a teacher's class, which students join with its code.
type Class struct {
	ID        int64
	TeacherID int64
	Name      string
	JoinCode  string
	CreatedAt time.Time
	Members   int
}

// Member is a student of a class.
type Member struct {
	AccountID int64
	Username  string
	LearnerID int64
	JoinedAt  time.Time
	// LearnerCreatedAt is when the student's learner was made: with
	// LearnerID, it names the learner as their own requests do.
	LearnerCreatedAt time.Time
}

// Assignment is a set assigned to a class.
type Assignment struct {
	ID        int64
	ClassID   int64
	ClassName string
	SetID     int64
	SetTitle  string
	DueDate   string // YYYY-MM-DD or empty
	ExamDate  string // YYYY-MM-DD or empty
	CreatedAt time.Time
}
