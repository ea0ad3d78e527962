package views

import (
	"slices"
	"strconv"
)

// SetsPage lists a teacher's question sets.
type SetsPage struct {
	Page
	Sets   []SetRow
	Notice string // after deleting a set
}

// SetRow is one set in the list.
type SetRow struct {
	ID          int64
	Title       string
	Description string
	Items       int
	Updated     string // "7 Dec 2026 09:15 PKT", in the viewer's zone
}

// SetFormPage makes or renames a set.
type SetFormPage struct {
	Page
	Action      string // where the form posts
	Heading     string
	Title       string
	Description string
	Errors      map[string]string
}

// SetPage shows a set with its questions and what a teacher can do with it.
type SetPage struct {
	Page
	ID          int64
	Title       string
	Description string
	Items       []ItemRow
	Kinds       []Option // for "Add a question of kind …"
	Notice      string   // after adding, importing, moving or duplicating questions
	NoticeLink  *Link    // what to do next, after the notice (edit the copy)
	Deleted     *DeletedItem
	Full        bool // the set holds the most questions a set may
	Max         int
	Written     AuthoredWrittenSection // the teacher's own written questions: authoredwritten_models.go
}

// Link is a link with its text.
type Link struct {
	URL, Label string
}

// DeletedItem is the question deleted last, which can still be brought back.
type DeletedItem struct {
	Prompt     string
	RestoreURL string
	Until      string // "09:25 PKT": when it can no longer be
}

// ItemRow is one question in a set's list.
type ItemRow struct {
	ID       int64
	Number   int
	KindName string
	Title    string
	Prompt   string
	Answer   string
	Event    *EventLink
	// Up and Down are the places the move buttons send the question to;
	// 0 when it is first or last. Focus is "up" or "down" for the button
	// to focus after the question was moved that way.
	Up, Down int
	Focus    string
	CopyKey  string // the random key of the Duplicate form
}

// ConfirmPage asks before doing something hard to take back. Scripts
// show the same box in a dialog on the page that links here.
type ConfirmPage struct {
	Page
	Crumbs  []Link
	Heading string
	Quote   string   // what is at stake, such as the question's text
	Lines   []string // what will happen
	Action  string   // where the form posts
	Hidden  []Option // hidden fields: Value by Label (the field's name)
	Button  string   // the button that does it
	Cancel  Link     // back, having done nothing
}

// PreviewPage shows a set's question as a student sees it; nothing the
// teacher answers is recorded.
type PreviewPage struct {
	Page
	SetID    int64
	SetTitle string
	Number   int // from 1
	Total    int
	Action   string // where the answer posts
	SkipURL  string // the next question, unanswered; "" on the last
	Question QuestionPage
}

// ItemFormPage adds a question to a set or edits one: the fields of its kind.
type ItemFormPage struct {
	Page
	SetID    int64
	SetTitle string
	Action   string // where the form posts
	New      bool
	Kinds    []Option // the kind selector, on a new question
	Events   []Option // the timeline events a question may link to
	Fields   ItemFields
	Errors   map[string]string // by field: prompt, choices, accepted, numbers, pairs, sequence, event_id, …
	Notice   string            // after "save and add another"
}

// ItemFields are a question's fields as the form shows them: what was
// stored, or what the teacher typed when the form comes back with errors.
type ItemFields struct {
	Kind, KindName string
	Title          string
	Prompt         string
	PromptPicture  PictureField // the picture under the prompt
	Format         string       // plain, html or markdown
	Explanation    string
	EventID        string
	Category       string
	Tags           string // comma-separated
	// Multiple choice and multiple answer.
	Options []OptionRow
	// True/false.
	Truth                       string // "true" or "false"
	FeedbackTrue, FeedbackFalse string
	// Short answer and cloze: a row for each accepted answer, with its
	// marks and feedback, and the feedback for any other answer. Accepted
	// (one answer a line) is read from older forms and scripts only.
	Answers       []AnswerRow
	OtherFeedback string
	Accepted      string
	Grades        []string // the marks offered for an answer, in percent
	// Numerical.
	Numbers []NumberRow
	// Matching.
	Pairs []PairRow
	// Ordering: one item a line, in the correct order.
	Sequence string
}

// OptionRow is one option of a choice question.
type OptionRow struct {
	Text     string
	Correct  bool
	Feedback string
	Weight   string // kept from an import (e.g. -50 for a penalty); not shown
	Picture  PictureField
}

// PictureField is the picture under a text: the one it has (Src, shown as a
// preview with a "Remove" box) and its alt text. A file chosen in a form
// that comes back with errors is not kept: Rechoose asks for it again.
type PictureField struct {
	Src      string // "/media/<name>", or "" for none
	Alt      string
	Remove   bool
	Rechoose bool
}

// AnswerRow is one accepted typed answer with its marks (percent) and feedback.
type AnswerRow struct {
	Text, Weight, Feedback string
}

// NumberRow is one accepted number: "1966", or a range "1960..1970".
type NumberRow struct {
	Answer    string
	Tolerance string
	Feedback  string
	Weight    string // 100, or a part mark kept from an import
}

// PairRow is one left–right pair.
type PairRow struct {
	Left, Right string
}

// BuildPage builds questions for a set from the timeline.
type BuildPage struct {
	Page
	SetID    int64
	SetTitle string
	Eras     []Option
	Themes   []Option
	Kinds    []Option
	Events   []Option
	Count    string
	MaxCount int
	Errors   map[string]string
}

// ExportPage lists the formats a set can be downloaded in.
type ExportPage struct {
	Page
	SetID    int64
	SetTitle string
	Total    int
	Formats  []ExportFormat
}

// ExportFormat is one download, with the questions it leaves out and why.
type ExportFormat struct {
	Key      string
	Name     string
	URL      string
	Holds    string // what the format holds, in a few words
	Included int
	LeftOut  []LeftOut
	Losing   []LeftOut // written, less what Reason names (a partly right answer, feedback)
}

// LeftOut is a question a format cannot hold, or holds only in part.
type LeftOut struct {
	Number int
	Name   string
	Reason string
}

// ImportPage is the form that uploads or pastes questions.
type ImportPage struct {
	Page
	Action     string
	SetID      int64  // 0: into a new set
	SetTitle   string // the set imported into
	Title      string // a new set's title
	Format     string
	Formats    []Option
	TermSep    string // tab, comma, semicolon or custom
	TermCustom string
	RowSep     string // newline, semicolon or custom
	RowCustom  string
	Text       string
	MaxMB      int
	MaxItems   int
	Accept     string // the file picker's file types, from the formats
	Errors     map[string]string
}

// ImportPreview shows what an import would add, before anything is written.
type ImportPreview struct {
	Page
	ConfirmURL  string
	CancelURL   string
	BackURL     string // to upload again
	Pending     string // the pending import's id
	Hash        string // the content's SHA-256, checked on confirm
	Source      string // file name, or "pasted text"
	FormatName  string
	Target      string // "the new set “…”" or "“…”"
	Total       int
	New         int    // of Total, added to the set
	Updates     int    // of Total, updating a question the set has (same Anki note)
	Pictures    string // "With 2 pictures (312 KB), stored in Sabaq.", or "" for none
	Counts      []KindCount
	Errors      []ProblemRow
	Unsupported []ProblemRow
	NotKept     []ProblemRow // imported, less what Sabaq will not show
	ToCheck     []ProblemRow // imported with something filled in to check (a picture's alt text)
	Sample      []SampleRow
	More        int          // questions beyond the sample
	SkipError   string       // shown beside the skip box when confirm was pressed without it
	Blocked     string       // why the import cannot go ahead, if it cannot
	Written     []ProblemRow // written questions read (Moodle XML essays), each with what the import made of it
}

// KindCount is how many questions of a kind an import holds.
type KindCount struct {
	Kind, Name string
	N          int
}

// ProblemRow is an error or unsupported question of an import, by line.
type ProblemRow struct {
	Line     int
	Question string
	Message  string
}

// SampleRow is one imported question, as the preview lists it.
type SampleRow struct {
	Line     int
	KindName string
	Prompt   string
}

func setHref(id int64) string { return "/teach/sets/" + strconv.FormatInt(id, 10) }

// promptLabel names the prompt field for a kind.
func promptLabel(kind string) string {
	switch kind {
	case "true-false":
		return "Statement"
	case "cloze":
		return "Text with a blank"
	default:
		return "Question"
	}
}

// sortedErrors lists a form's messages in a stable order.
func sortedErrors(errs map[string]string) []string {
	out := make([]string, 0, len(errs))
	for _, msg := range errs {
		out = append(out, msg)
	}
	slices.Sort(out)
	return out
}

// problemText is what follows a problem's line: " (question): message".
func problemText(p ProblemRow) string {
	s := ""
	if p.Question != "" {
		s = " (" + p.Question + ")"
	}
	return s + ": " + p.Message
}

// skipLabel is the label of the box that skips unsupported questions.
func skipLabel(unsupported, total int) string {
	if unsupported == 1 {
		return "Skip this unsupported question and import the other " + plural(total, "question", "questions")
	}
	return "Skip these " + itoa(unsupported) + " unsupported questions and import the other " + plural(total, "question", "questions")
}
