package sets

import (
	"slices"
	"testing"
)

func TestQuestion_FormattedTextIsPlainForCheckingAndSafeHTMLForShowing(t *testing.T) {
	for _, tc := range []struct {
		name       string
		it         Item
		prompt     string // the plain prompt
		promptHTML string // its HTML, "" for none
		options    []string
		optionHTML map[string]string
	}{
		{
			name: "html",
			it: Item{Kind: MultipleChoice, Format: HTML, Prompt: `<p>Which <b>treaty</b> ended the war?</p><script>alert(1)</script>`,
				Choices: []Choice{{Text: `<i>Tashkent</i> Declaration`, Weight: 100}, {Text: `Simla &amp; after`}}},
			prompt: "Which treaty ended the war?", promptHTML: `Which <b>treaty</b> ended the war?`,
			options:    []string{"Tashkent Declaration", "Simla & after"},
			optionHTML: map[string]string{"Tashkent Declaration": `<i>Tashkent</i> Declaration`, "Simla & after": ""},
		},
		{
			name: "markdown",
			it: Item{Kind: MultipleChoice, Format: Markdown, Prompt: `Which city, *Tashkent* or **Simla**?`,
				Choices: []Choice{{Text: `*Tashkent*`, Weight: 100}, {Text: `Simla`}}},
			prompt: "Which city, Tashkent or Simla?", promptHTML: `Which city, <em>Tashkent</em> or <strong>Simla</strong>?`,
			options:    []string{"Tashkent", "Simla"},
			optionHTML: map[string]string{"Tashkent": `<em>Tashkent</em>`, "Simla": ""},
		},
		{
			name: "plain keeps its markup as text",
			it: Item{Kind: MultipleChoice, Format: Plain, Prompt: `Is <b>this</b> bold?`,
				Choices: []Choice{{Text: `*no*`, Weight: 100}, {Text: `yes`}}},
			prompt: "Is <b>this</b> bold?", options: []string{"*no*", "yes"},
			optionHTML: map[string]string{"*no*": ""},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := tc.it.Question(1, 2)
			if q.Prompt != tc.prompt {
				t.Errorf("prompt %q; want %q", q.Prompt, tc.prompt)
			}
			if got := string(q.Rich.Of(q.Prompt)); got != tc.promptHTML {
				t.Errorf("prompt HTML %q; want %q", got, tc.promptHTML)
			}
			if !slices.Equal(q.Options, tc.options) || q.Answer[0] != tc.options[0] {
				t.Errorf("options %q, answer %q; want the plain texts %q", q.Options, q.Answer, tc.options)
			}
			for o, want := range tc.optionHTML {
				if got := string(q.Rich.Of(o)); got != want {
					t.Errorf("option %q HTML %q; want %q", o, got, want)
				}
			}
			if tc.it.Format == Plain && q.Rich != nil {
				t.Errorf("a plain item has HTML: %v", q.Rich)
			}
		})
	}
}
