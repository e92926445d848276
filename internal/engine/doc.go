// Package engine is frontline's pure logic: scoring answers, running practice
// quizzes, stepping through scenarios, drawing and scoring exams, scheduling
// the review queue and ordering the library. Certificates are in
// internal/certificate.
//
// It imports only internal/content and the standard library: no I/O, no
// progress store and no UI, so every rule here is table-tested without a
// terminal. State is held in plain values that callers persist as they like.
package engine
