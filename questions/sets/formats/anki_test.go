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

// txGuid sets an item's guid.
func txGuid(it sets.Item, guid string) sets.Item {
	it.Guid = guid
	return it
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
			txGuid(txIn(txShort("Who mediated the Tashkent talks in January 1966?", "Alexei Kosygin, Soviet premier", 0), soviet, 7, "1965-war", "diplomacy"), "f8F`x]aw7("),
			txGuid(txIn(txCloze("The Tashkent Declaration was signed on ____.", "10 January 1966", "It ended the 1965 war & restored the ceasefire line."), soviet, 8, "1965-war"), "Bq#v3Pk!nA"),
			txGuid(txIn(txShort("Which city did the 1960 U-2 flight leave from?\n(Khrushchev threatened to \"wipe it off the map\")", "Peshawar", 0), soviet, 9, "cold-war", "u-2"), "c0XjLw^2zR"),
			txGuid(txIn(txCloze("____ met Lal Bahadur Shastri at Tashkent.", "Ayub Khan", ""), soviet, 10, "1965-war"), "dTq9}mE1sH"),
			txGuid(txIn(txCloze("Ayub Khan met ____ at Tashkent.", "Lal Bahadur Shastri", ""), soviet, 10, "1965-war"), "dTq9}mE1sH 2"),
			txGuid(txIn(txShort("The last Soviet troops left Afghanistan on 15 February which year?", "1989", 0), afghan, 11, "afghanistan"), "e7&Yp+Kx0u"),
			txGuid(txIn(txCloze("The Geneva Accords were signed in ____ (month and year).", "April 1988", ""), afghan, 12, "afghanistan"), "g2Hh%4Lm8Q"),
		}, nil},
		// Every note type of a new Anki profile but image occlusion, as Anki
		// 2.1.55+ exports them: fields padded to the longest note type, so the
		// tags column is the same on every line.
		{"Anki export: cards of cloze, reversed and typed notes", "anki/cards.txt", []sets.Item{
			txGuid(txIn(txCloze("____ (Soviet premier) visited Pakistan in 1968.", "Kosygin", "The first visit of a Soviet premier to Pakistan."), soviet, 7, "ussr", "1968"), "Kx1!aB2c3D"),
			txGuid(txIn(txCloze("Kosygin visited Pakistan in ____.", "1968", "The first visit of a Soviet premier to Pakistan."), soviet, 7, "ussr", "1968"), "Kx1!aB2c3D 2"),
			txGuid(txIn(txShort("____ and ____ signed the Tashkent Declaration.", "Ayub Khan, Lal Bahadur Shastri", 0), soviet, 8, "1965-war"), "r5%Tq8wLm0"),
			txGuid(txIn(txCloze("Ayub Khan and Lal Bahadur Shastri signed the ____ Declaration.", "Tashkent", ""), soviet, 8, "1965-war"), "r5%Tq8wLm0 2"),
			txGuid(txIn(txShort("Soviet premier who hosted the Tashkent talks", "Alexei Kosygin", 0), soviet, 9, "ussr"), "Zb7&uY2pQe"),
			txGuid(txIn(txShort("Alexei Kosygin", "Soviet premier who hosted the Tashkent talks", 0), soviet, 9, "ussr"), "Zb7&uY2pQe 2"),
			txGuid(txIn(txShort("Capital of the Uzbek SSR", "Tashkent", 0), soviet, 10, "ussr"), "Hn3*Vd9sKa"),
			txGuid(txIn(txShort("Tashkent", "Capital of the Uzbek SSR", 0), soviet, 10, "ussr"), "Hn3*Vd9sKa 2"),
			txGuid(txIn(txShort("Year of the Tashkent Declaration", "1966", 0), soviet, 11, "1965-war"), "Mw4(Jc6tRb"),
			txGuid(txIn(txShort("Year the last Soviet troops left Afghanistan", "1989", 0), afghan, 12, "afghanistan"), "Pq2)Ls5vNx"),
		}, nil},
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
	txWantProblems(t, "unsupported", res.Unsupported, nil)
	txSame(t, res.Items, []sets.Item{
		txShort("Who mediated the Tashkent talks?", "Alexei Kosygin", 4),
		txShort("____ met ____ at Tashkent.", "Ayub, Shastri", 6),
	})
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
		{"no headers: a cloze's :: is not a colon separator", "{{c1::Kosygin}} hosted the talks,Soviet premier\n",
			[]sets.Item{{Kind: sets.Cloze, Prompt: "____ hosted the talks", Format: sets.Plain, Accepted: []string{"Kosygin"}, Explanation: "Soviet premier", Line: 1}}, nil},
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
		{"reversed note type from the header", "#notetype:Basic (and reversed card)\nSoviet premier in 1966\tKosygin\n",
			[]sets.Item{txShort("Soviet premier in 1966", "Kosygin", 2), txShort("Kosygin", "Soviet premier in 1966", 2)}, nil},
		{"reversed note with an empty Back: one error, no reverse card", "#notetype:Basic (and reversed card)\nSoviet premier in 1966\t\n", nil,
			[]Problem{{Line: 2, Message: "give at least one accepted answer"}}},
		{"optional reverse found by its column name", "#notetype:Basic (optional reversed card)\n#columns:Add Reverse\tBack\tFront\ny\tKosygin\tSoviet premier in 1966\n\tTashkent\tCity of the 1966 talks\n",
			[]sets.Item{txShort("Soviet premier in 1966", "Kosygin", 3), txShort("Kosygin", "Soviet premier in 1966", 3), txShort("City of the 1966 talks", "Tashkent", 4)}, nil},
		{"cloze cards in number order, shared hints each on its blank", "#separator:tab\n#notetype:Cloze\n{{c2::Shastri::India}} met {{c1::Ayub::Pakistan}} and {{c2::Swaran Singh}}.\n",
			[]sets.Item{
				{Kind: sets.Cloze, Prompt: "Shastri met ____ (Pakistan) and Swaran Singh.", Format: sets.Plain, Accepted: []string{"Ayub"}, Line: 3},
				txShort("____ (India) met Ayub and ____.", "Shastri, Swaran Singh", 3),
			}, nil},
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
		{"notes of one card keep their guid", []sets.Item{
			txGuid(txShort("Who hosted the talks at Tashkent?", "Alexei Kosygin", 0), "f8F`x]aw7("),
			txShort("Which year did the last Soviet troops leave Afghanistan?", "1989", 0),
		}, "#separator:tab\n#html:false\n#notetype:Basic\n#guid column:3\n#columns:Front\tBack\tGuid\tTags\n#tags column:4\n"},
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

// An Anki note that made several cards is written back as one note per card,
// so those cards lose their note's guid (under it Anki would overwrite the
// teacher's note with one card's text); everything else comes back.
func TestAnkiText_RoundTripOfAnkiCards(t *testing.T) {
	res, err := ParseAnkiText(txOpen(t, "anki/cards.txt"))
	if err != nil || len(res.Errors)+len(res.Unsupported) > 0 {
		t.Fatalf("read: %v%s%s", err, txProblemsAt(res.Errors), txProblemsAt(res.Unsupported))
	}
	var buf bytes.Buffer
	if err := WriteAnkiText(&buf, res.Items); err != nil {
		t.Fatal(err)
	}
	back, err := ParseAnkiText(&buf)
	if err != nil || len(back.Errors)+len(back.Unsupported) > 0 {
		t.Fatalf("read back: %v%s%s\n%s", err, txProblemsAt(back.Errors), txProblemsAt(back.Unsupported), buf.String())
	}
	want := txNoLines(res.Items)
	kept := map[string]bool{"Mw4(Jc6tRb": true, "Pq2)Ls5vNx": true}
	for i := range want {
		if !kept[want[i].Guid] {
			want[i].Guid = ""
		}
	}
	txSame(t, txNoLines(back.Items), want)
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
	for _, name := range []string{"anki/notes.txt", "anki/comma.txt", "anki/errors.txt", "anki/cards.txt"} {
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

func TestParseAnkiNotes_PackageNotesKeepHTMLAndFollowCards(t *testing.T) {
	notes := []AnkiNote{
		// Field names in another order: found by name.
		{Line: 1, Notetype: "Cloze", Cloze: true, Names: []string{"Back Extra", "Text"}, HTML: true, KeepHTML: true,
			Fields: []string{"It ended the <b>1965</b> war.", "Signed in {{c1::<i>1966</i>}} at {{c2::Tashkent::city}}."}, Guid: "g1", Deck: "USSR"},
		// Optional reversed, Add Reverse filled, but Anki made only card 1.
		{Line: 2, Notetype: "Basic (optional reversed card)", Names: []string{"Front", "Back", "Add Reverse"}, HTML: true, KeepHTML: true,
			Fields: []string{"Capital of the Uzbek SSR", "Tashkent", "y"}, Cards: []int{0}, Guid: "g2"},
		// A note type of another name whose second card Anki made.
		{Line: 3, Notetype: "Vocabulary", Names: []string{"Word", "Meaning"}, HTML: true, KeepHTML: true,
			Fields: []string{"premier", "head of government &amp; cabinet"}, Cards: []int{0, 1}, Guid: "g3"},
		// A cloze kind without a deletion.
		{Line: 4, Notetype: "My cloze", Cloze: true, Names: []string{"Text"}, HTML: true, KeepHTML: true, Fields: []string{"no deletion"}},
	}
	res := ParseAnkiNotes(notes, nil)
	type got struct {
		kind                  sets.Kind
		format                sets.TextFormat
		prompt, accepted, exp string
		guid                  string
		line                  int
	}
	var gots []got
	for _, it := range res.Items {
		gots = append(gots, got{it.Kind, it.Format, it.Prompt, strings.Join(it.Accepted, "|"), it.Explanation, it.Guid, it.Line})
	}
	want := []got{
		{sets.Cloze, sets.HTML, "Signed in ____ at Tashkent.", "1966", "It ended the <b>1965</b> war.", "g1", 1},
		{sets.Cloze, sets.HTML, "Signed in <i>1966</i> at ____ (city).", "Tashkent", "It ended the <b>1965</b> war.", "g1 2", 1},
		{sets.ShortAnswer, sets.Plain, "Capital of the Uzbek SSR", "Tashkent", "", "g2", 2},
		{sets.ShortAnswer, sets.HTML, "premier", "head of government &amp; cabinet", "", "g3", 3},
		{sets.ShortAnswer, sets.HTML, "head of government &amp; cabinet", "premier", "", "g3 2", 3},
	}
	if len(gots) != len(want) {
		t.Fatalf("items\n%+v\nwant\n%+v", gots, want)
	}
	for i := range want {
		if gots[i] != want[i] {
			t.Errorf("item %d:\n got %+v\nwant %+v", i+1, gots[i], want[i])
		}
	}
	if len(res.Errors) != 1 || res.Errors[0].Line != 4 || !strings.Contains(res.Errors[0].Message, "no {{c1::…}} deletion") {
		t.Errorf("errors %v; want note 4's missing deletion", res.Errors)
	}
}
