package main

import (
	"bytes"
	"context"
	"errors"
	"image"
	pngenc "image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sabaq/db"
	"sabaq/questions"
	"sabaq/questions/media"
	"sabaq/questions/sets"
)

// importEnv is a temp database with a teacher and a student, and a GIFT
// file with the questions given.
func importEnv(t *testing.T, gift string) (env func(string) string, dbPath, file string) {
	t.Helper()
	dir := t.TempDir()
	dbPath, file = filepath.Join(dir, "s.db"), filepath.Join(dir, "quiz.gift")
	store, err := db.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	for name, role := range map[string]questions.Role{"ms.khan": questions.Teacher, "ali": questions.Student} {
		if _, err := store.CreateAccount(context.Background(), questions.NewAccount{Username: name, PasswordHash: []byte("x"), Role: role}); err != nil {
			t.Fatal(err)
		}
	}
	store.Close()
	if err := os.WriteFile(file, []byte(gift), 0o600); err != nil {
		t.Fatal(err)
	}
	return func(k string) string {
		if k == "SABAQ_DB" {
			return dbPath
		}
		return ""
	}, dbPath, file
}

// setsIn lists every set in the database with its items.
func setsIn(t *testing.T, dbPath string) map[string]int {
	t.Helper()
	store, err := db.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	acc, _, err := store.AccountByUsername(context.Background(), "ms.khan")
	if err != nil {
		t.Fatal(err)
	}
	list, err := store.SetsByOwner(context.Background(), acc.ID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, s := range list {
		out[s.Title] = s.Items
	}
	return out
}

const cliGIFT = `::Mediator:: Who hosted the Tashkent talks? {=Kosygin ~Brezhnev ~Nixon}

The U-2 of 1960 flew from Peshawar. {T}

Where was the 1966 declaration signed? {=Tashkent =Taškent}
`

func TestImport_PrintsThePreviewAndWritesTheSet(t *testing.T) {
	env, dbPath, file := importEnv(t, cliGIFT)
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"import", "--format", "gift", "--set", "Tashkent 1966", "--owner", "ms.khan", file}, env, nil, &out, &errOut)
	if err != nil {
		t.Fatalf("err %v\n%s%s", err, out.String(), errOut.String())
	}
	for _, want := range []string{"(Moodle GIFT): 3 questions", "Multiple choice", "True/false", "Short answer", `imported 3 questions into the set "Tashkent 1966"`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if got := setsIn(t, dbPath); got["Tashkent 1966"] != 3 {
		t.Errorf("sets %v; want Tashkent 1966 with 3 questions", got)
	}
}

func TestImport_ErrorsAreListedByLineAndNothingIsWritten(t *testing.T) {
	env, dbPath, file := importEnv(t, cliGIFT+"\nWhen did the war end? {#nineteen}\n")
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"import", "--format", "gift", "--set", "Broken", "--owner", "ms.khan", file}, env, nil, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "nothing was imported") {
		t.Fatalf("err %v; want one saying nothing was imported", err)
	}
	if !strings.Contains(out.String(), "error: line 7") {
		t.Errorf("the error is not listed with its line:\n%s", out.String())
	}
	if got := setsIn(t, dbPath); len(got) != 0 {
		t.Errorf("sets written: %v", got)
	}
}

func TestImport_UnsupportedNeedSkipUnsupported(t *testing.T) {
	env, dbPath, file := importEnv(t, cliGIFT+"\nDescribe the talks. {}\n")
	var out, errOut bytes.Buffer
	args := []string{"import", "--format", "gift", "--set", "Essay", "--owner", "ms.khan", file}
	err := run(context.Background(), args, env, nil, &out, &errOut)
	if err == nil || !strings.Contains(out.String(), "unsupported: line 7") {
		t.Fatalf("err %v, output:\n%s; want an error listing line 7", err, out.String())
	}
	if got := setsIn(t, dbPath); len(got) != 0 {
		t.Fatalf("sets written without --skip-unsupported: %v", got)
	}
	out.Reset()
	if err := run(context.Background(), append(args, "--skip-unsupported"), env, nil, &out, &errOut); err != nil {
		t.Fatalf("with --skip-unsupported: %v\n%s", err, out.String())
	}
	if got := setsIn(t, dbPath); got["Essay"] != 3 {
		t.Errorf("sets %v; want Essay with the 3 supported questions", got)
	}
}

func TestImport_DryRunWritesNothing(t *testing.T) {
	env, dbPath, file := importEnv(t, cliGIFT)
	var out, errOut bytes.Buffer
	// Flags may follow the file.
	err := run(context.Background(), []string{"import", "--format", "gift", "--set", "Dry", "--owner", "ms.khan", file, "--dry-run"}, env, nil, &out, &errOut)
	if err != nil || !strings.Contains(out.String(), "3 questions") || !strings.Contains(out.String(), "nothing was written") {
		t.Fatalf("err %v, output:\n%s", err, out.String())
	}
	if got := setsIn(t, dbPath); len(got) != 0 {
		t.Errorf("a dry run wrote %v", got)
	}
}

func TestImport_OwnerMustBeATeacher(t *testing.T) {
	env, dbPath, file := importEnv(t, cliGIFT)
	for owner, want := range map[string]string{"ali": "not a teacher", "nobody": "no account"} {
		var out, errOut bytes.Buffer
		err := run(context.Background(), []string{"import", "--format", "gift", "--set", "S", "--owner", owner, file}, env, nil, &out, &errOut)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("owner %s: err %v; want %q", owner, err, want)
		}
	}
	if got := setsIn(t, dbPath); len(got) != 0 {
		t.Errorf("sets written: %v", got)
	}
}

func TestImport_TextFromStdinWithSeparators(t *testing.T) {
	env, dbPath, _ := importEnv(t, "")
	var out, errOut bytes.Buffer
	in := strings.NewReader("Tashkent Declaration;Soviet-brokered agreement of January 1966|Who mediated at Tashkent?;Alexei Kosygin|")
	err := run(context.Background(), []string{"import", "--format", "text", "--term-sep", "semicolon", "--row-sep", "|",
		"--set", "Cards", "--owner", "ms.khan", "-"}, env, in, &out, &errOut)
	if err != nil {
		t.Fatalf("err %v\n%s", err, out.String())
	}
	if got := setsIn(t, dbPath); got["Cards"] != 2 {
		t.Errorf("sets %v; want Cards with 2 questions", got)
	}
}

func TestImport_BadArgumentsAreUsageErrors(t *testing.T) {
	env, _, file := importEnv(t, cliGIFT)
	for name, args := range map[string][]string{
		"no file":        {"--format", "gift", "--set", "S", "--owner", "ms.khan"},
		"unknown format": {"--format", "docx", "--set", "S", "--owner", "ms.khan", file},
		"no title":       {"--format", "gift", "--owner", "ms.khan", file},
		"no owner":       {"--format", "gift", "--set", "S", file},
		"two files":      {"--format", "gift", "--set", "S", "--owner", "ms.khan", file, file},
	} {
		var out, errOut bytes.Buffer
		if err := run(context.Background(), append([]string{"import"}, args...), env, nil, &out, &errOut); !errors.Is(err, errUsage) {
			t.Errorf("%s: err %v; want a usage error", name, err)
		}
	}
}

func TestImport_UnknownFormatIsRefusedWithTheKnownOnes(t *testing.T) {
	env, dbPath, file := importEnv(t, cliGIFT)
	for _, format := range []string{"nope", "", "GIFT", "colpkg"} {
		var out, errOut bytes.Buffer
		err := run(context.Background(), []string{"import", "--format", format, "--set", "S", "--owner", "ms.khan", file}, env, nil, &out, &errOut)
		// main exits with status 2 on a usage error.
		if !errors.Is(err, errUsage) {
			t.Fatalf("--format %q: err %v; want a usage error", format, err)
		}
		if want := "gift, xml, aiken, text, anki, csv, apkg"; !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), `"`+format+`"`) {
			t.Errorf("--format %q: %q does not name it and list %q", format, err, want)
		}
	}
	if got := setsIn(t, dbPath); len(got) != 0 {
		t.Errorf("sets %v; want none", got)
	}
}

func TestImport_EveryRegistryFormatIsRead(t *testing.T) {
	// One short answer, as each format writes it; anki-text is the web
	// export's name for anki.
	files := map[string]string{
		"gift":      "Who hosted the Tashkent talks? {=Kosygin}\n",
		"xml":       `<quiz><question type="shortanswer"><name><text>Q</text></name><questiontext><text>Who hosted the Tashkent talks?</text></questiontext><answer fraction="100"><text>Kosygin</text></answer></question></quiz>`,
		"aiken":     "Who hosted the Tashkent talks?\nA. Kosygin\nB. Nixon\nANSWER: A\n",
		"text":      "Who hosted the Tashkent talks?\tKosygin\n",
		"anki":      "Who hosted the Tashkent talks?\tKosygin\n",
		"anki-text": "Who hosted the Tashkent talks?\tKosygin\n",
		"csv":       "question,answer\nWho hosted the Tashkent talks?,Kosygin\n",
	}
	for format, content := range files {
		env, _, file := importEnv(t, content)
		var out, errOut bytes.Buffer
		err := run(context.Background(), []string{"import", "--format", format, "--set", "S", "--owner", "ms.khan", "--dry-run", file}, env, nil, &out, &errOut)
		if err != nil || !strings.Contains(out.String(), ": 1 question\n") {
			t.Errorf("--format %s: err %v\n%s", format, err, out.String())
		}
	}
}

// TestImport_AnAnkiPackage: sabaq import reads an .apkg file, pictures and
// all, into a set.
func TestImport_AnAnkiPackage(t *testing.T) {
	env, dbPath, _ := importEnv(t, cliGIFT)
	var png bytes.Buffer
	if err := pngenc.Encode(&png, image.NewGray(image.Rect(0, 0, 3, 3))); err != nil {
		t.Fatal(err)
	}
	pic, err := media.New(png.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	items := []sets.Item{
		{Kind: sets.ShortAnswer, Format: sets.HTML, Prompt: `Who is this? <img src="` + pic.URL() + `" alt="a portrait">`, Accepted: []string{"Ayub Khan"}},
		{Kind: sets.Cloze, Prompt: "The declaration was signed at " + sets.Blank + " in 1966.", Accepted: []string{"Tashkent"}},
	}
	var pkg bytes.Buffer
	if err := db.WriteAPKG(&pkg, "Portraits", items, map[string]media.File{pic.Name: pic}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "portraits.apkg")
	if err := os.WriteFile(file, pkg.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"import", "--format", "apkg", "--set", "Portraits", "--owner", "ms.khan", file}, env, nil, &out, &errOut); err != nil {
		t.Fatalf("import: %v\n%s%s", err, out.String(), errOut.String())
	}
	if got := setsIn(t, dbPath); got["Portraits"] != 2 {
		t.Fatalf("sets after import: %v; want Portraits with 2 questions\n%s", got, out.String())
	}
	store, err := db.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if f, err := store.Media(context.Background(), pic.Name); err != nil || !bytes.Equal(f.Data, pic.Data) {
		t.Errorf("the package's picture was not stored: %v", err)
	}
}

// A Moodle XML essay becomes a written question of the set, as on the web.
func TestImport_MoodleEssaysBecomeWrittenQuestions(t *testing.T) {
	env, dbPath, file := importEnv(t, `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="truefalse">
    <name><text>U-2</text></name>
    <questiontext format="html"><text>The U-2 of 1960 flew from Peshawar.</text></questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
  <question type="essay">
    <name><text>Why 1965?</text></name>
    <questiontext format="html"><text>Explain why Pakistan moved closer to the USSR after 1965.</text></questiontext>
    <defaultgrade>7</defaultgrade>
    <graderinfo format="html"><text><![CDATA[<ul><li>Ayub's visit to Moscow in 1965.</li><li>Soviet neutrality in the 1965 war.</li></ul>]]></text></graderinfo>
  </question>
</quiz>
`)
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"import", "--format", "xml", "--set", "Essays", "--owner", "ms.khan", file}, env, nil, &out, &errOut)
	if err != nil {
		t.Fatalf("err %v\n%s%s", err, out.String(), errOut.String())
	}
	if !strings.Contains(out.String(), "written (essay)") || !strings.Contains(out.String(), "and 1 written question(s): t") {
		t.Errorf("output does not name the written question:\n%s", out.String())
	}
	store, err := db.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	acc, _, err := store.AccountByUsername(context.Background(), "ms.khan")
	if err != nil {
		t.Fatal(err)
	}
	ws, err := store.WrittenByOwner(context.Background(), acc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != 1 || ws[0].Marks != 7 || len(ws[0].Points) != 2 {
		t.Errorf("written questions %+v; want the essay, 7 marks, its two points", ws)
	}
}
