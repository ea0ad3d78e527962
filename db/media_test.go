package db

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"testing"
	"time"

	"sabaq/questions"
	"sabaq/questions/media"
	"sabaq/questions/sets"
)

func testPicture(t *testing.T, width int) media.File {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, width, 1))); err != nil {
		t.Fatal(err)
	}
	f, err := media.New(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestMedia_StoredOnceReadBackAndUnknownIsNotFound(t *testing.T) {
	ctx := context.Background()
	is := newItemSet(t)
	pic := testPicture(t, 5)
	for range 2 { // the second put is a no-op
		if err := is.s.PutMedia(ctx, is.owner.ID, []media.File{pic}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := is.s.Media(ctx, pic.Name)
	if err != nil || got.MIME != "image/png" || !bytes.Equal(got.Data, pic.Data) {
		t.Fatalf("Media = %s, %d bytes, %v", got.MIME, len(got.Data), err)
	}
	if used, _ := is.s.MediaUsed(ctx, is.owner.ID); used != int64(len(pic.Data)) {
		t.Errorf("used = %d, want %d (one copy)", used, len(pic.Data))
	}
	other := testPicture(t, 6)
	for _, name := range []string{other.Name, "../x.png", ""} {
		if _, err := is.s.Media(ctx, name); questions.ErrorCode(err) != questions.ENOTFOUND {
			t.Errorf("Media(%q) err = %v, want not found", name, err)
		}
	}
	m, err := is.s.MediaFiles(ctx, []string{pic.Name, other.Name, pic.Name})
	if err != nil || len(m) != 1 {
		t.Errorf("MediaFiles = %d files, %v; want the one stored", len(m), err)
	}
}

// TestMedia_QuotaRefusesTheWholeImport: an import whose pictures pass the
// teacher's quota writes nothing, neither its items nor its pictures; a
// picture the teacher already has costs nothing.
func TestMedia_QuotaRefusesTheWholeImport(t *testing.T) {
	ctx := context.Background()
	is := newItemSet(t)
	a, b := testPicture(t, 7), testPicture(t, 8)
	is.s.mediaQuota = int64(len(a.Data) + len(b.Data)/2)
	if err := is.s.PutMedia(ctx, is.owner.ID, []media.File{a}); err != nil {
		t.Fatal(err)
	}
	before := is.prompts(t)
	item := sets.Item{Kind: sets.ShortAnswer, Format: sets.HTML, Prompt: `<img src="` + b.URL() + `" alt="b">`, Accepted: []string{"b"}}
	_, _, err := is.s.ImportItems(ctx, is.id, []sets.Item{item}, []media.File{a, b})
	var qe *QuotaError
	if !errors.As(err, &qe) || qe.Adding != int64(len(b.Data)) {
		t.Fatalf("err = %v, want a quota error for b alone", err)
	}
	if is.prompts(t) != before {
		t.Errorf("the refused import wrote items")
	}
	if _, err := is.s.Media(ctx, b.Name); questions.ErrorCode(err) != questions.ENOTFOUND {
		t.Errorf("the refused import stored its picture")
	}
	if _, _, err := is.s.ImportSet(ctx, is.owner.ID, "Again", "", []sets.Item{item}, []media.File{b}); !errors.As(err, &qe) {
		t.Errorf("ImportSet err = %v, want a quota error", err)
	}
	if sis, _ := is.s.SetsByOwner(ctx, is.owner.ID); len(sis) != 1 {
		t.Errorf("the refused ImportSet made a set: %d sets", len(sis))
	}
	// Another teacher has a quota of their own.
	other, err := is.s.CreateAccount(ctx, questions.NewAccount{Username: "mr-ali", PasswordHash: []byte("x"), Role: questions.Teacher})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := is.s.ImportSet(ctx, other.ID, "Pictures", "", []sets.Item{item}, []media.File{b}); err != nil {
		t.Fatal(err)
	}
	if _, err := is.s.Media(ctx, b.Name); err != nil {
		t.Errorf("stored picture: %v", err)
	}
}

// TestPruneMedia_ForgetsOnlyPicturesNoQuestionShows: deleting the questions
// that show a picture gives its teacher the space back; the picture stays
// while another teacher's question still shows it, and a picture stored
// moments ago for a form being filled in is left alone.
func TestPruneMedia_ForgetsOnlyPicturesNoQuestionShows(t *testing.T) {
	ctx := context.Background()
	is := newItemSet(t)
	shared, fresh := testPicture(t, 9), testPicture(t, 10)
	item := func(f media.File) sets.Item {
		return sets.Item{Kind: sets.ShortAnswer, Format: sets.HTML, Prompt: `<img src="` + f.URL() + `" alt="x">`, Accepted: []string{"x"}}
	}
	mine, _, err := is.s.ImportSet(ctx, is.owner.ID, "Pictures", "", []sets.Item{item(shared)}, []media.File{shared})
	if err != nil {
		t.Fatal(err)
	}
	other, err := is.s.CreateAccount(ctx, questions.NewAccount{Username: "mr-ali", PasswordHash: []byte("x"), Role: questions.Teacher})
	if err != nil {
		t.Fatal(err)
	}
	theirs, _, err := is.s.CreateSet(ctx, other.ID, "Copied", "", []sets.Item{item(shared)}) // an export of mine, imported: no claim
	if err != nil {
		t.Fatal(err)
	}
	is.clock.t = is.clock.t.Add(time.Hour)
	if err := is.s.PutMedia(ctx, is.owner.ID, []media.File{fresh}); err != nil { // a form's upload, not saved yet
		t.Fatal(err)
	}
	before := is.clock.t.Add(-time.Minute)

	if n, err := is.s.PruneMedia(ctx, before); err != nil || n != 0 {
		t.Fatalf("prune with every picture shown: %d removed, %v", n, err)
	}
	if used, _ := is.s.MediaUsed(ctx, is.owner.ID); used != int64(len(shared.Data)+len(fresh.Data)) {
		t.Errorf("used = %d before deleting anything", used)
	}
	if err := is.s.DeleteSet(ctx, mine); err != nil {
		t.Fatal(err)
	}
	if n, err := is.s.PruneMedia(ctx, before); err != nil || n != 0 {
		t.Fatalf("prune: %d removed, %v; want none (mr-ali's question still shows it)", n, err)
	}
	if used, _ := is.s.MediaUsed(ctx, is.owner.ID); used != int64(len(fresh.Data)) {
		t.Errorf("used = %d after deleting the set; want only the fresh upload's %d", used, len(fresh.Data))
	}
	if _, err := is.s.Media(ctx, shared.Name); err != nil {
		t.Errorf("the picture another teacher's question shows was removed: %v", err)
	}
	if err := is.s.DeleteSet(ctx, theirs); err != nil {
		t.Fatal(err)
	}
	if n, err := is.s.PruneMedia(ctx, before); err != nil || n != 1 {
		t.Fatalf("prune: %d removed, %v; want the picture nobody shows", n, err)
	}
	if _, err := is.s.Media(ctx, shared.Name); questions.ErrorCode(err) != questions.ENOTFOUND {
		t.Errorf("the picture nobody shows is still stored: %v", err)
	}
	if _, err := is.s.Media(ctx, fresh.Name); err != nil {
		t.Errorf("the fresh upload was removed: %v", err)
	}
}
