// Package room is the workshop room: an SSH server (wish, with
// golang.org/x/crypto/ssh) that trainees join from their own terminals, and
// the room's state that a trainer's console can follow.
//
// The parts, from the network in:
//
//   - Server (server.go): the listener, the room code asked by
//     keyboard-interactive (authTries per connection, then a growing delay
//     per address), the authorized keys that skip it (authkeys.go), the
//     ed25519 host key (hostkey.go), connection limits and the session
//     handler. channels.go bounds and refuses session requests (PTY size
//     and terminal name, environment, subsystems, agent and X11
//     forwarding) and every channel but sessions.
//   - The join screen (join.go): name, then role or rejoin word.
//   - Room (room.go): the roster (room.json in the room's folder: names,
//     roles, salted hashes of rejoin words, key fingerprints), the room's
//     progress store (one SQLite store per room), the seats and the event
//     stream (events.go). Roster and Subscribe are what a console reads.
//   - Seat (seat.go): one trainee's app, built by newApp (app.go), running
//     from their join until they quit or the workshop ends. A connection
//     attaches to it (conn.go: keys, window sizes, the idle timer); a
//     dropped connection leaves it running unseen, and the next one
//     attaches to the same app, exactly where the trainee was. A seat
//     outlives its connections, which is why the room runs Bubble Tea
//     programs itself instead of through wish's Bubble Tea middleware (that
//     ties a program to one session).
//   - seatStore (store.go): the room's store as one trainee's app sees it,
//     scoped to their profile and reporting each committed write to the
//     room as an event.
//
// Names are compared by a look-alike skeleton (names.go; to be replaced by
// internal/textsafe). Trainees never see each other: each app is locked to
// its own profile (tui.Options.Locked) and its store refuses anyone else's
// records.
package room
