// Package certificate is what a frontline certificate states and how anyone
// can check it.
//
// A certificate is a Statement: the learner's name, the module's id, title,
// version and content fingerprint, the score and the pass mark, the date,
// the exam attempt's id and the issuer. Written out it is a short block of
// "Key: value" lines between BEGIN and END lines that a person can read and
// a program can parse. A signed statement ends with an ed25519 signature by
// the issuer's key; a statement made without an issuer key is a self-study
// record and says so.
//
// The signature is made when the exam is submitted, on the machine that ran
// it: Seal signs the finished attempt and the statement is kept in the
// attempt's row. Issue later turns the learner's best sealed attempt into a
// certificate after checking that the row still says what was sealed, so a
// row added to the database by hand never becomes a signed certificate.
// Verify checks a statement against the keys the verifier trusts, offline;
// the records of the issuing machine, where present, are checked too.
//
// The package also holds the issuer key (created once per trainer or
// organisation and kept in the data folder), the short code derived from
// the signature, and the text, Markdown and PDF layouts.
package certificate
