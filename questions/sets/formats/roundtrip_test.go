package formats

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"sabaq/questions/sets"
)

// readFixture parses testdata/roundtrip/name with the format key, failing
// t on any problem.
func readFixture(t *testing.T, key, name string) []sets.Item {
	t.Helper()
	b, err := os.ReadFile("testdata/roundtrip/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return readBack(t, key, b)
}

// readBack parses b with the format key, failing t on any problem.
func readBack(t *testing.T, key string, b []byte) []sets.Item {
	t.Helper()
	f, err := Formats().Lookup(key)
	if err != nil {
		t.Fatal(err)
	}
	res, err := f.Parse(bytes.NewReader(b), TextOptions{})
	if err != nil || len(res.Errors) > 0 || len(res.Unsupported) > 0 || len(res.NotKept) > 0 {
		t.Fatalf("%s: %v, errors %v, unsupported %v, not kept %v\n%s", key, err, res.Errors, res.Unsupported, res.NotKept, b)
	}
	return res.Items
}

// writeAll writes items with the format key, failing t if it refuses any.
func writeAll(t *testing.T, key string, items []sets.Item) []byte {
	t.Helper()
	f, err := Formats().Lookup(key)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := f.Write(&b, "Pakistan and the USSR", items, TextOptions{}); err != nil {
		t.Fatalf("%s: %v", key, err)
	}
	return b.Bytes()
}

// byTitle finds the item titled title.
func byTitle(t *testing.T, items []sets.Item, title string) sets.Item {
	t.Helper()
	for _, it := range items {
		if it.Title == title {
			return it
		}
	}
	t.Fatalf("no item titled %q", title)
	return sets.Item{}
}

// Import, export, import: each format gives back the items it read, with
// the weights, feedback and text formats it holds.
func TestRoundTrip_FixturesComeBackTheSame(t *testing.T) {
	tests := []struct {
		key, fixture string
		check        func(t *testing.T, items []sets.Item) // on the first reading
	}{
		{"gift", "moodle_credit.gift", checkCredit},
		{"csv", "sabaq_credit.csv", checkCredit},
		{"aiken", "moodle.aiken.txt", func(t *testing.T, items []sets.Item) {
			if len(items) != 2 || !items[1].Choices[1].Correct() || items[1].Choices[1].Text != "SEATO" {
				t.Errorf("items %+v", items)
			}
		}},
		{"text", "quizlet.txt", func(t *testing.T, items []sets.Item) {
			if len(items) != 3 || items[0].Accepted[0] != "Tashkent Declaration" || items[1].Accepted[0] != "the Soviet Union" {
				t.Errorf("items %+v", items)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			first := readFixture(t, tt.key, tt.fixture)
			tt.check(t, first)
			again := readBack(t, tt.key, writeAll(t, tt.key, first))
			sameItems(t, again, first, true)
		})
	}
}

// checkCredit checks what the GIFT and CSV fixtures share: a partly right
// typed answer and number, answers' feedback, a catch-all feedback and a
// penalty for a wrong option.
func checkCredit(t *testing.T, items []sets.Item) {
	t.Helper()
	med := byTitle(t, items, "Mediator")
	as := med.TypedAnswers()
	if len(as) != 3 || as[0].Weight != 100 || !strings.HasPrefix(as[0].Feedback, "Right") ||
		as[2].Text != "Brezhnev" || as[2].Weight != 50 || !strings.HasPrefix(as[2].Feedback, "Half") {
		t.Errorf("Mediator's answers %+v", as)
	}
	if !strings.HasPrefix(med.OtherFeedback, "No: it was") {
		t.Errorf("Mediator's other feedback %q", med.OtherFeedback)
	}
	year := byTitle(t, items, "Declaration year")
	if len(year.Numbers) != 2 || year.Numbers[1].Weight != 50 || year.Numbers[1].Feedback == "" || year.OtherFeedback == "" {
		t.Errorf("Declaration year %+v", year)
	}
	steel := byTitle(t, items, "Steel mill")
	if steel.Choices[1].Weight != -50 || !strings.HasPrefix(steel.Choices[1].Feedback, "No: Washington") {
		t.Errorf("Steel mill's options %+v", steel.Choices)
	}
	pacts := byTitle(t, items, "Pacts")
	if pacts.Kind != sets.MultipleAnswer || pacts.Choices[0].Weight != 50 || pacts.Choices[1].Weight != 50 || pacts.Choices[2].Weight != -100 {
		t.Errorf("Pacts %+v", pacts.Choices)
	}
	u2 := byTitle(t, items, "U-2")
	if !u2.Truth || u2.FeedbackTrue == "" || u2.FeedbackFalse == "" {
		t.Errorf("U-2 %+v", u2)
	}
}

// Moodle's GIFT file exported as CSV reads back as the same items: the CSV
// format holds all that GIFT does.
func TestRoundTrip_GIFTThroughCSVKeepsEverything(t *testing.T) {
	first := readFixture(t, "gift", "moodle_credit.gift")
	again := readBack(t, "csv", writeAll(t, "csv", first))
	for i := range first {
		if first[i].Format == "" {
			first[i].Format = sets.Plain // GIFT's [moodle] default; a CSV item is plain unless it says
		}
	}
	sameItems(t, again, first, true)
}

// A format with one plain answer a card writes the fully right answer,
// never a partly right one (which would read back as fully right), and
// names what it leaves out.
func TestRoundTrip_OneAnswerFormatsWriteOnlyTheFullyRightAnswer(t *testing.T) {
	half := sets.Item{Kind: sets.ShortAnswer, Prompt: "Who hosted the Tashkent talks in January 1966?", Format: sets.Plain}
	half.SetTypedAnswers([]sets.TypedAnswer{{Text: "Brezhnev", Weight: 50, Feedback: "Half."}, {Text: "Kosygin", Weight: 100}, {Text: "Alexei Kosygin", Weight: 100}})
	half.OtherFeedback = "No."
	cloze := sets.Item{Kind: sets.Cloze, Prompt: "Pakistan joined ____ in 1954.", Format: sets.Plain}
	cloze.SetTypedAnswers([]sets.TypedAnswer{{Text: "the pact", Weight: 25}, {Text: "SEATO", Weight: 100}})
	for _, key := range []string{"text", "anki"} {
		t.Run(key, func(t *testing.T) {
			items := []sets.Item{half}
			if key == "anki" {
				items = append(items, cloze)
			}
			got := readBack(t, key, writeAll(t, key, items))
			if len(got) != len(items) {
				t.Fatalf("read back %d items", len(got))
			}
			if a := got[0].TypedAnswers(); len(a) != 1 || a[0] != (sets.TypedAnswer{Text: "Kosygin", Weight: 100}) {
				t.Errorf("short answer read back with %+v; want only Kosygin at 100%%", a)
			}
			if key == "anki" {
				if a := got[1].TypedAnswers(); len(a) != 1 || a[0].Text != "SEATO" {
					t.Errorf("cloze read back with %+v; want only SEATO", a)
				}
			}
			f, _ := Formats().Lookup(key)
			want := []string{"the partly right answer “Brezhnev” (50%)", "the other accepted answers “Alexei Kosygin”", "the feedback on its answers"}
			if got := f.Loses(half); !reflect.DeepEqual(got, want) {
				t.Errorf("Loses = %q; want %q", got, want)
			}
		})
	}
}

func TestRoundTrip_AikenNamesWhatItLeavesOut(t *testing.T) {
	steel := byTitle(t, readFixture(t, "gift", "moodle_credit.gift"), "Steel mill")
	steel.Format, steel.Prompt = sets.Plain, "Which country built the Karachi steel mill?"
	got := readBack(t, "aiken", writeAll(t, "aiken", []sets.Item{steel}))
	if c := got[0].Choices; len(c) != 3 || c[0].Weight != 100 || c[1].Weight != 0 {
		t.Errorf("read back %+v", c)
	}
	f, _ := Formats().Lookup("aiken")
	want := []string{"the penalty for the wrong option “the United States” (-50%)", "the feedback on its options"}
	if got := f.Loses(steel); !reflect.DeepEqual(got, want) {
		t.Errorf("Loses = %q; want %q", got, want)
	}
}

// The formats that hold weights and feedback lose nothing of what they write.
func TestRoundTrip_WholeFormatsLoseNothing(t *testing.T) {
	for _, f := range Formats() {
		switch f.Key {
		case "gift", "csv":
			if f.Loses != nil {
				t.Errorf("%s has a Loses", f.Key)
			}
		case "text", "anki", "aiken":
			if f.Loses == nil {
				t.Errorf("%s cannot say what it loses", f.Key)
			}
		}
	}
}
