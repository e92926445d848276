// Package workshop is the vocabulary a workshop room shares with the
// screens that show it:
//
//   - who is in the room (Member) and what happened (Event);
//   - how the room works now (Mode: free, led or exam) and what the
//     trainer leads it to (Item: a module's page, a quiz question, a scene
//     of the case study the room plays together), kept as Led;
//   - what the room answers there (Part) and the anonymous counts of those
//     answers (Count), with the one rule that hides a distribution below
//     MinAnswers answers, and the room's majority at a decision;
//   - what a trainer's console asks of a room (Console), and what a
//     trainee's app tells it (Link).
//
// It is plain data and pure functions: no I/O, no UI, no server.
// internal/room implements Console and Link; the console, the projector
// view and the trainee's led screen (internal/tui/...) and the line
// console (internal/plain) read these types.
package workshop
