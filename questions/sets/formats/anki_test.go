package formats

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sabaq/questions/sets"
)

func txCloze(prompt, answer, explanation string) sets.Item {
	return sets.Item{Kind: sets.Cloze, Prompt: prompt, Format: sets.Plain, Accepted: []string{answer}, Explanation: explanation}
}

// txIn sets an item's category, tags and line.
func txIn(it sets.Item, category string, line int, tags ...string) sets.Item {
	it.Category, it.Line, it.Tags = category, line, tags
	return it
}

func TestParseAnkiText_ExportGivesExactItems(t *testing.T) {
	const soviet, afghan = "Pakistan History::Soviet Relations", "Pakistan History::Afghanistan"
	tests := []struct {
		name            string
		file            string
		want            []sets.Item
		wantUnsupported []Problem
	}{
		{"Anki export: guid, notetype and deck columns, HTML", "anki/notes.txt", []sets.Item{
			txIn(txShort("Who mediated the Tashkent talks in January 1966?", "Alexei Kosygin, Soviet premier", 0), soviet, 7, "1965-war", "diplomacy"),
			txIn(txCloze("The Tashkent Declaration was signed on ____.", "10 January 1966", "It ended the 1965 war & restored the ceasefire line."), soviet, 8, "1965-war"),
			txIn(txShort("Which city did the 1960 U-2 flight leave from?\n(Khrushchev threatened to \"wipe it off the map\")", "Peshawar", 0), soviet, 9, "cold-war", "u-2"),
			txIn(txShort("The last Soviet troops left Afghanistan on 15 February which year?", "1989", 0), afghan, 11, "afghanistan"),
			txIn(txCloze("The Geneva Accords were signed in ____ (month and year).", "April 1988", ""), afghan, 12, "afghanistan"),
		}, []Problem{{Line: 10, Question: "Ayub Khan met Lal Bahadur Shastri…", Message: "has 2 deletions"}}},
		{"comma separator, named columns in another order, global deck and tags", "anki/comma.txt", []sets.Item{
			txIn(txShort("Who hosted Ayub Khan and Shastri at Tashkent, in 1966?", "Kosygin", 0), "Soviet Relations", 7, "pakistan", "ussr", "1966"),
			txIn(txShort("What did the Soviet Union help Pakistan found in 1961?\nGive the full name.", "Oil and Gas Development Corporation", 0), "Soviet Relations", 9, "pakistan", "ussr", "economy"),
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ParseAnkiText(txOpen(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Errors) > 0 {
				t.Fatalf("errors:%s", txProblemsAt(res.Errors))
			}
			txSame(t, res.Items, tt.want)
			txWantProblems(t, "unsupported", res.Unsupported, tt.wantUnsupported)
		})
	}
}

func TestParseAnkiText_ErrorsNameTheLine(t *testing.T) {
	res, err := ParseAnkiText(txOpen(t, "anki/errors.txt"))
	if err != nil {
		t.Fatal(err)
	}
	txWantProblems(t, "error", res.Errors, []Problem{
		{Line: 5, Question: "Which city did the U-2 leave…", Message: "give at least one accepted answer"},
		{Line: 7, Message: "the question text is empty"},
	})
	txWantProblems(t, "unsupported", res.Unsupported, []Problem{{Line: 6, Message: "has 2 deletions"}})
	if len(res.Items) != 1 || res.Items[0].Line != 4 {
		t.Errorf("items = %+v; want the one of line 4", res.Items)
	}
}

func TestParseAnkiText_Headers(t *testing.T) {
	tests := []struct {
		name       string
		in         string
		want       []sets.Item
		wantErrors []Problem
	}{
		{"no headers: tab guessed, HTML guessed", "Who hosted the Tashkent talks?\t<b>Kosygin</b>\n",
			[]sets.Item{txShort("Who hosted the Tashkent talks?", "Kosygin", 1)}, nil},
		{"no headers, semicolons", "Who hosted the Tashkent talks?;Kosygin\n",
			[]sets.Item{txShort("Who hosted the Tashkent talks?", "Kosygin", 1)}, nil},
		{"html false keeps tags as text", "#html:false\nWhich tag is bold?\t<b>\n",
			[]sets.Item{txShort("Which tag is bold?", "<b>", 2)}, nil},
		{"pipe separator and a space literal", "#separator:PIPE\nWho hosted Tashkent?|Kosygin\n",
			[]sets.Item{txShort("Who hosted Tashkent?", "Kosygin", 2)}, nil},
		{"separator given as the character", "#separator:;\n#notetype:Basic\nWho hosted Tashkent?;Kosygin\n",
			[]sets.Item{txShort("Who hosted Tashkent?", "Kosygin", 3)}, nil},
		{"legacy tags: first line", "tags:ussr 1966\nWho hosted Tashkent?\tKosygin\n",
			[]sets.Item{txIn(txShort("Who hosted Tashkent?", "Kosygin", 0), "", 2, "ussr", "1966")}, nil},
		{"unknown separator", "#separator:slash\nWho hosted Tashkent?/Kosygin\n", nil,
			[]Problem{{Line: 1, Message: `unknown separator "slash"`}}},
		{"bad column number", "#separator:tab\n#tags column:last\nWho hosted Tashkent?\tKosygin\n", nil,
			[]Problem{{Line: 2, Message: "needs a column number"}}},
		{"bad html value", "#html:maybe\nWho hosted Tashkent?\tKosygin\n", nil,
			[]Problem{{Line: 1, Message: "#html must be true or false"}}},
		{"cloze note type without a deletion", "#notetype:Cloze\nThe Declaration was signed at Tashkent.\t\n", nil,
			[]Problem{{Line: 2, Message: "no {{c1::…}} deletion"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ParseAnkiText(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			txWantProblems(t, "error", res.Errors, tt.wantErrors)
			txSame(t, res.Items, tt.want)
		})
	}
}

func TestAnkiText_RoundTrip(t *testing.T) {
	const soviet = "Pakistan History::Soviet Relations"
	tests := []struct {
		name   string
		items  []sets.Item
		header string
	}{
		{"basic notes in one deck", []sets.Item{
			txIn(txShort("Who hosted the talks at \"Tashkent\"?\n(January 1966)", "Alexei Kosygin", 0), soviet, 0, "1965-war", "diplomacy"),
			txIn(txShort("#1 industrial project built in Karachi with Soviet help?\tName it.", "Pakistan Steel Mills", 0), soviet, 0),
		}, "#separator:tab\n#html:false\n#notetype:Basic\n#deck:" + soviet + "\n#columns:Front\tBack\tTags\n#tags column:3\n"},
		{"cloze notes without a deck", []sets.Item{
			txCloze("The Tashkent Declaration was signed on ____.", "10 January 1966", "It ended the 1965 war."),
			txCloze("____ was Soviet premier from 1964 to 1980.", "Alexei Kosygin", ""),
		}, "#separator:tab\n#html:false\n#notetype:Cloze\n#columns:Text\tBack Extra\tTags\n#tags column:3\n"},
		{"basic and cloze notes in several decks", []sets.Item{
			txIn(txShort("Who hosted the talks at Tashkent?", "Alexei Kosygin", 0), soviet, 0, "1965-war"),
			txIn(txCloze("The Tashkent Declaration was signed on ____.", "10 January 1966", "It ended the 1965 war."), soviet, 0, "1965-war"),
			txIn(txShort("Which year did the last Soviet troops leave Afghanistan?", "1989", 0), "Pakistan History::Afghanistan", 0),
			txCloze("  ____ was Soviet premier from 1964 to 1980.", "Alexei Kosygin", ""),
		}, "#separator:tab\n#html:false\n#notetype column:3\n#deck column:4\n#columns:Front\tBack\tNotetype\tDeck\tTags\n#tags column:5\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteAnkiText(&buf, tt.items); err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(buf.String(), tt.header) {
				t.Errorf("headers:\n%s\nwant:\n%s", buf.String(), tt.header)
			}
			res, err := ParseAnkiText(&buf)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Errors)+len(res.Unsupported) > 0 {
				t.Fatalf("problems:%s%s", txProblemsAt(res.Errors), txProblemsAt(res.Unsupported))
			}
			want := txNoLines(tt.items)
			for i := range want {
				want[i].Prompt = strings.TrimSpace(want[i].Prompt)
			}
			txSame(t, txNoLines(res.Items), want)
		})
	}
}

func TestWriteAnkiText_RefusesWhatTextNotesCannotHold(t *testing.T) {
	tests := []struct {
		name string
		item sets.Item
		want string
	}{
		{"multiple choice", txMC("Who hosted the Tashkent talks?", 0, "Kosygin", "Brezhnev"), "is a multiple choice question"},
		{"cloze syntax in a basic note", txShort("Signed at {{c1::Tashkent}}", "Tashkent", 0), "cloze deletion"},
		{"braces in a cloze answer", txCloze("Signed at ____.", "Tash}}kent", ""), `"}}"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := WriteAnkiText(&bytes.Buffer{}, []sets.Item{txShort("Soviet premier", "Kosygin", 0), tt.item})
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "question 2") {
				t.Fatalf("err = %v; want it to name question 2 and say %q", err, tt.want)
			}
		})
	}
}

func FuzzParseAnkiText(f *testing.F) {
	for _, name := range []string{"anki/notes.txt", "anki/comma.txt", "anki/errors.txt"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		res, err := ParseAnkiText(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range res.Items {
			if errs := it.Validate(); len(errs) > 0 || it.Line < 1 {
				t.Fatalf("item %+v: line %d, invalid: %v", it, it.Line, errs)
			}
		}
		var out bytes.Buffer
		if err := WriteAnkiText(&out, res.Items); err == nil {
			back, err := ParseAnkiText(&out)
			if err != nil || len(back.Items)+len(back.Errors)+len(back.Unsupported) < len(res.Items) {
				t.Fatalf("wrote %d items, read back %d (%v):\n%s", len(res.Items), len(back.Items), err, out.String())
			}
		}
	})
}
