package db

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// mode is a file's permission bits.
func mode(t *testing.T, path string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

func TestOpen_DatabaseWALAndSHMAndBackupsAreTheOwnersOnly(t *testing.T) {
	// A permissive umask, as a server started by hand may have: the modes
	// must not depend on it.
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "sabaq.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	newSession(t, s, "q1") // a write, so that the WAL has pages
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if m := mode(t, p); m != FileMode {
			t.Errorf("%s: mode %v; want %v", filepath.Base(p), m, os.FileMode(FileMode))
		}
	}
	backup := filepath.Join(dir, "copy.db")
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if m := mode(t, backup); m != FileMode {
		t.Errorf("backup: mode %v; want %v", m, os.FileMode(FileMode))
	}
	if err := s.Backup(ctx, backup); err == nil {
		t.Error("a second backup to the same file overwrote it")
	}
}

func TestOpen_AnExistingDatabaseKeepsItsMode(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sabaq.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	// An administrator's choice, such as a group that runs the backups.
	if err := os.Chmod(path, 0o640); err != nil {
		t.Fatal(err)
	}
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	newSession(t, s, "q1")
	if m := mode(t, path); m != 0o640 {
		t.Errorf("reopened: mode %v; want -rw-r-----", m)
	}
	if m := mode(t, path+"-wal"); m != 0o640 {
		t.Errorf("its WAL: mode %v; want the database's, -rw-r-----", m)
	}
}
