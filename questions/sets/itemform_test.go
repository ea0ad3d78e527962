package sets

import (
	"reflect"
	"strings"
	"testing"
)

func TestItemForm_MultipleAnswerWeights(t *testing.T) {
	old := &Item{Kind: MultipleAnswer, Prompt: "Which pacts did Pakistan join?", Choices: []Choice{
		{Text: "SEATO", Weight: 30}, {Text: "CENTO", Weight: 70}, {Text: "Warsaw Pact", Weight: -50}}}
	row := func(text string, correct bool, weight string) FormOption {
		return FormOption{Text: text, Correct: correct, Weight: weight}
	}
	tests := []struct {
		name string
		kind Kind
		rows []FormOption
		old  *Item
		want []float64
	}{
		{"new: the correct options share 100", MultipleAnswer,
			[]FormOption{row("SEATO", true, ""), row("CENTO", true, ""), row("NATO", false, ""), row("Warsaw Pact", true, "")}, nil,
			[]float64{100.0 / 3, 100.0 / 3, 0, 100.0 / 3}},
		{"edit, same options correct: imported weights kept", MultipleAnswer,
			[]FormOption{row("SEATO", true, "30"), row("CENTO (Baghdad Pact)", true, "70"), row("Warsaw Pact", false, "-50")}, old,
			[]float64{30, 70, -50}},
		{"edit, another option made correct: share 100, penalty kept", MultipleAnswer,
			[]FormOption{row("SEATO", true, "30"), row("CENTO", false, "70"), row("Warsaw Pact", false, "-50"), row("RCD", true, "")}, old,
			[]float64{50, 0, -50, 50}},
		{"edit, another kind before: share 100", MultipleAnswer,
			[]FormOption{row("SEATO", true, "30"), row("CENTO", true, "70")}, &Item{Kind: MultipleChoice},
			[]float64{50, 50}},
		{"multiple choice: the correct option gets 100", MultipleChoice,
			[]FormOption{row("Kosygin", true, "50"), row("Nixon", false, "-25"), row("Brezhnev", false, "")}, nil,
			[]float64{100, -25, 0}},
		{"weights out of range or not numbers are dropped", MultipleChoice,
			[]FormOption{row("Kosygin", true, ""), row("Nixon", false, "-250"), row("Brezhnev", false, "NaN")}, nil,
			[]float64{100, 0, 0}},
	}
	for _, tt := range tests {
		rows := append(tt.rows, FormOption{}, FormOption{Weight: "-50"}) // empty rows are skipped
		it, errs := ItemForm{Kind: string(tt.kind), Prompt: "Q?", Options: rows}.Item(tt.old)
		var got []float64
		for _, ch := range it.Choices {
			got = append(got, ch.Weight)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: weights %v; want %v (errors %v)", tt.name, got, tt.want, errs)
		}
	}
}

func TestParseNumberRow_RangesTolerancesAndWeights(t *testing.T) {
	tests := []struct {
		row     FormNumber
		want    NumericAnswer
		message string // part of the error message; "" when valid
	}{
		{FormNumber{Answer: "1966"}, NumericAnswer{Value: 1966, Weight: 100}, ""},
		{FormNumber{Answer: " 1966 ", Tolerance: "1", Feedback: " Close. ", Weight: "50"}, NumericAnswer{Value: 1966, Tolerance: 1, Weight: 50, Feedback: "Close."}, ""},
		{FormNumber{Answer: "1960..1970"}, NumericAnswer{IsRange: true, Min: 1960, Max: 1970, Value: 1965, Weight: 100}, ""},
		{FormNumber{Answer: "-0.5..0.5"}, NumericAnswer{IsRange: true, Min: -0.5, Max: 0.5, Value: 0, Weight: 100}, ""},
		{FormNumber{Answer: "1966", Weight: "150"}, NumericAnswer{Value: 1966, Weight: 100}, ""},
		{FormNumber{Answer: "1970..1960"}, NumericAnswer{}, "smaller number"},
		{FormNumber{Answer: "1960..x"}, NumericAnswer{}, "is not a range"},
		{FormNumber{Answer: "1960..1970", Tolerance: "2"}, NumericAnswer{}, "no tolerance"},
		{FormNumber{Answer: "nineteen"}, NumericAnswer{}, "is not a number"},
		{FormNumber{Answer: "Inf"}, NumericAnswer{}, "is not a number"},
		{FormNumber{Answer: "1966", Tolerance: "-1"}, NumericAnswer{}, "zero or more"},
	}
	for _, tt := range tests {
		got, msg := ParseNumberRow(tt.row)
		switch {
		case tt.message != "" && !strings.Contains(msg, tt.message):
			t.Errorf("%+v: message %q; want one with %q", tt.row, msg, tt.message)
		case tt.message == "" && (msg != "" || got != tt.want):
			t.Errorf("%+v: %+v, %q; want %+v", tt.row, got, msg, tt.want)
		}
	}
}

func TestItemForm_ErrorsByField(t *testing.T) {
	tests := []struct {
		name  string
		form  ItemForm
		field string
	}{
		{"no truth", ItemForm{Kind: "true-false", Prompt: "The U-2 flew from Peshawar."}, "truth"},
		{"a bad number row", ItemForm{Kind: "numerical", Prompt: "When?", Numbers: []FormNumber{{Answer: "1966"}, {Answer: "soon"}}}, "numbers"},
		{"no prompt", ItemForm{Kind: "short-answer", Accepted: "Tashkent"}, "prompt"},
		{"unknown kind", ItemForm{Kind: "essay", Prompt: "Discuss."}, "kind"},
	}
	for _, tt := range tests {
		_, errs := tt.form.Item(nil)
		msg := errs[tt.field]
		if msg == "" || strings.ToUpper(msg[:1]) != msg[:1] || !strings.HasSuffix(msg, ".") {
			t.Errorf("%s: errors %v; want a sentence beside %s", tt.name, errs, tt.field)
		}
	}
	if _, errs := (ItemForm{Kind: "numerical", Prompt: "When?", Numbers: []FormNumber{{Answer: "1966"}, {Answer: "soon"}}}).Item(nil); !strings.HasPrefix(errs["numbers"], "Row 2: ") {
		t.Errorf("a bad number row is not named by its row: %q", errs["numbers"])
	}
}

func TestItemForm_FormOfReadsBackTheSameItem(t *testing.T) {
	items := []Item{
		{Kind: MultipleAnswer, Title: "Pacts", Prompt: "Which pacts?", Format: HTML, Category: "Cold War", Tags: []string{"pacts", "1950s"},
			Choices: []Choice{{Text: "SEATO", Weight: 30, Feedback: "1954."}, {Text: "CENTO", Weight: 70}, {Text: "Warsaw Pact", Weight: -50}}},
		{Kind: TrueFalse, Prompt: "The U-2 flew from Peshawar.", Format: Plain, Truth: true, FeedbackTrue: "From Badaber.", FeedbackFalse: "It did."},
		{Kind: ShortAnswer, Prompt: "Who hosted the talks?", Format: Plain, Accepted: []string{"Kosygin", "Alexei Kosygin"}, Explanation: "In January 1966.",
			Guid: "f3#Kx/q9Lp"}, // an Anki note's guid survives an edit
		{Kind: Numerical, Prompt: "When did the Soviets leave Afghanistan?", Format: Plain, Numbers: []NumericAnswer{
			{IsRange: true, Min: 1988, Max: 1989, Value: 1988.5, Weight: 100}, {Value: 1990, Tolerance: 1, Weight: 50, Feedback: "Close."}}},
		{Kind: Matching, Prompt: "Match.", Format: Plain, Pairs: []Pair{{Left: "Ayub", Right: "1965"}, {Left: "Bhutto", Right: "1972"}}},
		{Kind: Ordering, Prompt: "Order.", Format: Plain, Sequence: []string{"U-2", "Tashkent", "Geneva"}},
	}
	for _, want := range items {
		got, errs := FormOf(want).Item(&want)
		if len(errs) > 0 || !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %+v, %v\nwant %+v", want.Kind, got, errs, want)
		}
	}
	if f := FormOf(items[3]); f.Numbers[0].Answer != "1988..1989" || f.Numbers[1].Tolerance != "1" {
		t.Errorf("numbers in the form: %+v", f.Numbers)
	}
}

const (
	picA = "/media/" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.png"
	picB = "/media/" + "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.jpg"
)

func TestPicture_JoinThenSplitGivesTheSameTextPictureAndAlt(t *testing.T) {
	texts := []string{"", "Who signed the declaration?", "<p>Two</p>\n<p>paragraphs &amp; a <b>tag</b></p>",
		"Already a picture: <img src=\"" + picB + "\" alt=\"b\"> in the text", "Line one\n\nLine *two*"}
	alts := []string{"Ayub Khan and Kosygin", `He said "peace" & 'friendship'`, `"><script>alert(1)</script>`,
		`a [bracketed] (note) \ with *stars* and _lines_ ![x](y)`, "ताशकंद में"}
	for _, f := range []TextFormat{HTML, Markdown} {
		for _, text := range texts {
			for _, alt := range alts {
				joined := JoinPicture(f, text, FormPicture{Src: picA, Alt: alt})
				gotText, gotPic := SplitPicture(f, joined)
				if gotText != text || gotPic != (FormPicture{Src: picA, Alt: alt}) {
					t.Errorf("%s %q with alt %q: joined %q, split into %q, %+v", f, text, alt, joined, gotText, gotPic)
				}
			}
		}
	}
}

func TestPicture_AltIsEscapedForItsFormat(t *testing.T) {
	tests := []struct {
		format TextFormat
		alt    string
		want   string
	}{
		{HTML, `"><script>alert(1)</script>`, `<p><img src="` + picA + `" alt="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"></p>`},
		{HTML, "two\nlines  here", `<p><img src="` + picA + `" alt="two lines here"></p>`},
		{Markdown, `map [1965] "front"`, `![map \[1965\] \"front\"](` + picA + `)`},
		{Markdown, `a\b`, `![a\\b](` + picA + `)`},
	}
	for _, tt := range tests {
		if got := JoinPicture(tt.format, "", FormPicture{Src: picA, Alt: tt.alt}); got != tt.want {
			t.Errorf("%s alt %q: %q; want %q", tt.format, tt.alt, got, tt.want)
		}
	}
	if got := JoinPicture(HTML, "Who?", FormPicture{Src: picA, Alt: "x"}); got != "Who?\n<p><img src=\""+picA+"\" alt=\"x\"></p>" {
		t.Errorf("html join: %q", got)
	}
	if got := JoinPicture(Markdown, "Who?\n", FormPicture{Src: picA, Alt: "x"}); got != "Who?\n\n![x]("+picA+")" {
		t.Errorf("markdown join: %q", got)
	}
}

func TestPicture_OnlyATrailingPictureOfItsOwnIsTheFormsPicture(t *testing.T) {
	first := `<p><img src="` + picB + `" alt="first"></p>`
	tests := []struct {
		name     string
		format   TextFormat
		text     string
		wantText string
		wantPic  FormPicture
	}{
		{"several images: the trailing paragraph only", HTML, first + "\n<p>Which two?</p>\n" + `<p><img src="` + picA + `" alt="second"></p>`,
			first + "\n<p>Which two?</p>", FormPicture{Src: picA, Alt: "second"}},
		{"two picture paragraphs at the end: the last", HTML, first + `<p><img src="` + picA + `" alt="second"></p>`,
			first, FormPicture{Src: picA, Alt: "second"}},
		{"a picture inside a sentence stays", HTML, `<p>See <img src="` + picA + `" alt="x"></p>`, `<p>See <img src="` + picA + `" alt="x"></p>`, FormPicture{}},
		{"a picture followed by text stays", HTML, first + "<p>Who?</p>", first + "<p>Who?</p>", FormPicture{}},
		{"a picture from elsewhere stays", HTML, `<p><img src="https://example.com/a.png" alt="x"></p>`, `<p><img src="https://example.com/a.png" alt="x"></p>`, FormPicture{}},
		{"plain text has no picture", Plain, `<p><img src="` + picA + `" alt="x"></p>`, `<p><img src="` + picA + `" alt="x"></p>`, FormPicture{}},
		{"markdown: an inline image stays", Markdown, "See ![x](" + picA + ")", "See ![x](" + picA + ")", FormPicture{}},
		{"markdown: several images, the trailing paragraph only", Markdown, "![a](" + picB + ")\n\nWhich?\n\n![b](" + picA + ")\n",
			"![a](" + picB + ")\n\nWhich?", FormPicture{Src: picA, Alt: "b"}},
	}
	for _, tt := range tests {
		text, pic := SplitPicture(tt.format, tt.text)
		if text != tt.wantText || pic != tt.wantPic {
			t.Errorf("%s: %q, %+v; want %q, %+v", tt.name, text, pic, tt.wantText, tt.wantPic)
		}
	}
}

func TestItemForm_PicturesJoinTheirTexts(t *testing.T) {
	opts := func(pics ...FormPicture) []FormOption {
		rows := []FormOption{{Text: "Kosygin", Correct: true}, {Text: "Brezhnev"}, {Text: ""}}
		for i, p := range pics {
			rows[i].Picture = p
		}
		return rows
	}
	tests := []struct {
		name       string
		form       ItemForm
		wantFormat TextFormat
		wantPrompt string
		wantFirst  string // the first option's text
		wantErr    string // the field with an error, if any
	}{
		{"plain item gains a prompt picture: html, texts escaped",
			ItemForm{Kind: "multiple-choice", Format: "plain", Prompt: "Who is <this>?\r\nAt Tashkent.", Explanation: "A & B",
				PromptPicture: FormPicture{Src: picA, Alt: "Two men"}, Options: opts()},
			HTML, "Who is &lt;this&gt;?<br>At Tashkent.\n<p><img src=\"" + picA + "\" alt=\"Two men\"></p>", "Kosygin", ""},
		{"an option's picture", ItemForm{Kind: "multiple-choice", Format: "html", Prompt: "<p>Who?</p>", Options: opts(FormPicture{Src: picB, Alt: "K"})},
			HTML, "<p>Who?</p>", "Kosygin\n<p><img src=\"" + picB + "\" alt=\"K\"></p>", ""},
		{"markdown prompt", ItemForm{Kind: "multiple-choice", Format: "markdown", Prompt: "**Who?**", PromptPicture: FormPicture{Src: picA, Alt: "x"}, Options: opts()},
			Markdown, "**Who?**\n\n![x](" + picA + ")", "Kosygin", ""},
		{"removed: stays plain", ItemForm{Kind: "multiple-choice", Format: "plain", Prompt: "Who?", PromptPicture: FormPicture{Src: picA, Remove: true}, Options: opts()},
			Plain, "Who?", "Kosygin", ""},
		{"not a stored picture's address: ignored", ItemForm{Kind: "multiple-choice", Format: "plain", Prompt: "Who?", PromptPicture: FormPicture{Src: "https://evil.example/x.png", Alt: "x"}, Options: opts()},
			Plain, "Who?", "Kosygin", ""},
		{"a prompt picture without alt text", ItemForm{Kind: "multiple-choice", Format: "plain", Prompt: "Who?", PromptPicture: FormPicture{Src: picA, Alt: " "}, Options: opts()},
			HTML, "", "", "prompt_alt"},
		{"an option picture without alt text", ItemForm{Kind: "multiple-choice", Format: "plain", Prompt: "Who?", Options: opts(FormPicture{}, FormPicture{Src: picA})},
			HTML, "", "", "option_alt_1"},
		{"removed needs no alt text", ItemForm{Kind: "multiple-choice", Format: "plain", Prompt: "Who?", Options: opts(FormPicture{}, FormPicture{Src: picA, Remove: true})},
			Plain, "Who?", "Kosygin", ""},
	}
	for _, tt := range tests {
		it, errs := tt.form.Item(nil)
		if tt.wantErr != "" {
			if msg := errs[tt.wantErr]; !strings.Contains(msg, "alt text") || strings.ToUpper(msg[:1]) != msg[:1] {
				t.Errorf("%s: errors %v; want one about alt text beside %s", tt.name, errs, tt.wantErr)
			}
			continue
		}
		if len(errs) > 0 || it.Format != tt.wantFormat || it.Prompt != tt.wantPrompt || it.Choices[0].Text != tt.wantFirst {
			t.Errorf("%s: %s %q, first option %q, errors %v", tt.name, it.Format, it.Prompt, it.Choices[0].Text, errs)
		}
	}
	it, _ := ItemForm{Kind: "multiple-choice", Format: "plain", Prompt: "Who?", Explanation: "A & B", Options: opts(FormPicture{}, FormPicture{Src: picA, Alt: "b"})}.Item(nil)
	if it.Explanation != "A &amp; B" || it.Choices[0].Text != "Kosygin" {
		t.Errorf("every text of a plain item that gains a picture is escaped: %+v", it)
	}
	// An option of only a picture is an option.
	it, errs := ItemForm{Kind: "multiple-choice", Format: "html", Prompt: "Which map?", Options: []FormOption{
		{Correct: true, Picture: FormPicture{Src: picA, Alt: "1947"}}, {Picture: FormPicture{Src: picB, Alt: "1971"}}, {}}}.Item(nil)
	if len(errs) > 0 || len(it.Choices) != 2 || it.Choices[1].Text != `<p><img src="`+picB+`" alt="1971"></p>` {
		t.Errorf("picture-only options: %+v, %v", it.Choices, errs)
	}
}

func TestItemForm_TypedAnswersWithMarksAndFeedback(t *testing.T) {
	row := func(text, weight, fb string) FormAnswer { return FormAnswer{Text: text, Weight: weight, Feedback: fb} }
	tests := []struct {
		name    string
		form    ItemForm
		old     *Item
		want    []TypedAnswer
		other   string
		message string // part of the error beside "accepted"; "" when valid
	}{
		{"marks and feedback", ItemForm{Answers: []FormAnswer{row("Clowder", "100", "Right."), row(" Cat ", "50", " Half. "), row("", "100", "")}, OtherFeedback: " A clowder. "}, nil,
			[]TypedAnswer{{"Clowder", 100, "Right."}, {"Cat", 50, "Half."}}, "A clowder.", ""},
		{"empty marks are 100", ItemForm{Answers: []FormAnswer{row("Tashkent", "", "")}}, nil, []TypedAnswer{{"Tashkent", 100, ""}}, "", ""},
		{"moodle's thirds", ItemForm{Answers: []FormAnswer{row("a", "100", ""), row("b", "33.333", "")}}, nil, []TypedAnswer{{"a", 100, ""}, {"b", 33.333, ""}}, "", ""},
		{"none worth 100%", ItemForm{Answers: []FormAnswer{row("Cat", "50", "")}}, nil, nil, "", "worth 100%"},
		{"marks over 100", ItemForm{Answers: []FormAnswer{row("a", "100", ""), row("b", "150", "")}}, nil, nil, "", "Row 2: the marks"},
		{"marks of 0", ItemForm{Answers: []FormAnswer{row("a", "100", ""), row("b", "0", "")}}, nil, nil, "", "Row 2: the marks"},
		{"marks not a number", ItemForm{Answers: []FormAnswer{row("a", "lots", "")}}, nil, nil, "", "Row 1: the marks"},
		{"feedback without an answer", ItemForm{Answers: []FormAnswer{row("a", "100", ""), row("", "100", "Why?")}}, nil, nil, "", "Row 2: write the answer"},
		{"no answer", ItemForm{Answers: []FormAnswer{row("", "100", "")}}, nil, nil, "", "at least one accepted answer"},
		{"lines still read, at full marks", ItemForm{Accepted: "Tashkent\r\n\r\nTaškent"}, nil, []TypedAnswer{{"Tashkent", 100, ""}, {"Taškent", 100, ""}}, "", ""},
		{"rows: the teacher's marks win over the old ones, and cleared feedback is cleared",
			ItemForm{Answers: []FormAnswer{row("Cat", "100", ""), row("Clowder", "100", "")}},
			&Item{Kind: ShortAnswer, Accepted: []string{"Cat", "Clowder"}, AcceptedWeights: []float64{50, 100}, AcceptedFeedback: []string{"Half.", ""}, OtherFeedback: "No."},
			[]TypedAnswer{{"Cat", 100, ""}, {"Clowder", 100, ""}}, "", ""},
		{"lines only: the old marks are kept by text",
			ItemForm{Accepted: "Cat\nClowder"},
			&Item{Kind: ShortAnswer, Accepted: []string{"Cat", "Clowder"}, AcceptedWeights: []float64{50, 100}, AcceptedFeedback: []string{"Half.", ""}, OtherFeedback: "No."},
			[]TypedAnswer{{"Cat", 50, "Half."}, {"Clowder", 100, ""}}, "No.", ""},
	}
	for _, tt := range tests {
		for _, kind := range []Kind{ShortAnswer, Cloze} {
			f := tt.form
			f.Kind, f.Prompt = string(kind), "A group of cats is a "+Blank+"."
			it, errs := f.Item(tt.old)
			switch {
			case tt.message != "" && !strings.Contains(errs["accepted"], tt.message):
				t.Errorf("%s (%s): errors %v; want one beside accepted with %q", tt.name, kind, errs, tt.message)
			case tt.message == "" && (len(errs) > 0 || !reflect.DeepEqual(it.TypedAnswers(), tt.want) || it.OtherFeedback != tt.other):
				t.Errorf("%s (%s): %+v, other %q, errors %v; want %+v, other %q", tt.name, kind, it.TypedAnswers(), it.OtherFeedback, errs, tt.want, tt.other)
			}
		}
	}
}

func TestItemForm_FormOfReadsBackPicturesAndTypedAnswers(t *testing.T) {
	items := []Item{
		{Kind: MultipleChoice, Prompt: "<p>Who is this?</p>\n<p><img src=\"" + picA + "\" alt=\"A man &#34;in&#34; a hat\"></p>", Format: HTML,
			Choices: []Choice{{Text: "Kosygin\n<p><img src=\"" + picB + "\" alt=\"K\"></p>", Weight: 100}, {Text: "Nixon"}}},
		{Kind: MultipleChoice, Prompt: "Who?\n\n![a \\[map\\]](" + picA + ")", Format: Markdown, Choices: []Choice{{Text: "Kosygin", Weight: 100}, {Text: "Nixon"}}},
		{Kind: ShortAnswer, Prompt: "A group of cats?", Format: Plain, Accepted: []string{"Clowder", "Cat"}, AcceptedWeights: []float64{100, 50},
			AcceptedFeedback: []string{"", "Half."}, OtherFeedback: "A clowder."},
	}
	for _, want := range items {
		f := FormOf(want)
		got, errs := f.Item(&want)
		if len(errs) > 0 || !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %+v, %v\nwant %+v", want.Kind, got, errs, want)
		}
	}
	if f := FormOf(items[0]); f.Prompt != "<p>Who is this?</p>" || f.PromptPicture != (FormPicture{Src: picA, Alt: `A man "in" a hat`}) ||
		f.Options[0].Text != "Kosygin" || f.Options[0].Picture.Alt != "K" {
		t.Errorf("the form's pictures: %+v", f)
	}
	if f := FormOf(items[2]); len(f.Answers) != 2 || f.Answers[1] != (FormAnswer{Text: "Cat", Weight: "50", Feedback: "Half."}) || f.OtherFeedback != "A clowder." {
		t.Errorf("the form's typed answers: %+v, %q", f.Answers, f.OtherFeedback)
	}
}
