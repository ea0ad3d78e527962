package formats

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"sabaq/questions/sets"
)

func TestParseCSV_SampleGivesExactItems(t *testing.T) {
	res, err := ParseCSV(txOpen(t, "csv/questions.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("errors:%s", txProblemsAt(res.Errors))
	}
	p := sets.Plain
	want := []sets.Item{
		{Kind: sets.MultipleChoice, Prompt: "Who hosted the Tashkent talks in January 1966?", Format: p,
			Choices:     []sets.Choice{{Text: "Alexei Kosygin", Weight: 100}, {Text: "Nikita Khrushchev"}, {Text: "Leonid Brezhnev"}},
			Explanation: "Kosygin was Soviet premier from 1964 to 1980.", EventID: "tashkent-1966", Tags: []string{"1965-war", "diplomacy"}, Line: 2},
		{Kind: sets.MultipleAnswer, Prompt: "Which of these were built or founded with Soviet help?", Format: p,
			Choices: []sets.Choice{{Text: "Pakistan Steel Mills", Weight: 50}, {Text: "OGDC", Weight: 50}, {Text: "Tarbela Dam"}},
			Tags:    []string{"economy"}, Line: 3},
		{Kind: sets.TrueFalse, Prompt: "Pakistan joined the Baghdad Pact in 1955.", Format: p, Truth: true, EventID: "baghdad-pact", Line: 4},
		{Kind: sets.ShortAnswer, Prompt: "Which city gave its name to the 1966 declaration between India and Pakistan?", Format: p,
			Accepted: []string{"Tashkent", "Toshkent"}, EventID: "tashkent-1966", Line: 5},
		{Kind: sets.Numerical, Prompt: "In which year did the last Soviet troops leave Afghanistan?", Format: p,
			Numbers: []sets.NumericAnswer{{Value: 1989, Weight: 100}, {Value: 1988.5, IsRange: true, Min: 1988, Max: 1989, Weight: 100}},
			EventID: "soviet-withdrawal", Tags: []string{"afghanistan"}, Line: 6},
		{Kind: sets.Matching, Prompt: "Match each leader to the country he led in 1966.", Format: p,
			Pairs: []sets.Pair{{Left: "Ayub Khan", Right: "Pakistan"}, {Left: "Lal Bahadur Shastri", Right: "India"}, {Left: "Alexei Kosygin", Right: "Soviet Union"}}, Line: 7},
		{Kind: sets.Ordering, Prompt: "Put these events in order.", Format: p,
			Sequence: []string{"Baghdad Pact", "U-2 incident", "Tashkent Declaration", "Geneva Accords"}, Line: 8},
		{Kind: sets.Cloze, Prompt: "The U-2 that was shot down in 1960 had flown from ____, near Peshawar.", Format: p,
			Accepted: []string{"Badaber"}, Explanation: `Khrushchev later threatened Peshawar, "circled in red" on his map.`,
			EventID: "u2-1960", Tags: []string{"cold-war"}, Line: 9},
	}
	txSame(t, res.Items, want)
	txWantProblems(t, "unsupported", res.Unsupported, []Problem{{Line: 11, Question: "Discuss the effect of the Soviet…", Message: `Sabaq has no "essay" questions`}})
	if n := res.Counts(); len(n) != len(sets.Kinds) {
		t.Errorf("Counts() = %v; want one item of every kind", n)
	}
}

func TestParseCSV_QuestionAnswerColumns(t *testing.T) {
	res, err := ParseCSV(txOpen(t, "csv/simple.csv"))
	if err != nil {
		t.Fatal(err)
	}
	txSame(t, res.Items, []sets.Item{
		txShort("Who was Soviet premier at the Tashkent talks?", "Alexei Kosygin", 2),
		txShort("In which year did Bhutto visit Moscow, to mend ties after 1971?", "1972", 3),
	})
	if len(res.Errors) > 0 {
		t.Errorf("errors:%s", txProblemsAt(res.Errors))
	}
}

func TestParseCSV_ErrorsNameTheLine(t *testing.T) {
	res, err := ParseCSV(txOpen(t, "csv/errors.csv"))
	if err != nil {
		t.Fatal(err)
	}
	txWantProblems(t, "error", res.Errors, []Problem{
		{Line: 5, Question: "Which city did the U-2 leave…", Message: `the correct answer "Quetta" is not one of the options`},
		{Line: 6, Message: `"nineteen eighty-nine" is not a number`},
		{Line: 7, Message: `"Ayub Khan - Pakistan" is not a pair written left=>right`},
		{Line: 8, Message: "write true or false"},
		{Line: 9, Message: "take no options"},
		{Line: 10, Question: "The Tashkent Declaration was signed in…", Message: "exactly one blank"},
	})
	if len(res.Items) != 3 {
		t.Errorf("%d items, want the 3 good rows", len(res.Items))
	}
}

func TestParseCSV_Problems(t *testing.T) {
	const header = "kind,prompt,options,correct,explanation,event_id,tags\n"
	tests := []struct {
		name string
		in   string
		want []Problem
	}{
		{"unknown column", "kind,prompt,answer\n", []Problem{{Line: 1, Message: `unknown column "answer"`}}},
		{"no header row", "multiple-choice,Who?,a|b,a,,,\n", []Problem{{Line: 1, Message: `unknown column "multiple-choice"`}}},
		{"no kind column", "prompt,correct\n", []Problem{{Line: 1, Message: `no "kind" column`}}},
		{"stray quote", header + "true-false,Pakistan joined \"SEATO\" in 1954.,,true,,,\n", []Problem{{Line: 2, Message: "double quotes"}}},
		{"unclosed quote", header + "true-false,\"Pakistan joined SEATO,,true,,,\n", []Problem{{Line: 2, Message: "not closed"}}},
		{"too many fields", header + "true-false,Pakistan joined SEATO, in 1954.,,true,,,\n", []Problem{{Line: 2, Message: "has 8 fields but the header row has 7"}}},
		{"extra field with text", header + "true-false,Pakistan joined SEATO in 1954.,,true,,,pacts,1954\n", []Problem{{Line: 2, Message: "has 8 fields"}}},
		{"empty kind", header + ",Who hosted Tashkent?,,Kosygin,,,\n", []Problem{{Line: 2, Message: "the kind is empty"}}},
		{"two correct in multiple choice", header + "multiple-choice,Which?,a|b|c,a|b,,,\n", []Problem{{Line: 2, Message: "use the kind multiple-answer"}}},
		{"correct for ordering", header + "ordering,Order them.,a|b,a|b,,,\n", []Problem{{Line: 2, Message: "leave correct empty"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ParseCSV(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			txWantProblems(t, "error", res.Errors, tt.want)
			if len(res.Items) != 0 {
				t.Errorf("items %+v; want none", res.Items)
			}
		})
	}
}

func TestParseCSV_SpreadsheetVariants(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want sets.Item
	}{
		{"semicolons, byte-order mark and kind labels", "\uFEFFKind;Prompt;Options;Correct\r\nTrue/false;Pakistan joined SEATO in 1954.;;yes\r\n",
			sets.Item{Kind: sets.TrueFalse, Prompt: "Pakistan joined SEATO in 1954.", Format: sets.Plain, Truth: true, Line: 2}},
		{"columns in another order, trailing empty columns", "prompt,kind,correct,options,,\nWho hosted Tashkent?,mc,B,Brezhnev|Kosygin,,\n",
			txMC("Who hosted Tashkent?", 1, "Brezhnev", "Kosygin")},
		{"title, category and format columns", "kind,prompt,correct,title,category,format\nshort-answer,Who hosted **Tashkent**?,Kosygin,Host,USSR,Markdown\n",
			sets.Item{Kind: sets.ShortAnswer, Prompt: "Who hosted **Tashkent**?", Format: sets.Markdown, Accepted: []string{"Kosygin"}, Title: "Host", Category: "USSR", Line: 2}},
		{"escaped pipes and spaces around values", "kind,prompt,correct\nshort-answer,Write the separator.,  \\|  | pipe \n",
			sets.Item{Kind: sets.ShortAnswer, Prompt: "Write the separator.", Format: sets.Plain, Accepted: []string{"|", "pipe"}, Line: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ParseCSV(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Errors) > 0 {
				t.Fatalf("errors:%s", txProblemsAt(res.Errors))
			}
			tt.want.Line = 2
			txSame(t, res.Items, []sets.Item{tt.want})
		})
	}
}

func TestCSV_RoundTrip(t *testing.T) {
	items := []sets.Item{
		{Kind: sets.MultipleChoice, Title: "Tashkent host", Category: "USSR", Prompt: "Who hosted the talks, in \"Tashkent\"?\nPick one.", Format: sets.Plain,
			Choices:     []sets.Choice{{Text: "Kosygin | premier", Weight: 100}, {Text: `Brezhnev \ secretary`}, {Text: "Khrushchev"}},
			Explanation: "Kosygin, the premier.", EventID: "tashkent-1966", Tags: []string{"1965-war", "diplo|macy"}},
		{Kind: sets.MultipleAnswer, Prompt: "Which were built with Soviet help?", Format: sets.HTML,
			Choices: []sets.Choice{{Text: "Pakistan Steel Mills", Weight: 100.0 / 3}, {Text: "OGDC", Weight: 100.0 / 3}, {Text: "Tarbela Dam"}, {Text: "Karachi nuclear plant"}, {Text: "Guddu power station", Weight: 100.0 / 3}}},
		{Kind: sets.TrueFalse, Prompt: "Pakistan joined SEATO in 1954.", Format: sets.Plain, Truth: true},
		{Kind: sets.TrueFalse, Prompt: "The USSR mediated at Simla.", Format: sets.Markdown, Category: "USSR"},
		{Kind: sets.ShortAnswer, Prompt: "Which city hosted the 1966 talks?", Format: sets.Plain, Accepted: []string{"Tashkent", "Toshkent"}},
		{Kind: sets.Numerical, Prompt: "When did Soviet troops leave Afghanistan?", Format: sets.Plain,
			Numbers: []sets.NumericAnswer{{Value: 1989, Weight: 100}, {Value: 1988.5, Tolerance: 0.5, Weight: 100}, {Value: 1984, IsRange: true, Min: 1979, Max: 1989, Weight: 100}, {Value: -0.25, Weight: 100}}},
		{Kind: sets.Matching, Prompt: "Match leader and country.", Format: sets.Plain,
			Pairs: []sets.Pair{{Left: "Ayub Khan", Right: "Pakistan => 1958-69"}, {Left: "Shastri | PM", Right: "India"}}},
		{Kind: sets.Ordering, Prompt: "Order these.", Format: sets.Plain, Sequence: []string{"Baghdad Pact, 1955", "U-2 incident", "Tashkent Declaration"}},
		{Kind: sets.Cloze, Prompt: "The U-2 flew from ____ in 1960.", Format: sets.Plain, Accepted: []string{"Badaber", "Peshawar"}, Explanation: "Near Peshawar."},
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, items); err != nil {
		t.Fatal(err)
	}
	if first, _, _ := strings.Cut(buf.String(), "\n"); first != "kind,prompt,options,correct,explanation,event_id,tags,title,category,format" {
		t.Errorf("header = %q", first)
	}
	res, err := ParseCSV(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("errors:%s", txProblemsAt(res.Errors))
	}
	txSame(t, txNoLines(res.Items), items)
}

func TestWriteCSV_PlainItemsGetTheDocumentedHeader(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, []sets.Item{txShort("Who hosted Tashkent?", "Kosygin", 0)}); err != nil {
		t.Fatal(err)
	}
	want := "kind,prompt,options,correct,explanation,event_id,tags\nshort-answer,Who hosted Tashkent?,,Kosygin,,,\n"
	if buf.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", buf.String(), want)
	}
}

func TestWriteCSV_RefusesWhatCSVCannotHold(t *testing.T) {
	tests := []struct {
		name string
		item sets.Item
		want string
	}{
		{"unknown kind", sets.Item{Kind: "essay", Prompt: "Discuss Tashkent."}, `of kind "essay"`},
		{"arrow in a left side", sets.Item{Kind: sets.Matching, Prompt: "Match.", Pairs: []sets.Pair{{Left: "a=>b", Right: "c"}, {Left: "d", Right: "e"}}}, `"=>"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := WriteCSV(&bytes.Buffer{}, []sets.Item{txShort("Soviet premier", "Kosygin", 0), tt.item})
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "question 2") {
				t.Fatalf("err = %v; want it to name question 2 and say %q", err, tt.want)
			}
		})
	}
}

func FuzzParseCSV(f *testing.F) {
	for _, name := range []string{"csv/questions.csv", "csv/simple.csv", "csv/errors.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		res, err := ParseCSV(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range res.Items {
			if errs := it.Validate(); len(errs) > 0 || it.Line < 1 {
				t.Fatalf("item %+v: line %d, invalid: %v", it, it.Line, errs)
			}
		}
		var out bytes.Buffer
		if err := WriteCSV(&out, res.Items); err == nil {
			back, err := ParseCSV(&out)
			if err != nil || len(back.Items) != len(res.Items) {
				t.Fatalf("wrote %d items, read back %d (%v, %v):\n%s", len(res.Items), len(back.Items), err, back.Errors, out.String())
			}
		}
	})
}

func TestParseCSV_WeightsAndFeedback(t *testing.T) {
	const header = "kind,prompt,options,correct,explanation,event_id,tags,feedback_true,feedback_false,other_feedback\n"
	short := func(other string, as ...sets.TypedAnswer) sets.Item {
		it := sets.Item{Kind: sets.ShortAnswer, Prompt: "Who?", Format: sets.Plain, OtherFeedback: other, Line: 2}
		it.SetTypedAnswers(as)
		return it
	}
	tests := []struct {
		name, row string
		want      sets.Item
	}{
		{"an old file's # and % are text", "short-answer,Who?,,C#|F# minor|50%,,,,,,",
			short("", sets.TypedAnswer{Text: "C#", Weight: 100}, sets.TypedAnswer{Text: "F# minor", Weight: 100}, sets.TypedAnswer{Text: "50%", Weight: 100})},
		{"a partly right answer with feedback", "short-answer,Who?,,Kosygin|%50%Brezhnev#Half: he led the party.,,,,,,No.",
			short("No.", sets.TypedAnswer{Text: "Kosygin", Weight: 100}, sets.TypedAnswer{Text: "Brezhnev", Weight: 50, Feedback: "Half: he led the party."})},
		{"feedback on a fully right answer", "short-answer,Who?,,%100%Kosygin#Yes,,,,,,",
			short("", sets.TypedAnswer{Text: "Kosygin", Weight: 100, Feedback: "Yes"})},
		{"an escaped # and backslash after a weight", `short-answer,Who?,,%100%C\#\\D#Right #1,,,,,,`,
			short("", sets.TypedAnswer{Text: `C#\D`, Weight: 100, Feedback: "Right #1"})},
		{"a weighted number", "numerical,Year?,,1966|%50%1965..1967#Close.,,,,,,",
			sets.Item{Kind: sets.Numerical, Prompt: "Year?", Format: sets.Plain, Line: 2, Numbers: []sets.NumericAnswer{
				{Value: 1966, Weight: 100}, {Value: 1966, IsRange: true, Min: 1965, Max: 1967, Weight: 50, Feedback: "Close."}}}},
		{"option weights without correct", "multiple-choice,Which?,%100%a#Yes|b|%-50%c#No,,,,,,,",
			sets.Item{Kind: sets.MultipleChoice, Prompt: "Which?", Format: sets.Plain, Line: 2, Choices: []sets.Choice{
				{Text: "a", Weight: 100, Feedback: "Yes"}, {Text: "b"}, {Text: "c", Weight: -50, Feedback: "No"}}}},
		{"an option's weight wins over correct", "multiple-answer,Which?,%70%a|b|c,a|b,,,,,,",
			sets.Item{Kind: sets.MultipleAnswer, Prompt: "Which?", Format: sets.Plain, Line: 2, Choices: []sets.Choice{
				{Text: "a", Weight: 70}, {Text: "b", Weight: 50}, {Text: "c"}}}},
		{"true/false feedback", "true-false,U-2 from Peshawar?,,true,,,,Right.,No.,",
			sets.Item{Kind: sets.TrueFalse, Prompt: "U-2 from Peshawar?", Format: sets.Plain, Line: 2, Truth: true, FeedbackTrue: "Right.", FeedbackFalse: "No."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ParseCSV(strings.NewReader(header + tt.row + "\n"))
			if err != nil || len(res.Errors) > 0 || len(res.Items) != 1 {
				t.Fatalf("%v, %v, %d items", err, res.Errors, len(res.Items))
			}
			if !reflect.DeepEqual(res.Items[0], tt.want) {
				t.Errorf("got  %+v\nwant %+v", res.Items[0], tt.want)
			}
			// And WriteCSV writes it so that it reads back the same.
			var b bytes.Buffer
			if err := WriteCSV(&b, res.Items); err != nil {
				t.Fatal(err)
			}
			back, err := ParseCSV(&b)
			if err != nil || len(back.Errors) > 0 {
				t.Fatalf("reading back: %v, %v", err, back.Errors)
			}
			sameItems(t, back.Items, res.Items, true)
		})
	}
}

func TestWriteCSV_WritesWeightsOnlyWhereNeeded(t *testing.T) {
	it := sets.Item{Kind: sets.ShortAnswer, Prompt: "Who?", Format: sets.Plain}
	it.SetTypedAnswers([]sets.TypedAnswer{{Text: "Kosygin", Weight: 100}, {Text: "Brezhnev", Weight: 50, Feedback: "Half #1"}, {Text: "%A. N. Kosygin", Weight: 100}})
	mc := sets.Item{Kind: sets.MultipleChoice, Prompt: "Which?", Format: sets.Plain, Choices: []sets.Choice{{Text: "a", Weight: 100}, {Text: "b"}, {Text: "c", Weight: -50}}}
	var b bytes.Buffer
	if err := WriteCSV(&b, []sets.Item{it, mc}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`Kosygin|%50%Brezhnev#Half \\#1|%100%%A. N. Kosygin`, `a|b|%-50%c,a,`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, b.String())
		}
	}
}

func TestWriteCSV_DefusesFormulasAndParseCSVRestoresThem(t *testing.T) {
	items := []sets.Item{
		{Kind: sets.MultipleChoice, Prompt: "=HYPERLINK(\"http://evil.example\",\"Click\")", Format: sets.Plain,
			Choices: []sets.Choice{{Text: "=Tashkent", Weight: 100}, {Text: "+92 phone"}, {Text: "@Simla"}, {Text: "-Delhi"}}},
		{Kind: sets.MultipleAnswer, Prompt: "Weighted, the weight first.", Format: sets.Plain,
			Choices: []sets.Choice{{Text: "=Kabul", Weight: 25}, {Text: "=Tashkent", Weight: 75}, {Text: "Delhi"}}},
		{Kind: sets.Numerical, Prompt: "-5 plus 0?", Format: sets.Plain, Numbers: []sets.NumericAnswer{{Value: -5, Weight: 100}}},
		{Kind: sets.Numerical, Prompt: "Near -5.", Format: sets.Plain, Numbers: []sets.NumericAnswer{{Value: -5, Tolerance: 1, Weight: 100}, {Value: -7.5, IsRange: true, Min: -10, Max: -5, Weight: 50}}},
		{Kind: sets.ShortAnswer, Prompt: "Dialling code?", Format: sets.Plain, Accepted: []string{"+92", "0092"}, Explanation: "@ the exchange", Tags: []string{"-x", "y"}},
		{Kind: sets.ShortAnswer, Prompt: "'=Quoted already", Format: sets.Plain, Accepted: []string{"'-5", "'Tashkent", "''+1"}, Explanation: "-"},
		{Kind: sets.TrueFalse, Prompt: "+1 is positive.", Format: sets.Plain, Truth: true, FeedbackTrue: "=Yes", FeedbackFalse: "-No"},
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, items); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		for _, cell := range row {
			if csvFormula(cell) {
				t.Errorf("the cell %q would run as a formula", cell)
			}
		}
	}
	for _, want := range []string{`'=HYPERLINK`, `'=Tashkent|+92 phone`, `,-5,`, `'-5:1|%50%-10..-5`, `'+92|0092`, `'@ the exchange`, `'-x|y`, `''=Quoted`, `''-5|'Tashkent|''+1`, `,'-,`, `,%25%=Kabul|%75%=Tashkent|Delhi,,`, `'=Yes`, `'-No`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("the export lacks %q:\n%s", want, buf.String())
		}
	}
	res, err := ParseCSV(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("errors:%s", txProblemsAt(res.Errors))
	}
	txSame(t, txNoLines(res.Items), items)
}

func TestParseCSV_KeepsApostrophesItDidNotAdd(t *testing.T) {
	in := "question,answer\n" +
		"Twice minus five?,'-10\n" + // a negative number: never quoted, so kept
		"A possessive?,'tis\n" +
		"A formula as text?,'=1+1\n" + // quoted: read without the apostrophe
		"Chunked?,' +92\n" // the apostrophe is not before a formula
	res, err := ParseCSV(strings.NewReader(in))
	if err != nil || len(res.Errors) > 0 {
		t.Fatal(err, res.Errors)
	}
	var got []string
	for _, it := range res.Items {
		got = append(got, it.Accepted[0])
	}
	if want := []string{"'-10", "'tis", "=1+1", "' +92"}; !reflect.DeepEqual(got, want) {
		t.Errorf("answers %q; want %q", got, want)
	}
}
