package formats

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"sabaq/questions/sets"
)

func txShort(prompt, answer string, line int) sets.Item {
	return sets.Item{Kind: sets.ShortAnswer, Prompt: prompt, Format: sets.Plain, Accepted: []string{answer}, Line: line}
}

func TestParseText_QuizletExportGivesExactItems(t *testing.T) {
	tests := []struct {
		name string
		file string
		opts TextOptions
		want []sets.Item
	}{
		{"tabs and line breaks (the default)", "text/quizlet_tab.txt", TextOptions{}, []sets.Item{
			txShort("Soviet-brokered agreement of 10 January 1966 that ended the 1965 India–Pakistan war", "Tashkent Declaration", 1),
			txShort("Soviet premier who hosted Ayub Khan and Lal Bahadur Shastri at Tashkent", "Alexei Kosygin", 2),
			txShort("1960 shooting down of an American spy plane that had flown from Peshawar", "U-2 incident", 4),
			// A term that is a question is asked as it stands.
			txShort("Who did Pakistan back against the Soviet army in Afghanistan?", "The Afghan mujahideen", 5),
			// A term longer than eight words is asked as it stands.
			txShort("The agreement signed in Geneva in April 1988 by Pakistan and Afghanistan, with the USSR and USA as guarantors", "Geneva Accords", 6),
		}},
		{"custom separators \" - \" and \";\"", "text/quizlet_custom.txt", TextOptions{TermSep: " - ", RowSep: ";"}, []sets.Item{
			txShort("1955 defence alliance Pakistan joined, which Moscow condemned", "Baghdad Pact", 1),
			txShort("Oil and Gas Development Corporation, set up in 1961 with Soviet loans and experts", "OGDC", 2),
			// Split at the first separator: the definition keeps its own " - ".
			txShort("CIA programme, run through Pakistan's ISI, arming the mujahideen - 1979 to 1989", "Operation Cyclone", 3),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ParseText(txOpen(t, tt.file), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Errors) > 0 {
				t.Fatalf("errors:%s", txProblemsAt(res.Errors))
			}
			txSame(t, res.Items, tt.want)
		})
	}
}

func TestParseText_ErrorsNameTheLine(t *testing.T) {
	res, err := ParseText(txOpen(t, "text/errors.txt"), TextOptions{})
	if err != nil {
		t.Fatal(err)
	}
	txWantProblems(t, "error", res.Errors, []Problem{
		{Line: 4, Question: "Soviet leader who threatened Peshawar after…", Message: "the term is empty"},
		{Line: 5, Question: "Pakistan Steel Mills, built with Soviet…", Message: "no tab between the term and the definition"},
		{Line: 6, Question: "Geneva Accords", Message: "the definition is empty"},
	})
	var got []int
	for _, it := range res.Items {
		got = append(got, it.Line)
	}
	if len(got) != 3 || got[0] != 1 || got[1] != 2 || got[2] != 7 {
		t.Errorf("items at lines %v, want 1, 2, 7", got)
	}
}

func TestParseText_SeparatorsTheTeacherPicks(t *testing.T) {
	tests := []struct {
		name string
		in   string
		opts TextOptions
		want []sets.Item
	}{
		{"comma", "Kosygin,Soviet premier, host at Tashkent\nShastri,Indian prime minister at Tashkent\n", TextOptions{TermSep: ","},
			[]sets.Item{txShort("Soviet premier, host at Tashkent", "Kosygin", 1), txShort("Indian prime minister at Tashkent", "Shastri", 2)}},
		{"semicolon between rows, newlines inside", "Kosygin\tSoviet premier\nhost at Tashkent;Shastri\tIndian PM;", TextOptions{RowSep: ";"},
			[]sets.Item{txShort("Soviet premier\nhost at Tashkent", "Kosygin", 1), txShort("Indian PM", "Shastri", 2)}},
		{"dash", "SEATO-1954 pact joined by Pakistan\n", TextOptions{TermSep: "-"},
			[]sets.Item{txShort("1954 pact joined by Pakistan", "SEATO", 1)}},
		{"custom strings", "Kosygin => Soviet premier ## Shastri => Indian PM", TextOptions{TermSep: "=>", RowSep: "##"},
			[]sets.Item{txShort("Soviet premier", "Kosygin", 1), txShort("Indian PM", "Shastri", 1)}},
		{"Windows line breaks and blank rows", "\r\n\r\nKosygin\tSoviet premier\r\n\r\nShastri\tIndian PM\r\n", TextOptions{},
			[]sets.Item{txShort("Soviet premier", "Kosygin", 3), txShort("Indian PM", "Shastri", 5)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ParseText(strings.NewReader(tt.in), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Errors) > 0 {
				t.Fatalf("errors:%s", txProblemsAt(res.Errors))
			}
			txSame(t, res.Items, tt.want)
		})
	}
}

func TestParseText_SameSeparatorTwiceIsAnError(t *testing.T) {
	res, err := ParseText(strings.NewReader("a,b,c,d"), TextOptions{TermSep: ",", RowSep: ","})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Items) != 0 || len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, "must differ") {
		t.Fatalf("items %v, errors%s; want one error about the separators", res.Items, txProblemsAt(res.Errors))
	}
}

func TestText_RoundTrip(t *testing.T) {
	items := []sets.Item{
		txShort("Soviet premier who hosted the Tashkent talks", "Alexei Kosygin", 0),
		txShort("Who did Pakistan back in Afghanistan?", "The mujahideen, through the ISI", 0),
		txShort("The agreement signed in Geneva in April 1988 by Pakistan and Afghanistan with two guarantors",
			"The Geneva Accords, guaranteed by the USSR and the USA, ending the war", 0),
		txShort("Industrial project in Karachi built with Soviet help; production began in 1981", "Pakistan Steel Mills", 0),
	}
	for _, opts := range []TextOptions{{}, {TermSep: ",", RowSep: "\n"}, {TermSep: " - ", RowSep: "\n\n"}, {TermSep: "::", RowSep: "|"}} {
		t.Run(strings.NewReplacer("\t", `\t`, "\n", `\n`).Replace(opts.TermSep+" "+opts.RowSep), func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteText(&buf, items, opts); err != nil {
				t.Fatal(err)
			}
			res, err := ParseText(&buf, opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Errors) > 0 {
				t.Fatalf("errors:%s", txProblemsAt(res.Errors))
			}
			txSame(t, txNoLines(res.Items), items)
		})
	}
}

func TestWriteText_RefusesWhatTheListCannotHold(t *testing.T) {
	tests := []struct {
		name string
		item sets.Item
		opts TextOptions
		want string
	}{
		{"multiple choice", txMC("Who hosted the Tashkent talks?", 0, "Kosygin", "Brezhnev"), TextOptions{}, "is a multiple choice question"},
		{"line break with rows on lines", txShort("Soviet premier\nat Tashkent", "Kosygin", 0), TextOptions{}, "row separator (line break)"},
		{"separator inside the term", txShort("Indian prime minister", "Lal Bahadur, Shastri", 0), TextOptions{TermSep: ","}, "term separator (comma)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := WriteText(&bytes.Buffer{}, []sets.Item{txShort("Soviet premier", "Kosygin", 0), tt.item}, tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "question 2") {
				t.Fatalf("err = %v; want it to name question 2 and say %q", err, tt.want)
			}
		})
	}
}

func FuzzParseText(f *testing.F) {
	for _, s := range []struct{ name, term, row string }{
		{"text/quizlet_tab.txt", "", ""},
		{"text/quizlet_custom.txt", " - ", ";"},
		{"text/errors.txt", ",", "\n"},
	} {
		b, err := os.ReadFile(filepath.Join("testdata", s.name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, s.term, s.row)
	}
	f.Fuzz(func(t *testing.T, b []byte, term, row string) {
		opts := TextOptions{TermSep: term, RowSep: row}
		res, err := ParseText(bytes.NewReader(b), opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range res.Items {
			if errs := it.Validate(); len(errs) > 0 || it.Line < 1 {
				t.Fatalf("item %+v: line %d, invalid: %v", it, it.Line, errs)
			}
		}
	})
}

func TestTextFormats_PathologicalFilesStayCheap(t *testing.T) {
	const n = 1 << 20
	const header = "kind,prompt,options,correct,explanation,event_id,tags\n"
	text := func(r io.Reader) (Result, error) { return ParseText(r, TextOptions{}) }
	tests := []struct {
		name  string
		parse func(io.Reader) (Result, error)
		in    string
	}{
		{"Aiken answers alone", ParseAiken, strings.Repeat("ANSWER: B\n", n/10)},
		{"Aiken one long question", ParseAiken, strings.Repeat("A", n)},
		{"Aiken endless options", ParseAiken, "Which?\n" + strings.Repeat("A) x\n", n/5)},
		{"text rows without a tab", text, strings.Repeat("x\n", n/2)},
		{"text tabs", text, strings.Repeat("\t", n)},
		{"Anki quotes", ParseAnkiText, strings.Repeat(`"`, n)},
		{"Anki open cloze deletions", ParseAnkiText, strings.Repeat("{{c1::", n/6)},
		{"Anki notes without a back", ParseAnkiText, strings.Repeat("a\t\n", n/3)},
		{"Anki endless headers", ParseAnkiText, strings.Repeat("#separator:tab\n", n/15) + "a front without a back\n"},
		{"CSV unknown kinds", ParseCSV, header + strings.Repeat("essay,x,,,,,\n", n/13)},
		{"CSV endless options", ParseCSV, header + "multiple-choice,Q," + strings.Repeat("a|", n/2) + ",a,,,\n"},
		{"CSV quotes", ParseCSV, strings.Repeat(`"`, n)},
		{"CSV pipes and backslashes", ParseCSV, header + "short-answer,Q,," + strings.Repeat(`\|`, n/2) + ",,,\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			res, err := tt.parse(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if p := len(res.Errors) + len(res.Unsupported); p == 0 || p > txMaxProblems+3 {
				t.Errorf("%d problems; want between 1 and about %d", p, txMaxProblems+1)
			}
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

func TestTextFormats_StopListingAfterManyProblems(t *testing.T) {
	res, err := ParseText(strings.NewReader(strings.Repeat("no separator here\n", 500)), TextOptions{})
	if err != nil {
		t.Fatal(err)
	}
	last := res.Errors[len(res.Errors)-1]
	if len(res.Errors) != txMaxProblems+1 || last.Line != txMaxProblems+1 || !strings.Contains(last.Message, "stopped reading") {
		t.Errorf("%d errors, last %v; want %d and a note at line %d that reading stopped", len(res.Errors), last, txMaxProblems+1, txMaxProblems+1)
	}
}

func TestParseText_PicturesFromTheInternetAreNamedNotKept(t *testing.T) {
	tests := []struct {
		name, in   string
		prompt     string // of the item, "" when the card is an error
		answer     string
		notKept    []string // the pictures named, in order
		errMessage string
	}{
		{"an address after the text", "Kosygin\tSoviet premier https://o.quizlet.com/kosygin_m.jpg",
			"Soviet premier", "Kosygin", []string{"https://o.quizlet.com/kosygin_m.jpg"}, ""},
		{"an <img> with text", `Badaber	Air base near Peshawar <img src="https://o.quizlet.com/i/badaber.png" alt="">`,
			"Air base near Peshawar", "Badaber", []string{"https://o.quizlet.com/i/badaber.png"}, ""},
		{"a picture on Quizlet's host without a suffix", "Ayub Khan https://o.quizlet.com/abc123\tPresident who visited Moscow in 1965",
			"President who visited Moscow in 1965", "Ayub Khan", []string{"https://o.quizlet.com/abc123"}, ""},
		{"a .webp address in upper case, then a full stop", "Tashkent\tWhere the 1966 talks met. HTTPS://example.org/T.WEBP.",
			"Where the 1966 talks met. .", "Tashkent", []string{"HTTPS://example.org/T.WEBP"}, ""},
		{"a link that is not a picture stays", "SEATO\tPact of 1954 (see https://en.wikipedia.org/wiki/SEATO)",
			"Pact of 1954 (see https://en.wikipedia.org/wiki/SEATO)", "SEATO", nil, ""},
		{"a definition that is only a picture", "Badaber\t<img src=\"https://o.quizlet.com/i/badaber.png\">",
			"", "", nil, "the definition is only the picture at https://o.quizlet.com/i/badaber.png"},
		{"a term that is only a picture", "https://farm4.staticflickr.com/123/ayub.jpg\tPresident who visited Moscow in 1965",
			"", "", nil, "the term is only the picture at https://farm4.staticflickr.com/123/ayub.jpg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ParseText(strings.NewReader(tt.in), TextOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if tt.errMessage != "" {
				if len(res.Errors) != 1 || res.Errors[0].Line != 1 || !strings.Contains(res.Errors[0].Message, tt.errMessage) || len(res.Items) != 0 {
					t.Errorf("errors %v, items %v; want one error on line 1 with %q", res.Errors, res.Items, tt.errMessage)
				}
				return
			}
			if len(res.Errors) > 0 || len(res.Items) != 1 {
				t.Fatalf("errors %v, %d items", res.Errors, len(res.Items))
			}
			if it := res.Items[0]; it.Prompt != tt.prompt || len(it.Accepted) != 1 || it.Accepted[0] != tt.answer {
				t.Errorf("item %q → %q; want %q → %q", it.Prompt, it.Accepted, tt.prompt, tt.answer)
			}
			if len(res.NotKept) != len(tt.notKept) {
				t.Fatalf("not kept %v; want %v", res.NotKept, tt.notKept)
			}
			for i, pic := range tt.notKept {
				want := "not kept: the picture at " + pic + " (Sabaq cannot fetch pictures from the internet: add it in the question's form)"
				if p := res.NotKept[i]; p.Line != 1 || p.Message != want {
					t.Errorf("not kept %+v; want line 1, %q", p, want)
				}
			}
		})
	}
}

func TestParseText_QuizletFileWithPictures(t *testing.T) {
	b, err := os.ReadFile("testdata/roundtrip/quizlet_pictures.txt")
	if err != nil {
		t.Fatal(err)
	}
	res, err := ParseText(bytes.NewReader(b), TextOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := lines(res.Items); !reflect.DeepEqual(got, []int{1, 4}) {
		t.Errorf("items on lines %v; want 1 and 4", got)
	}
	if len(res.Errors) != 2 || res.Errors[0].Line != 2 || res.Errors[1].Line != 3 {
		t.Errorf("errors %v; want lines 2 and 3", res.Errors)
	}
	if len(res.NotKept) != 1 || res.NotKept[0].Line != 1 {
		t.Errorf("not kept %v; want line 1", res.NotKept)
	}
}
