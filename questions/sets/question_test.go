package sets

import (
	"reflect"
	"testing"

	"sabaq/questions"
)

func TestItemQuestion_CarriesTheTeachersFeedbackOnEachAnswer(t *testing.T) {
	choice := Item{Kind: MultipleChoice, Prompt: "Who hosted the Tashkent talks?", Format: HTML, Choices: []Choice{
		{Text: "Kosygin", Weight: 100, Feedback: "Yes: the <b>Soviet</b> premier."},
		{Text: "Nixon", Feedback: "No: the talks were Soviet-hosted."},
		{Text: "Brezhnev"},
	}}
	if got, want := choice.Question(1, 1).OptionFeedback, []string{"Yes: the Soviet premier.", "No: the talks were Soviet-hosted.", ""}; !reflect.DeepEqual(got, want) {
		t.Errorf("multiple choice: %q; want %q", got, want)
	}
	if q := choice.Question(1, 1); q.FeedbackOn("Nixon") != "No: the talks were Soviet-hosted." {
		t.Errorf("the feedback on Nixon is %q", q.FeedbackOn("Nixon"))
	}
	silent := Item{Kind: MultipleChoice, Prompt: "Q?", Choices: []Choice{{Text: "A", Weight: 100}, {Text: "B"}}}
	if fb := silent.Question(1, 2).OptionFeedback; fb != nil {
		t.Errorf("an item without feedback gives %q; want none", fb)
	}

	tf := Item{Kind: TrueFalse, Prompt: "The U-2 flew from Peshawar.", Truth: true, FeedbackTrue: "Right: from Peshawar.", FeedbackFalse: "It did: from Badaber, near Peshawar."}
	q := tf.Question(1, 3)
	if q.FeedbackOn(questions.OptionTrue) != "Right: from Peshawar." || q.FeedbackOn(questions.OptionFalse) != "It did: from Badaber, near Peshawar." {
		t.Errorf("true/false feedback: %q", q.OptionFeedback)
	}

	num := Item{Kind: Numerical, Prompt: "When did the last Soviet troops leave Afghanistan?", Numbers: []NumericAnswer{
		{Value: 1989, Weight: 100, Feedback: "February 1989."},
		{Value: 1979, Weight: 0, Feedback: "That is when they went in."},
		{IsRange: true, Min: 1980, Max: 1988, Weight: 0},
	}}
	q = num.Question(1, 4)
	for given, want := range map[string]string{"1989": "February 1989.", "1979": "That is when they went in.", "1985": "", "2001": ""} {
		if got := q.FeedbackOn(given); got != want {
			t.Errorf("numerical: feedback on %s is %q; want %q", given, got, want)
		}
	}
	if !q.Check([]string{"1989"}) || q.Check([]string{"1979"}) {
		t.Error("the wrong number with feedback became an accepted answer")
	}
}
