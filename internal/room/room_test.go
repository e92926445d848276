package room

import (
	"errors"
	"testing"

	"frontline/internal/content"
)

// TestRoomJoinRules drives Room.Join directly: names, rejoin words,
// look-alikes, keys, a full room, a closed room, and a reopened room.
func TestRoomJoinRules(t *testing.T) {
	dir := t.TempDir()
	open := func() *Room {
		r, err := OpenRoom(RoomConfig{Name: "rules", DataDir: dir, Library: bundled(t), Theme: "dark", MaxSeats: 2})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	r := open()
	ctx := ctxTimeout(t)
	term := Terminal{Env: []string{"TERM=xterm"}}
	join := func(req JoinRequest) (Joined, error) {
		req.Term = term
		if req.Role == "" {
			req.Role = content.RolePolice
		}
		return r.Join(ctx, req)
	}

	ana, err := join(JoinRequest{Name: "  Ana  Lopez "})
	if err != nil || ana.Word == "" || ana.Name != "Ana Lopez" || ana.Rejoined {
		t.Fatalf("new trainee: %+v, %v", ana, err)
	}
	for _, tc := range []struct {
		req  JoinRequest
		want error
	}{
		{JoinRequest{Name: "ana lopez"}, ErrNameTaken},
		{JoinRequest{Name: "Аna Lopez"}, ErrNameTaken}, // Cyrillic А
		{JoinRequest{Name: "Ana Lopez", Word: "maple-123"}, ErrWrongWord},
	} {
		if _, err := join(tc.req); !errors.Is(err, tc.want) {
			t.Errorf("%+v: %v, want %v", tc.req, err, tc.want)
		}
	}
	again, err := join(JoinRequest{Name: "ANA LOPEZ", Word: ana.Word})
	if err != nil || again.Seat != ana.Seat || !again.Rejoined || again.Word != "" {
		t.Errorf("rejoin with the word: %+v, %v", again, err)
	}
	if _, err := join(JoinRequest{Name: "Ana\x1b[2J"}); err == nil {
		t.Error("a name with an escape joined")
	}
	if _, err := join(JoinRequest{Name: "Role-less", Role: "chef"}); err == nil {
		t.Error("an unknown role joined")
	}

	ben, err := join(JoinRequest{Name: "Ben", Key: "SHA256:ben"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := join(JoinRequest{Name: "Benjamin", Key: "SHA256:ben"}); !errors.Is(err, ErrNameTaken) {
		t.Errorf("a second name for one key: %v", err)
	}
	if j, err := join(JoinRequest{Name: "Ben", Key: "SHA256:ben"}); err != nil || j.Seat != ben.Seat {
		t.Errorf("the key holder coming back: %+v, %v", j, err)
	}
	if _, err := join(JoinRequest{Name: "Cy"}); !errors.Is(err, ErrRoomFull) {
		t.Errorf("a third trainee in a room of two: %v", err)
	}
	r.SetClosed(true)
	if j, err := join(JoinRequest{Name: "Ana Lopez", Word: ana.Word}); err != nil || j.Seat != ana.Seat {
		t.Errorf("rejoin in a closed room: %v", err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}

	// Reopened: the names and words are remembered; the apps start anew.
	r = open()
	defer r.Close()
	if known, _, as := r.Known("ana lopez", ""); !known || as != "Ana Lopez" {
		t.Errorf("reopened room does not know Ana: %v %q", known, as)
	}
	j, err := join(JoinRequest{Name: "Ana Lopez", Word: ana.Word})
	if err != nil || !j.Rejoined || j.Seat == ana.Seat {
		t.Errorf("rejoin after a restart: %+v, %v", j, err)
	}
	if _, err := join(JoinRequest{Name: "Cy"}); err != nil {
		t.Errorf("a newcomer after a restart (one seat in use): %v", err)
	}
}
