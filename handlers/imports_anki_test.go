package handlers_test

import (
	"net/http"
	"strings"
	"testing"
)

// An Anki deck exported again after the teacher fixed a card, imported into
// the same set: the cards with a guid are updated in place (same question,
// so learners' progress stays), only the new note is added.
func TestImport_AnkiGuidReimportUpdatesInsteadOfDuplicating(t *testing.T) {
	const header = "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n"
	first := header +
		"Kx1!aB2c3D\tCloze\tSoviet Relations\t{{c1::Kosygin}} visited Pakistan in {{c2::1968}}.\t\tussr\n" +
		"Zb7&uY2pQe\tBasic\tSoviet Relations\tCity of the 1966 talks\tTashkant\tussr\n"
	second := header +
		"Kx1!aB2c3D\tCloze\tSoviet Relations\t{{c1::Kosygin}} visited Pakistan in {{c2::April 1968}}.\t\tussr\n" +
		"Zb7&uY2pQe\tBasic\tSoviet Relations\tCity of the 1966 talks\tTashkent\tussr\n" +
		"Pq2)Ls5vNx\tBasic\tSoviet Relations\tSoviet premier in 1966\tKosygin\tussr\n"

	h := newHarness(t)
	c := h.teacher(t, "khan")
	id := createSetViaForm(t, c, "Tashkent")
	var ids []int64
	for i, file := range []string{first, second} {
		preview := c.uploadImport(t, setPath(id)+"/import", map[string]string{"format": "anki"}, "deck.txt", []byte(file))
		if done := confirmImport(t, c, preview, nil); done.status != http.StatusSeeOther {
			t.Fatalf("import %d: %d\n%s", i+1, done.status, flatText(preview.doc.Find("main")))
		}
		if i == 0 {
			for _, it := range h.setItemsOf(t, id) {
				ids = append(ids, it.ID)
			}
		}
	}
	items := h.setItemsOf(t, id)
	var got []string
	for _, it := range items {
		got = append(got, it.Item.Prompt+" = "+strings.Join(it.Item.Accepted, "/"))
	}
	want := []string{
		"____ visited Pakistan in April 1968. = Kosygin",
		"Kosygin visited Pakistan in ____. = April 1968",
		"City of the 1966 talks = Tashkent",
		"Soviet premier in 1966 = Kosygin",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("set after re-import:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i, id := range ids {
		if items[i].ID != id {
			t.Errorf("item %d has id %d after re-import; want %d (updated in place)", i+1, items[i].ID, id)
		}
	}
}
